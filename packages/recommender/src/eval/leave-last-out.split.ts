import type { Interaction } from '../recommender.types.js';
import { seededRandom, shuffled } from './seeded-random.js';

export interface HeldOutCase {
  userId: string;
  /** The user's last item, which the engines must rank. */
  targetItemId: string;
  /** Every item the user touched in training (never sampled as a negative). */
  trainItems: Set<string>;
}

export interface LeaveLastOutSplit {
  train: Interaction[];
  cases: HeldOutCase[];
  /** The time of the newest training event: the fit's `now`. */
  now: number;
}

/**
 * Leave-last-out: each user's newest positive event is held out, the rest is training data.
 * Users with fewer than two positive events, or whose last item repeats an earlier one, are not
 * evaluated (their events all stay in training). `maxUsers` keeps a seeded sample of cases.
 */
export function leaveLastOut(interactions: readonly Interaction[], options: { maxUsers?: number; seed: number }): LeaveLastOutSplit {
  const byUser = new Map<string, number[]>();
  interactions.forEach((event, e) => {
    if (event.type === 'dismiss') return;
    const list = byUser.get(event.userId);
    if (list) list.push(e);
    else byUser.set(event.userId, [e]);
  });
  const heldOut = new Set<number>();
  const cases: HeldOutCase[] = [];
  for (const [userId, events] of byUser) {
    if (events.length < 2) continue;
    events.sort((a, b) => (interactions[a] as Interaction).at - (interactions[b] as Interaction).at || a - b);
    const last = events[events.length - 1] as number;
    const targetItemId = (interactions[last] as Interaction).itemId;
    const trainItems = new Set(events.slice(0, -1).map((e) => (interactions[e] as Interaction).itemId));
    if (trainItems.has(targetItemId)) continue;
    heldOut.add(last);
    cases.push({ userId, targetItemId, trainItems });
  }
  const train = interactions.filter((_, e) => !heldOut.has(e));
  const now = train.reduce((max, event) => Math.max(max, event.at), -Infinity);
  const sampled =
    options.maxUsers !== undefined && options.maxUsers < cases.length
      ? shuffled(cases, seededRandom(options.seed)).slice(0, options.maxUsers)
      : cases;
  return { train, cases: sampled, now };
}
