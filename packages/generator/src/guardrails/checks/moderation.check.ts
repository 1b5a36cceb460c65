import { LlmError, type LlmClient } from '@persona/llm';
import type { TGuardrailCheck } from '@persona/shared';
import { LOCAL_MODERATION_COVERAGE, moderateLocally } from '../local-moderation.js';

/**
 * The moderation endpoint when one is configured; the local term list otherwise, and also when
 * the endpoint fails (the detail says so, so a reviewer knows which judge spoke).
 */
export async function checkModeration(text: string, moderator: LlmClient | null): Promise<TGuardrailCheck> {
  let fallbackNote = '';
  if (moderator !== null) {
    try {
      const [result] = await moderator.moderate([text]);
      if (result !== undefined) {
        return result.flagged
          ? { name: 'moderation', status: 'fail', detail: `flagged by the moderation endpoint: ${result.categories.join(', ')}` }
          : { name: 'moderation', status: 'pass', detail: 'moderation endpoint: not flagged' };
      }
      fallbackNote = ' (the moderation endpoint returned no result)';
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      fallbackNote = ` (moderation endpoint failed: ${error.kind})`;
    }
  }
  const categories = moderateLocally(text);
  const judge = `local term list${fallbackNote}`;
  if (categories.length > 0) return { name: 'moderation', status: 'fail', detail: `flagged by the ${judge}: ${categories.join(', ')}` };
  // The list is short and reads no meaning: the detail says exactly what was looked for.
  return {
    name: 'moderation',
    status: fallbackNote === '' ? 'pass' : 'warn',
    detail: `${judge}: none of its ${LOCAL_MODERATION_COVERAGE} found; it matches words, not meaning (a moderation endpoint judges meaning)`,
  };
}
