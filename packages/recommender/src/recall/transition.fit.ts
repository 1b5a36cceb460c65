import { NeighbourLists } from '../model/neighbour-lists.js';
import type { UserHistoryStore } from '../model/user-history.store.js';

/** Additive smoothing on the transition probability: a pair seen once out of once is not a certainty. */
const TRANSITION_SMOOTHING = 2;

/** Last-item → next-item transitions: P(next = j | last = i) estimated from consecutive events. */
export function fitTransitions(itemCount: number, histories: UserHistoryStore, neighbours: number): NeighbourLists {
  const from: number[] = [];
  const to: number[] = [];
  for (let u = 0; u < histories.userCount; u++) {
    const events = histories.fittedEventsOf(u);
    for (let k = 1; k < events.length; k++) {
      const a = events.items[k - 1] as number;
      const b = events.items[k] as number;
      if (a === b) continue;
      from.push(a);
      to.push(b);
    }
  }
  const offsets = new Int32Array(itemCount + 1);
  for (const a of from) offsets[a + 1] = (offsets[a + 1] as number) + 1;
  for (let i = 0; i < itemCount; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const targets = new Int32Array(from.length);
  const cursor = offsets.slice(0, itemCount);
  from.forEach((a, p) => (targets[(cursor[a] as number)++] = to[p] as number));

  return NeighbourLists.build(itemCount, neighbours, (i, scratch, touched) => {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    for (let p = start; p < end; p++) {
      const j = targets[p] as number;
      if (scratch[j] === 0) touched.push(j);
      scratch[j] = (scratch[j] as number) + 1;
    }
    const total = end - start + TRANSITION_SMOOTHING;
    for (const j of touched) scratch[j] = (scratch[j] as number) / total;
  });
}
