import { isDeepStrictEqual } from 'node:util';
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

/** One shared empty prior: the explanation builder memoizes per prior object. */
const NO_POPULARITY: Readonly<Record<string, number>> = Object.freeze({});

/**
 * The fit's popularity prior for a current segment, while it describes the same audience: the fit
 * counted it for the segment's rule and priority as they were then. A segment created since the fit,
 * or whose rule or priority changed, has no prior until the next refit (its items are then not
 * explained as "popular with" it).
 */
export function popularityAsFitted(
  segment: TSegment,
  fittedSegments: readonly TSegment[],
  fittedPopularity: ReadonlyMap<string, Readonly<Record<string, number>>>,
): Readonly<Record<string, number>> {
  const asFitted = fittedSegments.find((s) => s.id === segment.id);
  if (!asFitted || asFitted.priority !== segment.priority || !isDeepStrictEqual(asFitted.rule, segment.rule)) return NO_POPULARITY;
  return fittedPopularity.get(segment.id) ?? NO_POPULARITY;
}
