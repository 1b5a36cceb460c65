import type { TEventType } from '@persona/shared';

/** Explicit ratings become implicit events: a high rating is a like, anything else a view. */
export function ratingToEventType(rating: number): TEventType {
  return rating >= 4 ? 'like' : 'view';
}
