import type { TEmojiPolicy, TTextFormat } from './tone.types.js';
import { capitalise } from './register-rewriter.js';
import { bulletMarker } from './tone-phrasebook.js';

export interface BodyParts {
  /** Sentences grouped by source paragraph, in reading order. */
  paragraphs: string[][];
  /** First line(s) before the sentences; empty for none. */
  opener: string;
  /** Clauses recapping the item's figures, appended as one closing sentence (may be empty). */
  recap: string[];
  recapPerSentence: number;
}

/** Lays the chosen sentences out as numbered steps, bullets or paragraphs. */
export function formatBody(parts: BodyParts, format: TTextFormat, emoji: TEmojiPolicy): string {
  const sentences = parts.paragraphs.flat();
  const main =
    format === 'steps'
      ? [parts.opener, ...sentences.map((sentence, index) => `${index + 1}. ${sentence}`)]
      : format === 'bullets'
        ? [parts.opener, ...sentences.map((sentence, index) => `${bulletMarker(index, emoji)}${sentence}`)]
        : [parts.opener, ...parts.paragraphs.map((paragraph) => paragraph.join(' '))];
  const separator = format === 'narrative' ? '\n\n' : '\n';
  const body = main.filter((line) => line !== '').join(separator);
  if (parts.recap.length === 0) return body;
  const recapSentences: string[] = [];
  for (let index = 0; index < parts.recap.length; index += parts.recapPerSentence) {
    recapSentences.push(`${parts.recap.slice(index, index + parts.recapPerSentence).join('; ')}.`);
  }
  return `${body}\n\nThe figures at a glance: ${recapSentences.map((sentence, index) => (index === 0 ? sentence : capitalise(sentence))).join(' ')}`;
}
