import type { RecommenderConfig, RerankOptions } from './recommender.types.js';

/**
 * Defaults of the classical recommender. The blend weights and half-lives were chosen with the
 * evaluation harness (`npm run eval -- --tune`) on the demo dataset, full-ranking protocol.
 */
export const DEFAULT_RECOMMENDER_CONFIG: RecommenderConfig = {
  // Impressions only say an item was shown, not that it was wanted: histories skip them (weight unused).
  eventWeights: { view: 1, click: 1.5, like: 3, share: 3, purchase: 4, conversion: 4, dismiss: 0, impression: 0 },
  popularityHalfLifeDays: 14,
  itemCf: { historyHalfLifeDays: 60, shrinkage: 10, neighbours: 50, maxHistoryPerUser: 200 },
  content: { neighbours: 30, bm25K1: 1.2, bm25B: 0.75, fieldWeights: { title: 3, tags: 2, body: 1 } },
  transition: { neighbours: 20 },
  queryHistoryHalfLife: 5,
  queryHistoryLength: 50,
  recallPerSource: 100,
  blend: { popularity: 0.1, item_cf: 1, content: 0.3, transition: 1, embedding: 0.5 },
};

export const DEFAULT_RERANK_OPTIONS: RerankOptions = {
  diversityLambda: 1,
  freshnessBoost: 0,
  freshnessHalfLifeDays: 7,
  excludeItemIds: [],
  excludeCategories: [],
  excludeTags: [],
  removeConsumed: true,
};

/** Deep-merges a partial config over the defaults, so callers override only what they tune. */
export function resolveConfig(overrides: RecommenderConfigOverrides = {}): RecommenderConfig {
  const d = DEFAULT_RECOMMENDER_CONFIG;
  return {
    ...d,
    ...overrides,
    eventWeights: { ...d.eventWeights, ...overrides.eventWeights },
    itemCf: { ...d.itemCf, ...overrides.itemCf },
    content: {
      ...d.content,
      ...overrides.content,
      fieldWeights: { ...d.content.fieldWeights, ...overrides.content?.fieldWeights },
    },
    transition: { ...d.transition, ...overrides.transition },
    blend: { ...d.blend, ...overrides.blend },
  };
}

export type RecommenderConfigOverrides = Partial<
  Omit<RecommenderConfig, 'eventWeights' | 'itemCf' | 'content' | 'transition' | 'blend'>
> & {
  eventWeights?: Partial<RecommenderConfig['eventWeights']>;
  itemCf?: Partial<RecommenderConfig['itemCf']>;
  content?: Partial<Omit<RecommenderConfig['content'], 'fieldWeights'>> & {
    fieldWeights?: Partial<RecommenderConfig['content']['fieldWeights']>;
  };
  transition?: Partial<RecommenderConfig['transition']>;
  blend?: Partial<RecommenderConfig['blend']>;
};
