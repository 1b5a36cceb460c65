import type { ListwiseRanker } from '../llm-ranking/listwise-ranking.types.js';
import { fitRecommender } from '../model/fit-recommender.js';
import type { RecommenderModel } from '../model/recommender.model.js';
import { resolveConfig, type RecommenderConfigOverrides } from '../recommender.config.js';
import type { BlendWeights, RecallSource } from '../recommender.types.js';
import type { EvaluationDataset } from './evaluation-dataset.js';
import { evaluate } from './evaluation.harness.js';
import { leaveLastOut, type HeldOutCase } from './leave-last-out.split.js';
import { RankingMetrics } from './ranking-metrics.js';

/** Values tried for each weight (weights apply to per-user normalised source scores). */
const WEIGHT_GRID = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2];
const TUNED_SOURCES: readonly RecallSource[] = ['popularity', 'content', 'transition', 'embedding'];

export interface BlendTuningResult {
  blend: BlendWeights;
  /** Validation NDCG@10 (full ranking) of the defaults and of the tuned blend. */
  baselineNdcg10: number;
  tunedNdcg10: number;
  steps: { source: RecallSource; weight: number; ndcg10: number }[];
}

/**
 * Learns the classical blend by coordinate ascent on validation data that the test split never
 * sees: the training part is split again leave-last-out, the model is fitted once on what is left,
 * and each weight in turn takes the grid value with the best full-ranking NDCG@10 (item_cf stays 1
 * as the scale). Returns weights to put into the config.
 */
export async function tuneBlend(
  dataset: EvaluationDataset,
  options: { maxUsers?: number; seed?: number; rounds?: number; config?: RecommenderConfigOverrides } = {},
): Promise<BlendTuningResult> {
  const seed = options.seed ?? 7;
  const outer = leaveLastOut(dataset.interactions, { seed });
  const inner = leaveLastOut(outer.train, { seed, ...(options.maxUsers === undefined ? {} : { maxUsers: options.maxUsers }) });
  const model = await fitRecommender({ items: dataset.items, interactions: inner.train, now: inner.now }, options.config ?? {});
  let blend = { ...resolveConfig(options.config).blend };
  const baselineNdcg10 = await validationNdcg(model.withBlend(blend), inner.cases);
  let best = baselineNdcg10;
  const steps: BlendTuningResult['steps'] = [];
  for (let round = 0; round < (options.rounds ?? 2); round++) {
    for (const source of TUNED_SOURCES) {
      for (const weight of WEIGHT_GRID) {
        if (weight === blend[source]) continue;
        const candidate = { ...blend, [source]: weight };
        const ndcg10 = await validationNdcg(model.withBlend(candidate), inner.cases);
        steps.push({ source, weight, ndcg10 });
        if (ndcg10 > best) {
          best = ndcg10;
          blend = candidate;
        }
      }
    }
  }
  return { blend, baselineNdcg10, tunedNdcg10: best, steps };
}

async function validationNdcg(model: RecommenderModel, cases: readonly HeldOutCase[]): Promise<number> {
  const metrics = new RankingMetrics();
  for (const heldOut of cases) {
    const result = await model.recommend({ userId: heldOut.userId, limit: 10 });
    const ids = result.items.map((i) => i.itemId);
    metrics.add(ids.indexOf(heldOut.targetItemId), ids);
  }
  return metrics.summary(model.itemIds().length).ndcg10;
}

/** BIGRec-style prior exponents tried for the LLM ranker. */
const PRIOR_EXPONENT_GRID = [0, 0.25, 0.5, 1, 2];

/**
 * Picks the LLM ranker's prior exponent by list-wise NDCG@10 on the same kind of validation split
 * (the test users' held-out items stay unseen). Costs one LLM call per validation user and value.
 */
export async function tunePriorExponent(
  dataset: EvaluationDataset,
  rankerFor: (priorExponent: number) => ListwiseRanker,
  options: { maxUsers?: number; seed?: number; config?: RecommenderConfigOverrides } = {},
): Promise<{ priorExponent: number; results: { priorExponent: number; ndcg10: number }[] }> {
  const seed = options.seed ?? 7;
  const validation: EvaluationDataset = { ...dataset, interactions: leaveLastOut(dataset.interactions, { seed }).train };
  const results: { priorExponent: number; ndcg10: number }[] = [];
  for (const priorExponent of PRIOR_EXPONENT_GRID) {
    const report = await evaluate(validation, {
      engines: ['llm'],
      protocols: ['listwise20'],
      seed,
      llmRanker: rankerFor(priorExponent),
      ...(options.config ? { config: options.config } : {}),
      ...(options.maxUsers === undefined ? {} : { maxUsers: options.maxUsers }),
    });
    results.push({ priorExponent, ndcg10: report.runs[0]?.metrics.ndcg10 ?? 0 });
  }
  const best = results.reduce((a, b) => (b.ndcg10 > a.ndcg10 ? b : a));
  return { priorExponent: best.priorExponent, results };
}
