import { fleschKincaid } from 'flesch-kincaid';
import { split } from 'sentence-splitter';
import { syllable } from 'syllable';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,%°$€£-]*/gu;

/** Words as a reader counts them: runs of letters or digits (punctuation and emoji do not count). */
export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((word) => word.replace(/[.,]+$/, ''));
}

export function countWords(text: string): number {
  return wordsOf(text).length;
}

/**
 * Sentences of a text. Line breaks end a sentence too, so a list item or a step without a full
 * stop still counts as one — which is how a reader (and the reading-grade formula) sees it.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => split(line).filter((node) => node.type === 'Sentence').map((node) => node.raw.trim()))
    .filter((sentence) => countWords(sentence) > 0);
}

/** Paragraphs (blank-line separated) and their sentences, for extractive work that keeps document order. */
export function splitParagraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => splitSentences(paragraph.replace(/\s*\n\s*/g, ' ')))
    .filter((sentences) => sentences.length > 0);
}

/** Numbers read as one syllable at least: `syllable` gives digits none, which would flatter a fact-dense text. */
export function syllablesOf(word: string): number {
  return Math.max(1, syllable(word));
}

const gradeCache = new Map<string, number>();
const GRADE_CACHE_LIMIT = 20_000;

/** Flesch-Kincaid grade level of a text (English formula). Memoised: engines ask about the same sentences often. */
export function readingGrade(text: string): number {
  const cached = gradeCache.get(text);
  if (cached !== undefined) return cached;
  if (gradeCache.size >= GRADE_CACHE_LIMIT) gradeCache.clear();
  const grade = computeReadingGrade(text);
  gradeCache.set(text, grade);
  return grade;
}

function computeReadingGrade(text: string): number {
  const sentences = splitSentences(text);
  const words = sentences.flatMap(wordsOf);
  if (words.length === 0) return 0;
  const syllables = words.reduce((sum, word) => sum + syllablesOf(word), 0);
  return fleschKincaid({ sentence: sentences.length, word: words.length, syllable: syllables });
}
