import type { RecommenderConfigOverrides } from '../recommender.config.js';

export const EVALUATION_ENGINES = ['popularity', 'itemknn', 'classical', 'llm'] as const;
export type EvaluationEngine = (typeof EVALUATION_ENGINES)[number];

/** Weight that only breaks ties: a source that orders items the main source leaves equal. */
const TIE_BREAK = 1e-6;

/**
 * The baselines are the same pipeline with other settings: popularity ranks by decayed
 * popularity alone; plain ItemKNN is binary-history cosine without shrinkage or recency, summed
 * over the whole history, with popularity only breaking ties.
 */
export function engineConfig(engine: EvaluationEngine, base: RecommenderConfigOverrides): RecommenderConfigOverrides {
  switch (engine) {
    case 'popularity':
      return { ...base, blend: { popularity: 1, item_cf: 0, content: 0, transition: 0, embedding: 0 } };
    case 'itemknn':
      return {
        ...base,
        eventWeights: { view: 1, click: 1, like: 1, share: 1, purchase: 1, dismiss: 0 },
        itemCf: { ...base.itemCf, historyHalfLifeDays: Infinity, shrinkage: 0 },
        queryHistoryHalfLife: Infinity,
        queryHistoryLength: 10_000,
        blend: { popularity: TIE_BREAK, item_cf: 1, content: 0, transition: 0, embedding: 0 },
      };
    case 'classical':
    case 'llm':
      return base;
  }
}
