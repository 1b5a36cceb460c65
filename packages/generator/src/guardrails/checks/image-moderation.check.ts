import { LlmError, type LlmClient } from '@persona/llm';
import type { TGuardrailCheck } from '@persona/shared';

export type ImageModeration =
  | { verdict: 'clean'; check: TGuardrailCheck }
  | { verdict: 'flagged'; categories: string[] }
  | { verdict: 'unchecked'; check: TGuardrailCheck };

/**
 * A generated image through the moderation endpoint. There is no offline judge of pictures, so an
 * endpoint that fails leaves the image unmoderated, and the check says so as a warning (which keeps
 * it from being approved without a person).
 */
export async function moderateGeneratedImage(image: Buffer, moderator: LlmClient, rethrow?: (error: LlmError) => boolean): Promise<ImageModeration> {
  try {
    const result = await moderator.moderateImage(image);
    if (result.flagged) return { verdict: 'flagged', categories: result.categories };
    return { verdict: 'clean', check: { name: 'image-moderation', status: 'pass', detail: 'generated image: not flagged by the moderation endpoint' } };
  } catch (error) {
    if (!(error instanceof LlmError) || rethrow?.(error) === true) throw error;
    return {
      verdict: 'unchecked',
      check: { name: 'image-moderation', status: 'warn', detail: `generated image not moderated: the moderation endpoint failed (${error.kind}): ${error.message}` },
    };
  }
}

/** The item's own image, cropped and treated: nothing was generated, so nothing new needs judging. */
export const OWN_IMAGE_MODERATION: TGuardrailCheck = {
  name: 'image-moderation',
  status: 'pass',
  detail: "nothing generated: the item's own image, cropped and recoloured",
};

export function flaggedImageFallback(categories: readonly string[]): TGuardrailCheck {
  return {
    name: 'image-moderation',
    status: 'warn',
    detail: `the generated image was flagged by the moderation endpoint (${categories.join(', ') || 'no category named'}), so the item's own image was used instead`,
  };
}
