import { forEachWord } from '../text-statistics.js';
import { spanishSentencesOf } from './spanish-sentences.js';
import { spanishSyllables } from './spanish-syllables.js';

export interface SpanishCounts {
  sentences: number;
  words: number;
  syllables: number;
}

/** Sentences, words and syllables of a Spanish text, words counted as `countWords` does. */
export function spanishCounts(text: string): SpanishCounts {
  const counts = { sentences: 0, words: 0, syllables: 0 };
  for (const sentence of spanishSentencesOf(text)) {
    let words = 0;
    forEachWord(sentence, (start, end) => {
      words++;
      // A figure ("350", "12,50") counts as one syllable, as in the English counts: it keeps a fact-dense text honest.
      counts.syllables += spanishSyllables(sentence.slice(start, end));
    });
    if (words > 0) counts.sentences++;
    counts.words += words;
  }
  return counts;
}

/**
 * INFLESZ, Szigriszt-Pazos's perspicuity index for Spanish (1993), as Barrio-Cantalejo et al.
 * (2008) validated it: 206.835 − 62.3 × syllables/words − words/sentences. 0–100, higher is easier.
 */
export function inflesz(text: string): number {
  return infleszOf(spanishCounts(text));
}

export function infleszOf(counts: SpanishCounts): number {
  if (counts.words === 0 || counts.sentences === 0) return 100;
  return 206.835 - (62.3 * counts.syllables) / counts.words - counts.words / counts.sentences;
}

/**
 * The INFLESZ scale's bands (Barrio-Cantalejo et al. 2008) with the reading they name and the
 * school level they match, which is how a US reading grade maps onto it.
 */
export const INFLESZ_BANDS = [
  { from: 0, to: 40, label: 'muy difícil', readers: 'university, scientific' },
  { from: 40, to: 55, label: 'algo difícil', readers: 'upper secondary (bachillerato), popular science' },
  { from: 55, to: 65, label: 'normal', readers: 'lower secondary (ESO), general press' },
  { from: 65, to: 80, label: 'bastante fácil', readers: 'primary school, sports press' },
  { from: 80, to: 100, label: 'muy fácil', readers: 'early primary, comics' },
] as const;

export function infleszBand(score: number): (typeof INFLESZ_BANDS)[number] {
  return INFLESZ_BANDS.find((band) => score < band.to) ?? INFLESZ_BANDS[INFLESZ_BANDS.length - 1]!;
}

/**
 * The INFLESZ target of a segment: its `readingEase` when given, else the middle of the band whose
 * school level matches its US reading grade (grades 1–6 primary, 7–10 lower secondary, 11–12
 * upper secondary, 13 and up university).
 */
export function spanishEaseTarget(style: { readingGrade: number; readingEase?: number | undefined }): number {
  if (style.readingEase !== undefined) return style.readingEase;
  const grade = style.readingGrade;
  if (grade <= 4) return 85;
  if (grade <= 6) return 72;
  if (grade <= 10) return 60;
  if (grade <= 12) return 48;
  return 35;
}

/**
 * How far a measured INFLESZ may stray from its target: ±10 passes (about a band's width, as ±2
 * grades is on the English scale), ±20 warns; harder still fails, while easier only warns (a
 * reader of a harder band reads easy text fine).
 */
export function judgeSpanishEase(score: number, target: number): 'pass' | 'warn' | 'fail' {
  const gap = Math.abs(score - target);
  if (gap <= 10) return 'pass';
  if (gap <= 20 || score > target) return 'warn';
  return 'fail';
}
