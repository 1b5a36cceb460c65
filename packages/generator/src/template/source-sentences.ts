import type { SourceItem } from '../generation-input.types.js';
import { redactPii } from '../guardrails/pii-redactor.js';
import { containsInstructionText } from '../guardrails/prompt-injection.detector.js';
import { mentions } from '../guardrails/guardrail-context.js';
import { stripMarkup } from '../text/markup-sanitizer.js';
import { splitParagraphs } from '../text/text-statistics.js';

export interface SourceSentence {
  text: string;
  /** Document order, kept so extracts read in the author's order. */
  position: number;
  paragraph: number;
}

export interface PreparedSource {
  sentences: SourceSentence[];
  /** Sentences left out because they address a model or use a term the segment avoids. */
  dropped: { text: string; why: 'instruction' | 'avoided term' }[];
  /** Words the source writes in lowercase somewhere: such a word may be lowercased when sentences are joined. */
  lowercaseWords: ReadonlySet<string>;
}

/** The item's body as clean sentences: no markup, no personal data, no instructions, no avoided terms. */
export function prepareSource(item: SourceItem, avoid: readonly string[]): PreparedSource {
  const clean = redactPii(stripMarkup(item.body).text).redacted;
  const sentences: SourceSentence[] = [];
  const dropped: PreparedSource['dropped'] = [];
  splitParagraphs(clean).forEach((paragraph, paragraphIndex) => {
    for (const text of paragraph) {
      if (containsInstructionText(text)) dropped.push({ text, why: 'instruction' });
      else if (avoid.some((term) => mentions(text, term))) dropped.push({ text, why: 'avoided term' });
      else if (!text.includes('removed]')) sentences.push({ text, position: sentences.length, paragraph: paragraphIndex });
    }
  });
  return { sentences, dropped, lowercaseWords: new Set(clean.match(/(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu) ?? []) };
}
