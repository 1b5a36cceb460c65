import type { ItemCatalogIndex } from '../model/item-catalog.index.js';
import { decayWeight } from '../recall/decay.js';
import type { RankedCandidate } from '../ranking/ranked-candidate.js';
import type { RerankOptions } from '../recommender.types.js';

/** MMR looks this many times deeper than the list it returns for items that diversify it. */
const MMR_POOL_FACTOR = 4;

/** Items the options exclude for this user, as a predicate over item indices. */
export function exclusionFilter(
  catalog: ItemCatalogIndex,
  options: RerankOptions,
  consumed: ReadonlySet<number>,
): (item: number) => boolean {
  const ids = new Set(options.excludeItemIds);
  const categories = new Set(options.excludeCategories);
  const tags = new Set(options.excludeTags.map((t) => t.toLowerCase()));
  const hasRules = ids.size + categories.size + tags.size > 0;
  return (item) => {
    if (options.removeConsumed && consumed.has(item)) return true;
    if (!hasRules) return false;
    const data = catalog.items[item];
    if (!data) return true;
    return ids.has(data.id) || categories.has(data.category) || data.tags.some((t) => tags.has(t.toLowerCase()));
  };
}

/**
 * The rerank stage: exclusion filters, a freshness boost, then MMR diversity over category and
 * tags (λ·relevance − (1−λ)·max similarity to what is already picked). λ = 1 keeps the order.
 */
export function rerank(
  ranked: readonly RankedCandidate[],
  limit: number,
  options: RerankOptions,
  context: { catalog: ItemCatalogIndex; consumed: ReadonlySet<number>; now: number },
): RankedCandidate[] {
  const excluded = exclusionFilter(context.catalog, options, context.consumed);
  let pool = ranked.filter((c) => !excluded(c.item));
  if (options.freshnessBoost > 0) {
    // Additive and scaled to the best score, so a new item with no signal yet can still surface.
    const top = Math.max(0, ...pool.map((c) => c.score)) || 1;
    pool = pool
      .map((c) => {
        const age = context.now - (context.catalog.publishedAt[c.item] as number);
        return { ...c, score: c.score + top * options.freshnessBoost * decayWeight(age, options.freshnessHalfLifeDays) };
      })
      .sort((a, b) => b.score - a.score || a.item - b.item);
  }
  if (options.diversityLambda >= 1 || pool.length <= 1) return pool.slice(0, limit);
  return maximalMarginalRelevance(pool.slice(0, limit * MMR_POOL_FACTOR), limit, options.diversityLambda, context.catalog);
}

function maximalMarginalRelevance(
  pool: RankedCandidate[],
  limit: number,
  lambda: number,
  catalog: ItemCatalogIndex,
): RankedCandidate[] {
  const top = pool[0]?.score ?? 0;
  const bottom = pool[pool.length - 1]?.score ?? 0;
  const span = top - bottom || 1;
  const maxSimilarity = new Float64Array(pool.length);
  const taken = new Uint8Array(pool.length);
  const picked: RankedCandidate[] = [];
  while (picked.length < Math.min(limit, pool.length)) {
    let best = -1;
    let bestValue = -Infinity;
    pool.forEach((c, i) => {
      if (taken[i]) return;
      const value = (lambda * (c.score - bottom)) / span - (1 - lambda) * (maxSimilarity[i] as number);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    const chosen = pool[best] as RankedCandidate;
    taken[best] = 1;
    picked.push(chosen);
    pool.forEach((c, i) => {
      if (!taken[i]) maxSimilarity[i] = Math.max(maxSimilarity[i] as number, catalog.featureSimilarity(chosen.item, c.item));
    });
  }
  return picked;
}
