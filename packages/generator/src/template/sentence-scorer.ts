import type { TSegmentStyle } from '@persona/shared';
import { extractQuantities } from '../guardrails/fact-extractor.js';
import { memoizeByString } from '../text/string-memo.js';
import { readingGrade, wordsOf } from '../text/text-statistics.js';
import type { SourceSentence } from './source-sentences.js';

const FACT_WEIGHT: Record<TSegmentStyle['tone'], number> = {
  authoritative: 0.3,
  energetic: 0.15,
  playful: 0.15,
  warm: 0.12,
  plain: 0.1,
  calm: 0.04,
};

/** Crude stem: enough to match "families"/"family" and "cooking"/"cook" between persona and text. */
function stem(word: string): string {
  return word.toLowerCase().replace(/(?:ies|ing|ed|es|s|ly)$/, '').slice(0, 6);
}

/** Memoised: an item's sentences, its title and each segment's persona are ranked again for every segment and redraft. */
const contentStems = memoizeByString(
  (text): readonly string[] =>
    wordsOf(text)
      .filter((word) => /\p{L}{4,}/u.test(word))
      .map(stem),
  5_000,
);

const factCount = memoizeByString((text) => Math.min(3, extractQuantities(text).length), 5_000);

export interface ScoredSentence extends SourceSentence {
  score: number;
  grade: number;
}

/**
 * Ranks sentences for one segment: how central the sentence is to the item (shared vocabulary
 * with the rest of it, its title above all), where it sits, how many facts it carries (valued by
 * tone: professionals want the figures, calm readers fewer of them), how close it is to the
 * reader's grade, and how much it speaks to the segment's persona.
 */
export function scoreSentences(
  sentences: readonly SourceSentence[],
  title: string,
  style: TSegmentStyle,
  personaText: string,
): ScoredSentence[] {
  const frequency = new Map<string, number>();
  const stemsBySentence = sentences.map((sentence) => contentStems(sentence.text));
  for (const stems of stemsBySentence) for (const word of new Set(stems)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const titleStems = new Set(contentStems(title));
  const personaStems = new Set(contentStems(personaText));
  const centrality = stemsBySentence.map(
    (stems) => stems.reduce((sum, word) => sum + (frequency.get(word) ?? 0) - 1, 0) / Math.sqrt(stems.length + 1),
  );
  const maxCentrality = Math.max(1, ...centrality);
  return sentences.map((sentence, index) => {
    const stems = stemsBySentence[index] ?? [];
    const grade = readingGrade(sentence.text);
    const facts = factCount(sentence.text);
    const firstInParagraph = index === 0 || sentences[index - 1]?.paragraph !== sentence.paragraph;
    const gradeGap = Math.max(0, grade - style.readingGrade - 3);
    const score =
      (centrality[index] ?? 0) / maxCentrality +
      (index === 0 ? 0.35 : firstInParagraph ? 0.15 : 0) +
      facts * FACT_WEIGHT[style.tone] +
      0.15 * stems.filter((word) => titleStems.has(word)).length +
      0.2 * new Set(stems.filter((word) => personaStems.has(word))).size -
      (style.readingGrade <= 8 ? 0.05 * gradeGap : 0) -
      0.04 * Math.abs(grade - style.readingGrade);
    return { ...sentence, score, grade };
  });
}
