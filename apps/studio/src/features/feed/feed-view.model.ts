import type { components } from '../../api/schema.gen.js';

export type FeedResponse = components['schemas']['FeedResponse'];
export type FeedItem = components['schemas']['FeedItem'];
export type RecommendationResponse = components['schemas']['RecommendationResponse'];
export type ChannelFormat = FeedResponse['format'];

export const CHANNEL_FORMATS: readonly ChannelFormat[] = ['square', 'portrait', 'story', 'landscape'];

export function isChannelFormat(value: unknown): value is ChannelFormat {
  return typeof value === 'string' && (CHANNEL_FORMATS as readonly string[]).includes(value);
}

const servedReasons: Record<NonNullable<FeedItem['reason']>, string> = {
  no_segment: 'the user belongs to no segment',
  no_approved_variant: "the item has no approved variant for the user's segment",
  control: 'the policy served the original as the control arm',
};

/** What a served item is, in words: which variant, or the original and why. */
export function servedAs(item: FeedItem): { label: string; variant: boolean } {
  if (item.variant) {
    const image = item.variant.imageVariantId ? ' with its image' : '';
    return { label: `Variant ${item.variant.id}${image}`, variant: true };
  }
  return { label: `Original, because ${servedReasons[item.reason ?? 'no_approved_variant']}`, variant: false };
}

/** How the arm was chosen: the policy, its propensity, and whether it was kept from an earlier exposure. */
export function choiceOf(item: FeedItem): string {
  if (!item.policy) return 'no choice to make';
  const share = `${Math.round(item.propensity * 1000) / 10}%`;
  return `${item.policy}, chosen with probability ${share}${item.sticky ? ', kept within the sticky window' : ''}`;
}

/**
 * The LLM column shows an LLM ranking only when the API produced one; when it fell back to the
 * classical ranker the list would be the classical one again, so the column says why instead.
 */
export function llmRankingState(response: RecommendationResponse): { ranked: true } | { ranked: false; reason: string } {
  if (response.engine === 'llm') return { ranked: true };
  return { ranked: false, reason: response.fallbackReason ?? 'The API answered with the classical ranker and gave no reason.' };
}

/** Where each item of one ranking sits in the other: the difference a creator looks for side by side. */
export function rankMoves(own: RecommendationResponse, other: RecommendationResponse | undefined): Map<string, number | null> {
  const otherRank = new Map(other?.items.map((item) => [item.itemId, item.rank]) ?? []);
  return new Map(own.items.map((item) => [item.itemId, otherRank.get(item.itemId) ?? null]));
}
