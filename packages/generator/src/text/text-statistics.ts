import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { classOfCodeUnit, isLetterOrDigit, LETTER_OR_DIGIT, SURROGATE, WORD_JOINER } from './character-classes.js';
import { sentenceSpans, splitLineSentences } from './sentence-boundaries.js';
import { memoizeByString } from './string-memo.js';
import { wordAt } from './word-table.js';

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
    words.push(text.slice(start, withoutTrailingStops(text, start, end)));
    start = nextWordStart(text, end);
  }
  return words;
}

/** Calls `visit` with the [start, end) of each word of `wordsOf(text)`, in order, without making the words. */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  for (let start = nextWordStart(text, 0); start < text.length; ) {
    const end = wordEnd(text, start);
    visit(start, withoutTrailingStops(text, start, end));
    start = nextWordStart(text, end);
  }
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

/** The end of `word.replace(/[.,]+$/, '')` for the word at [start, end), without running a regex on every word. */
function withoutTrailingStops(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && (text.charCodeAt(stop - 1) === 0x2e || text.charCodeAt(stop - 1) === 0x2c)) stop--;
  return stop;
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

/** Syllables of one word (at least one: digits count as one, which keeps a fact-dense text honest). */
export function syllablesOf(word: string): number {
  return syllablesAt(word, 0, word.length);
}

/**
 * The syllables of the word at [start, end) of `text`, kept with the word's entry: `syllable`
 * normalises and pluralises each word (several µs), and a catalog reuses its words endlessly.
 */
function syllablesAt(text: string, start: number, end: number): number {
  const entry = wordAt(text, start, end);
  if (entry.syllables < 0) entry.syllables = Math.max(1, syllable(entry.word));
  return entry.syllables;
}

/**
 * Flesch-Kincaid grade level of a text (English formula). Memoised: engines ask about the same
 * sentences and bodies often. A text of one line is memoised as its line (one lookup, not two).
 */
export function readingGrade(text: string): number {
  return text.includes('\n') ? memoisedGrade(text) : gradeOf(lineCounts(text));
}
const memoisedGrade = memoizeByString((text) => gradeOf(countsOfLines(text)), 20_000);

/** The counts of `splitSentences(text)` and its words, summed line by line: sentences never span a line break. */
export function countsOfLines(text: string): LineCounts {
  const total = { sentences: 0, words: 0, syllables: 0 };
  for (const line of text.split(/\n+/)) {
    const counts = lineCounts(line);
    total.sentences += counts.sentences;
    total.words += counts.words;
    total.syllables += counts.syllables;
  }
  return total;
}

/**
 * Records the counts of `text` summed over its lines (those `readingGrade` grades it from), for a
 * caller that counted a text it built from pieces it knew: grading the text later is a lookup.
 */
export function rememberCounts(text: string, counts: LineCounts): void {
  if (text.includes('\n')) memoisedGrade.remember(text, gradeOf(counts));
  else lineCounts.remember(text, counts);
}

/** The Flesch-Kincaid grade of a text with these counts: `readingGrade` of a text is `gradeOf` of its lines' counts summed. */
export function gradeOf(counts: LineCounts): number {
  if (counts.words === 0) return 0;
  return fleschKincaid({ sentence: counts.sentences, word: counts.words, syllable: counts.syllables });
}

export interface LineCounts {
  sentences: number;
  words: number;
  syllables: number;
}

/**
 * Sentences (those with a word), words and syllables of one line. Memoised per line: the bodies an
 * engine weighs against each other share most of their lines (opener, lead, single-sentence steps).
 * The words of each sentence are read in place: no word runs across a sentence's end, so they are
 * the words of `wordsOf(sentence)` without a string per sentence or an array per sentence.
 */
const lineCounts = memoizeByString((line): LineCounts => {
  const counts = { sentences: 0, words: 0, syllables: 0 };
  const spans = sentenceSpans(line);
  for (let span = 0; span < spans.length; span += 2) {
    const words = addWordCounts(line, spans[span] ?? 0, spans[span + 1] ?? 0, counts);
    if (words > 0) counts.sentences++;
  }
  return counts;
}, 20_000);

/**
 * The words of `wordsOf(text)` and their syllables, wherever its sentences break: the counts of a
 * piece of a line that no word runs into or out of (sentences left at 0).
 */
export function wordCounts(text: string): LineCounts {
  const counts = { sentences: 0, words: 0, syllables: 0 };
  addWordCounts(text, 0, text.length, counts);
  return counts;
}

/** Adds the words starting in [from, to) of `text`, and their syllables, to `counts`; returns how many there were. */
function addWordCounts(text: string, from: number, to: number, counts: LineCounts): number {
  let words = 0;
  for (let start = nextWordStart(text, from); start < to; ) {
    const stop = wordEnd(text, start);
    words++;
    counts.syllables += syllablesAt(text, start, withoutTrailingStops(text, start, stop));
    start = nextWordStart(text, stop);
  }
  counts.words += words;
  return words;
}
