import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { classOfCodeUnit, isLetterOrDigit, LETTER_OR_DIGIT, SURROGATE, WORD_JOINER } from './character-classes.js';
import { splitLineSentences } from './sentence-boundaries.js';
import { memoizeByString } from './string-memo.js';

/**
 * Words as a reader counts them: runs of letters or digits (punctuation and emoji do not count).
 * These are the matches of the regex `[\p{L}\p{N}][\p{L}\p{N}'’.,%°$€£-]*` (flags `gu`), without
 * trailing stops, found with a character table instead of the regex: the engines count the words
 * of every sentence and body they weigh, thousands of characters per variant.
 */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let start = nextWordStart(text, 0);
  while (start < text.length) {
    const end = wordEnd(text, start);
    words.push(withoutTrailingStops(text.slice(start, end)));
    start = nextWordStart(text, end);
  }
  return words;
}

/** Trailing stops never empty a word (it starts with a letter or digit), so counting the runs is enough. */
export function countWords(text: string): number {
  let count = 0;
  for (let start = nextWordStart(text, 0); start < text.length; start = nextWordStart(text, wordEnd(text, start))) count++;
  return count;
}

/** Where the next word starts at or after `from` (a letter or digit, read by code point as a `u` regex does), or the text's length. */
function nextWordStart(text: string, from: number): number {
  for (let index = from; index < text.length; ) {
    const classes = classOfCodeUnit(text.charCodeAt(index));
    if ((classes & SURROGATE) === 0) {
      if ((classes & LETTER_OR_DIGIT) !== 0) return index;
      index++;
    } else {
      const codePoint = text.codePointAt(index) ?? 0;
      if (isLetterOrDigit(codePoint)) return index;
      index += codePoint > 0xffff ? 2 : 1;
    }
  }
  return text.length;
}

/** The end of the word starting at `start`: letters, digits and the characters that hold a figure together. */
function wordEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length) {
    const classes = classOfCodeUnit(text.charCodeAt(index));
    if ((classes & SURROGATE) === 0) {
      if ((classes & (LETTER_OR_DIGIT | WORD_JOINER)) === 0) break;
      index++;
    } else {
      // The joiners are all in the BMP: an astral code point continues a word only as a letter or digit.
      const codePoint = text.codePointAt(index) ?? 0;
      if (!isLetterOrDigit(codePoint)) break;
      index += codePoint > 0xffff ? 2 : 1;
    }
  }
  return index;
}

/** `word.replace(/[.,]+$/, '')` without running a regex on every word: most words do not end in one. */
function withoutTrailingStops(word: string): string {
  let end = word.length;
  while (end > 0 && (word.charCodeAt(end - 1) === 0x2e || word.charCodeAt(end - 1) === 0x2c)) end--;
  return end === word.length ? word : word.slice(0, end);
}

/**
 * Sentences of a text. Line breaks end a sentence too, so a list item or a step without a full
 * stop still counts as one — which is how a reader (and the reading-grade formula) sees it.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => splitLineSentences(line).map((sentence) => sentence.trim()))
    .filter((sentence) => countWords(sentence) > 0);
}

/** Paragraphs (blank-line separated) and their sentences, for extractive work that keeps document order. */
export function splitParagraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => splitSentences(paragraph.replace(/\s*\n\s*/g, ' ')))
    .filter((sentences) => sentences.length > 0);
}

/**
 * Numbers read as one syllable at least: `syllable` gives digits none, which would flatter a fact-dense text.
 * Memoised per word: `syllable` normalises and pluralises each word (several µs), and a catalog reuses its words endlessly.
 */
export function syllablesOf(word: string): number {
  return memoisedSyllables(word);
}
const memoisedSyllables = memoizeByString((word) => Math.max(1, syllable(word)), 50_000);

/** Flesch-Kincaid grade level of a text (English formula). Memoised: engines ask about the same sentences often. */
export function readingGrade(text: string): number {
  return memoisedGrade(text);
}
const memoisedGrade = memoizeByString(computeReadingGrade, 20_000);

function computeReadingGrade(text: string): number {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  // The counts of `splitSentences(text)` and its words, summed line by line: sentences never span a line break.
  for (const line of text.split(/\n+/)) {
    const counts = lineCounts(line);
    sentences += counts.sentences;
    words += counts.words;
    syllables += counts.syllables;
  }
  if (words === 0) return 0;
  return fleschKincaid({ sentence: sentences, word: words, syllable: syllables });
}

interface LineCounts {
  sentences: number;
  words: number;
  syllables: number;
}

/**
 * Sentences (those with a word), words and syllables of one line. Memoised per line: the bodies an
 * engine weighs against each other share most of their lines (opener, lead, single-sentence steps).
 */
const lineCounts = memoizeByString((line): LineCounts => {
  const counts = { sentences: 0, words: 0, syllables: 0 };
  for (const sentence of splitLineSentences(line)) {
    const sentenceWords = wordsOf(sentence.trim());
    if (sentenceWords.length === 0) continue;
    counts.sentences++;
    counts.words += sentenceWords.length;
    for (const word of sentenceWords) counts.syllables += syllablesOf(word);
  }
  return counts;
}, 20_000);
