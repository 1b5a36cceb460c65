import { memoizeByString } from '../text/string-memo.js';
import { wordsOf } from '../text/text-statistics.js';

/** Crude stem: enough to match "families"/"family" and "cooking"/"cook" between persona and text. */
function stem(word: string): string {
  return word.toLowerCase().replace(/(?:ies|ing|ed|es|s|ly)$/, '').slice(0, 6);
}

/** The stems of a text's words of four letters or more. Memoised: an item's title and each segment's persona are ranked again for every segment and redraft. */
export const contentStems = memoizeByString(
  (text): readonly string[] =>
    wordsOf(text)
      .filter((word) => /\p{L}{4,}/u.test(word))
      .map(stem),
  5_000,
);
