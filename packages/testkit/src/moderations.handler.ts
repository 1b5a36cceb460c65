import { randomUUID } from 'node:crypto';
import type { RecordedRequest } from './recorded-request.js';
import { errorAnswer, jsonAnswer, type ServerAnswer } from './server-answer.js';

const CATEGORIES = [
  'harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent', 'self-harm',
  'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence', 'violence/graphic',
] as const;

/** Words that flag an input, by moderation category; tests put one in a text to see it flagged. */
export const DEFAULT_FLAGGED_WORDS: Readonly<Record<string, readonly string[]>> = {
  violence: ['kill', 'murder', 'stab', 'shoot'],
  'violence/graphic': ['gore', 'dismember'],
  hate: ['subhuman', 'vermin'],
  harassment: ['idiot', 'loser'],
  'self-harm': ['suicide', 'self-harm'],
  sexual: ['porn', 'explicit'],
  illicit: ['meth', 'counterfeit'],
};

export function answerModerations(
  request: RecordedRequest,
  flaggedWords: Readonly<Record<string, readonly string[]>>,
): ServerAnswer {
  const body = request.body as { input?: unknown; model?: unknown };
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(inputs) || !inputs.every((input) => typeof input === 'string')) {
    return errorAnswer(400, "'input' must be a string or an array of strings.", 'input');
  }
  return jsonAnswer({
    id: `modr-${randomUUID()}`,
    model: typeof body.model === 'string' ? body.model : 'omni-moderation-latest',
    results: inputs.map((input) => moderate(input, flaggedWords)),
  });
}

function moderate(input: string, flaggedWords: Readonly<Record<string, readonly string[]>>): unknown {
  const words = new Set(input.toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? []);
  const hit = new Set(
    Object.entries(flaggedWords)
      .filter(([, list]) => list.some((word) => words.has(word)))
      .map(([category]) => category),
  );
  const allCategories = [...new Set([...CATEGORIES, ...Object.keys(flaggedWords)])];
  return {
    flagged: hit.size > 0,
    categories: Object.fromEntries(allCategories.map((category) => [category, hit.has(category)])),
    category_scores: Object.fromEntries(allCategories.map((category) => [category, hit.has(category) ? 0.97 : 0.001])),
    category_applied_input_types: Object.fromEntries(allCategories.map((category) => [category, ['text']])),
  };
}
