import { matchesRule, type TAttributes, type TSegment } from '@persona/shared';

/** A user belongs to the highest-priority segment whose rule matches (segments come sorted). */
export function assignSegment(segments: readonly TSegment[], attributes: TAttributes): TSegment | null {
  return segments.find((segment) => matchesRule(segment.rule, attributes)) ?? null;
}

/**
 * How often each item was engaged with by each segment's members: the prior behind
 * "popular with <segment>" explanations.
 */
export function segmentPopularity(
  segments: readonly TSegment[],
  userAttributes: ReadonlyMap<string, TAttributes>,
  interactions: readonly { userId: string; itemId: string }[],
): Map<string, Record<string, number>> {
  const segmentOfUser = new Map<string, string>();
  for (const [userId, attributes] of userAttributes) {
    const segment = assignSegment(segments, attributes);
    if (segment) segmentOfUser.set(userId, segment.id);
  }
  const popularity = new Map<string, Record<string, number>>(segments.map((s) => [s.id, {}]));
  for (const { userId, itemId } of interactions) {
    const segmentId = segmentOfUser.get(userId);
    if (!segmentId) continue;
    const counts = popularity.get(segmentId)!;
    counts[itemId] = (counts[itemId] ?? 0) + 1;
  }
  return popularity;
}
