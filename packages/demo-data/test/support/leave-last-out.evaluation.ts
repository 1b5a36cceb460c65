import type { DemoDataset } from '../../src/index.js';

export interface HitRates {
  users: number;
  itemItemCosine: number;
  popularity: number;
}

/**
 * Leave-last-out: for a sample of users, hide their most recent item, train on everything else,
 * and count how often the hidden item is in each recommender's top `k` unseen items.
 */
export function leaveLastOutHitRates(dataset: DemoDataset, sampleSize: number, k = 10): HitRates {
  const itemIndex = new Map(dataset.items.map((item, i) => [item.externalId, i]));
  const histories = new Map<string, number[]>();
  const ordered = [...dataset.interactions].sort((a, b) => a.userId.localeCompare(b.userId) || a.at.localeCompare(b.at));
  for (const event of ordered) {
    const history = histories.get(event.userId) ?? [];
    history.push(itemIndex.get(event.itemExternalId) as number);
    histories.set(event.userId, history);
  }

  const eligible = [...histories.keys()].filter((user) => (histories.get(user)?.length ?? 0) >= 3);
  const stride = Math.max(1, Math.floor(eligible.length / sampleSize));
  const sampled = eligible.filter((_, i) => i % stride === 0).slice(0, sampleSize);
  const targets = new Map<string, number>();
  for (const user of sampled) {
    const history = histories.get(user) as number[];
    targets.set(user, history.pop() as number);
  }

  const n = dataset.items.length;
  const cooccurrence = new Float64Array(n * n);
  const counts = new Float64Array(n);
  for (const history of histories.values()) {
    const distinct = [...new Set(history)];
    for (const a of distinct) {
      counts[a] = (counts[a] as number) + 1;
      for (const b of distinct) if (a !== b) cooccurrence[a * n + b] = (cooccurrence[a * n + b] as number) + 1;
    }
  }
  const popularOrder = [...counts.keys()].sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);

  let cosineHits = 0;
  let popularityHits = 0;
  for (const [user, target] of targets) {
    const seen = new Set(histories.get(user));
    const scores = new Float64Array(n);
    for (const h of seen) {
      for (let c = 0; c < n; c++) {
        const both = cooccurrence[h * n + c] as number;
        if (both > 0) scores[c] = (scores[c] as number) + both / Math.sqrt((counts[h] as number) * (counts[c] as number));
      }
    }
    const byCosine = [...scores.keys()]
      .filter((c) => !seen.has(c))
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || (counts[b] as number) - (counts[a] as number))
      .slice(0, k);
    const byPopularity = popularOrder.filter((c) => !seen.has(c)).slice(0, k);
    if (byCosine.includes(target)) cosineHits++;
    if (byPopularity.includes(target)) popularityHits++;
  }
  return { users: targets.size, itemItemCosine: cosineHits / targets.size, popularity: popularityHits / targets.size };
}
