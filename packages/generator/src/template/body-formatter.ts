import type { TEmojiPolicy, TTextFormat } from './tone.types.js';
import { joinedSentence } from './register-rewriter.js';
import { bulletMarker } from './tone-phrasebook.js';

/** A sentence of the body as the clauses it links (see `joinClauses`): one clause for a sentence left alone. */
export type Clauses = readonly string[];

export interface BodyParts {
  /** Sentences grouped by source paragraph, in reading order. */
  paragraphs: readonly (readonly Clauses[])[];
  /** First line(s) before the sentences; empty for none. */
  opener: string;
  /** Sentences (without their stop) recapping the item's figures, appended as a closing paragraph (may be empty). */
  recap: readonly string[];
}

/**
 * The body before it becomes one string, line by line with where each line's text comes from:
 * the grader counts a candidate body from its clauses instead of reading the new string again.
 */
export interface BodyLayout {
  /** First line(s) before the sentences; empty for none. */
  opener: string;
  /** A step, a bullet or a paragraph each. */
  lines: readonly SentenceLine[];
  /** Between the opener and the lines, and between lines. */
  separator: string;
  /** The closing line recapping the figures; null for none. */
  recap: SentenceLine | null;
}

/** A line of sentences: its marker ("3. ", "- ", or none) and the sentences after it, separated by a space. */
export interface SentenceLine {
  marker: string;
  sentences: readonly Clauses[];
}

/** Lays the chosen sentences out as numbered steps, bullets or paragraphs (`bodyText` makes it the body). */
export function layOutBody(parts: BodyParts, format: TTextFormat, emoji: TEmojiPolicy): BodyLayout {
  const sentences = parts.paragraphs.flat();
  const lines: SentenceLine[] =
    format === 'steps'
      ? sentences.map((sentence, index) => ({ marker: `${index + 1}. `, sentences: [sentence] }))
      : format === 'bullets'
        ? sentences.map((sentence, index) => ({ marker: bulletMarker(index, emoji), sentences: [sentence] }))
        : parts.paragraphs.map((paragraph) => ({ marker: '', sentences: paragraph }));
  return { opener: parts.opener, lines, separator: format === 'narrative' ? '\n\n' : '\n', recap: recapLine(parts) };
}

export function bodyText(layout: BodyLayout): string {
  const main = [layout.opener, ...layout.lines.map(lineText)].filter((line) => line !== '').join(layout.separator);
  return layout.recap === null ? main : `${main}\n\n${lineText(layout.recap)}`;
}

export function lineText(line: SentenceLine): string {
  return line.marker + line.sentences.map(joinedSentence).join(' ');
}

/** The recap's sentences as the closing line. */
function recapLine(parts: BodyParts): SentenceLine | null {
  if (parts.recap.length === 0) return null;
  return { marker: '', sentences: parts.recap.map((sentence) => [sentence]) };
}
