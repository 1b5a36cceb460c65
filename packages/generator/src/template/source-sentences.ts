import type { SourceItem } from '../generation-input.types.js';
import { redactPii } from '../guardrails/pii-redactor.js';
import { containsInstructionText } from '../guardrails/prompt-injection.detector.js';
import { mentions } from '../guardrails/guardrail-context.js';
import { stripMarkup } from '../text/markup-sanitizer.js';
import { memoizeByString } from '../text/string-memo.js';
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
  const body = analyseBody(item.body);
  const sentences: SourceSentence[] = [];
  const dropped: PreparedSource['dropped'] = [];
  body.paragraphs.forEach((paragraph, paragraphIndex) => {
    for (const { text, instruction } of paragraph) {
      if (instruction) dropped.push({ text, why: 'instruction' });
      else if (avoid.some((term) => mentions(text, term))) dropped.push({ text, why: 'avoided term' });
      else if (!text.includes('removed]')) sentences.push({ text, position: sentences.length, paragraph: paragraphIndex });
    }
  });
  return { sentences, dropped, lowercaseWords: body.lowercaseWords };
}

interface AnalysedBody {
  paragraphs: readonly (readonly { text: string; instruction: boolean }[])[];
  lowercaseWords: ReadonlySet<string>;
}

/**
 * What does not depend on the segment — cleaning, sentence splitting, the instruction scan — done
 * once per body: every segment (and every redraft) of an item starts from the same sentences.
 */
const analyseBody = memoizeByString((body: string): AnalysedBody => {
  const clean = redactPii(stripMarkup(body).text).redacted;
  return {
    paragraphs: splitParagraphs(clean).map((paragraph) => paragraph.map((text) => ({ text, instruction: containsInstructionText(text) }))),
    lowercaseWords: new Set(clean.match(/(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu) ?? []),
  };
}, 500);
