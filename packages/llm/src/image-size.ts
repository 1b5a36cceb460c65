import { LlmError } from './llm-client.js';

/** Sizes the hosted image models accept; other models (local servers) are asked for the exact size. */
const MODEL_SIZES: readonly { prefix: string; sizes: readonly (readonly [number, number])[] }[] = [
  { prefix: 'gpt-image', sizes: [[1024, 1024], [1536, 1024], [1024, 1536]] },
  { prefix: 'dall-e-3', sizes: [[1024, 1024], [1792, 1024], [1024, 1792]] },
  { prefix: 'dall-e-2', sizes: [[256, 256], [512, 512], [1024, 1024]] },
];

/**
 * The `WxH` size to request for a wanted pixel size: the supported size with the nearest aspect
 * ratio (dall-e-2, square only, the smallest that is large enough), or the exact size for models
 * with no fixed list.
 */
export function pickImageSize(model: string, width: number, height: number): string {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new LlmError('bad_request', `An image needs a positive size, not ${width}x${height}`);
  }
  const known = MODEL_SIZES.find((entry) => model.startsWith(entry.prefix));
  if (known === undefined) return `${Math.round(width)}x${Math.round(height)}`;
  if (known.prefix === 'dall-e-2') {
    const side = known.sizes.find(([w]) => w >= Math.max(width, height)) ?? known.sizes[known.sizes.length - 1];
    return `${side?.[0]}x${side?.[1]}`;
  }
  const wanted = Math.log(width / height);
  const [bestWidth, bestHeight] = known.sizes.reduce((best, size) =>
    Math.abs(Math.log(size[0] / size[1]) - wanted) < Math.abs(Math.log(best[0] / best[1]) - wanted) ? size : best,
  );
  return `${bestWidth}x${bestHeight}`;
}

/**
 * GPT image models always answer b64 and reject `response_format`; dall-e and most local servers
 * answer a URL unless asked for `b64_json`.
 */
export function needsB64ResponseFormat(model: string): boolean {
  return !model.startsWith('gpt-image');
}
