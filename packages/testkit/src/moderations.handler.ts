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

/** A multimodal input part, as omni-moderation takes them. */
type ModerationPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

function isPart(input: unknown): input is ModerationPart {
  if (typeof input !== 'object' || input === null) return false;
  const part = input as { type?: unknown; text?: unknown; image_url?: { url?: unknown } };
  if (part.type === 'text') return typeof part.text === 'string';
  return part.type === 'image_url' && typeof part.image_url?.url === 'string' && part.image_url.url.startsWith('data:image/');
}

/**
 * Texts are judged by the word list. An image part is not flagged by default (a test scripts a
 * flagged answer for the image it means); it is validated as a data URL the way the real endpoint
 * insists on a fetchable image.
 */
export function answerModerations(
  request: RecordedRequest,
  flaggedWords: Readonly<Record<string, readonly string[]>>,
): ServerAnswer {
  const body = request.body as { input?: unknown; model?: unknown };
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  const multimodal = Array.isArray(inputs) && inputs.length > 0 && inputs.every(isPart);
  if (!Array.isArray(inputs) || !(multimodal || inputs.every((input) => typeof input === 'string'))) {
    return errorAnswer(400, "'input' must be a string, an array of strings, or an array of text and image_url parts.", 'input');
  }
  const model = typeof body.model === 'string' ? body.model : 'omni-moderation-latest';
  if (!multimodal) return jsonAnswer({ id: `modr-${randomUUID()}`, model, results: (inputs as string[]).map((input) => moderate(input, flaggedWords, ['text'])) });
  const parts = inputs as ModerationPart[];
  const hasImage = parts.some((part) => part.type === 'image_url');
  if (hasImage && !model.startsWith('omni-')) return errorAnswer(400, `Model ${model} does not support image inputs.`, 'model');
  // The real endpoint answers one result for all the parts of a multimodal input.
  const text = parts.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
  const results = [moderate(text, flaggedWords, hasImage ? ['text', 'image'] : ['text'])];
  return jsonAnswer({ id: `modr-${randomUUID()}`, model, results });
}

function moderate(input: string, flaggedWords: Readonly<Record<string, readonly string[]>>, inputTypes: readonly string[]): unknown {
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
    category_applied_input_types: Object.fromEntries(allCategories.map((category) => [category, inputTypes])),
  };
}
