import type { RecommenderConfigOverrides } from '../recommender.config.js';

export const EVALUATION_ENGINES = ['popularity', 'itemknn', 'itemknn-tuned', 'classical', 'llm'] as const;
export type EvaluationEngine = (typeof EVALUATION_ENGINES)[number];

/** Weight that only breaks ties: a source that orders items the main source leaves equal. */
const TIE_BREAK = 1e-6;

/** Every recall source off except the ones named, with popularity left only to break ties. */
function only(sources: { item_cf: number }): NonNullable<RecommenderConfigOverrides['blend']> {
  return { popularity: TIE_BREAK, content: 0, transition: 0, embedding: 0, ...sources };
}

/**
 * The baselines are the same pipeline with other settings:
 * - popularity ranks by decayed popularity alone;
 * - itemknn is plain ItemKNN: binary-history cosine without shrinkage or recency, summed over the
 *   whole history;
 * - itemknn-tuned is the classical engine's own item-item source alone — its event weights,
 *   shrinkage, recency-weighted histories and recency-weighted query — so what the classical
 *   engine gains over it comes from blending the other sources, not from a weak baseline.
 * Popularity only breaks ties in both ItemKNN variants.
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
        blend: only({ item_cf: 1 }),
      };
    case 'itemknn-tuned':
      return { ...base, blend: only({ item_cf: 1 }) };
    case 'classical':
    case 'llm':
      return base;
  }
}
