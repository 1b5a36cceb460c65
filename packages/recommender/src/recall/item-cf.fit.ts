import { NeighbourLists } from '../model/neighbour-lists.js';
import type { UserHistoryStore } from '../model/user-history.store.js';
import type { RecommenderConfig } from '../recommender.types.js';
import { decayWeight } from './decay.js';

/**
 * Item-item cosine similarity with shrinkage over recency-weighted user histories:
 * w(u,i) = Σ event weight × 2^(−age/halfLife) over the user's newest events,
 * sim(i,j) = Σ_u w(u,i)·w(u,j) / (‖w_i‖·‖w_j‖ + shrinkage), top-K kept per item.
 */
export function fitItemCf(
  itemCount: number,
  histories: UserHistoryStore,
  now: number,
  config: RecommenderConfig['itemCf'],
): NeighbourLists {
  // User → (item, weight) rows, one entry per distinct item.
  const userOffsets = new Int32Array(histories.userCount + 1);
  const userItems: number[] = [];
  const userWeights: number[] = [];
  const perItem = new Map<number, number>();
  for (let u = 0; u < histories.userCount; u++) {
    const events = histories.fittedEventsOf(u);
    perItem.clear();
    for (let k = Math.max(0, events.length - config.maxHistoryPerUser); k < events.length; k++) {
      const item = events.items[k] as number;
      const w = (events.weights[k] as number) * decayWeight(now - (events.times[k] as number), config.historyHalfLifeDays);
      if (w > 0) perItem.set(item, (perItem.get(item) ?? 0) + w);
    }
    for (const [item, w] of perItem) {
      userItems.push(item);
      userWeights.push(w);
    }
    userOffsets[u + 1] = userItems.length;
  }

  // Item → (user, weight) rows, built by counting sort.
  const itemOffsets = new Int32Array(itemCount + 1);
  for (const item of userItems) itemOffsets[item + 1] = (itemOffsets[item + 1] as number) + 1;
  for (let i = 0; i < itemCount; i++) itemOffsets[i + 1] = (itemOffsets[i + 1] as number) + (itemOffsets[i] as number);
  const itemUsers = new Int32Array(userItems.length);
  const itemWeights = new Float32Array(userItems.length);
  const cursor = itemOffsets.slice(0, itemCount);
  const norms = new Float64Array(itemCount);
  for (let u = 0; u < histories.userCount; u++) {
    for (let p = userOffsets[u] as number; p < (userOffsets[u + 1] as number); p++) {
      const item = userItems[p] as number;
      const w = userWeights[p] as number;
      const at = (cursor[item] as number)++;
      itemUsers[at] = u;
      itemWeights[at] = w;
      norms[item] = (norms[item] as number) + w * w;
    }
  }
  for (let i = 0; i < itemCount; i++) norms[i] = Math.sqrt(norms[i] as number);
  const uItems = Int32Array.from(userItems);
  const uWeights = Float32Array.from(userWeights);

  return NeighbourLists.build(itemCount, config.neighbours, (i, scratch, touched) => {
    for (let p = itemOffsets[i] as number; p < (itemOffsets[i + 1] as number); p++) {
      const u = itemUsers[p] as number;
      const wi = itemWeights[p] as number;
      for (let q = userOffsets[u] as number; q < (userOffsets[u + 1] as number); q++) {
        const j = uItems[q] as number;
        if (scratch[j] === 0) touched.push(j);
        scratch[j] = (scratch[j] as number) + wi * (uWeights[q] as number);
      }
    }
    const ni = norms[i] as number;
    for (const j of touched) scratch[j] = (scratch[j] as number) / (ni * (norms[j] as number) + config.shrinkage);
  });
}
