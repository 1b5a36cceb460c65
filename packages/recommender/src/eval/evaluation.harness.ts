import type { ListwiseRanker } from '../llm-ranking/listwise-ranking.types.js';
import { fitRecommender } from '../model/fit-recommender.js';
import type { RecommenderModel } from '../model/recommender.model.js';
import type { RecommenderConfigOverrides } from '../recommender.config.js';
import type { FallbackReason, RecommendationResult } from '../recommender.types.js';
import type { EvaluationDataset } from './evaluation-dataset.js';
import { engineConfig, type EvaluationEngine } from './evaluation-engines.js';
import { leaveLastOut, type HeldOutCase } from './leave-last-out.split.js';
import { RankingMetrics, type MetricSummary } from './ranking-metrics.js';
import { seededRandom, shuffled } from './seeded-random.js';

export const EVALUATION_PROTOCOLS = ['full', 'sampled', 'listwise20'] as const;
export type EvaluationProtocol = (typeof EVALUATION_PROTOCOLS)[number];

/** Negatives per positive: sampled = 1 + 99, list-wise = 1 + 19. */
const NEGATIVES: Record<Exclude<EvaluationProtocol, 'full'>, number> = { sampled: 99, listwise20: 19 };
/** Depth of the full-ranking list, enough for NDCG@20. */
const FULL_DEPTH = 20;

export interface EvaluationOptions {
  engines: readonly EvaluationEngine[];
  protocols: readonly EvaluationProtocol[];
  maxUsers?: number;
  seed?: number;
  config?: RecommenderConfigOverrides;
  /** Required for the `llm` engine. */
  llmRanker?: ListwiseRanker;
}

export interface EngineRun {
  engine: EvaluationEngine;
  protocol: EvaluationProtocol;
  metrics: MetricSummary;
  /** Mean in-process latency per request, in milliseconds. */
  meanLatencyMs: number;
  tokens: { prompt: number; completion: number };
  fallbacks: Partial<Record<FallbackReason, number>>;
}

export interface EvaluationReport {
  dataset: string;
  items: number;
  interactions: number;
  evaluatedUsers: number;
  seed: number;
  runs: EngineRun[];
  fits: { engine: EvaluationEngine; fitMs: number; memoryBytes: number }[];
}

/** Leave-last-out evaluation of each engine under each protocol on one dataset. */
export async function evaluate(dataset: EvaluationDataset, options: EvaluationOptions): Promise<EvaluationReport> {
  const seed = options.seed ?? 7;
  const split = leaveLastOut(dataset.interactions, { seed, ...(options.maxUsers === undefined ? {} : { maxUsers: options.maxUsers }) });
  const report: EvaluationReport = {
    dataset: dataset.name,
    items: dataset.items.length,
    interactions: dataset.interactions.length,
    evaluatedUsers: split.cases.length,
    seed,
    runs: [],
    fits: [],
  };
  const catalogIds = [...new Set(dataset.items.map((item) => item.id))];
  const models = new Map<string, RecommenderModel>();
  for (const engine of options.engines) {
    if (engine === 'llm' && !options.llmRanker) throw new Error('the llm engine needs an LLM ranker (set LLM_BASE_URL)');
    const config = engineConfig(engine, options.config ?? {});
    const key = engine === 'llm' ? 'classical+llm' : engine;
    let model = models.get(key);
    if (!model) {
      model = await fitRecommender({ items: dataset.items, interactions: split.train, now: split.now }, config, engine === 'llm' && options.llmRanker ? { llmRanker: options.llmRanker } : {});
      models.set(key, model);
      const stats = model.stats();
      report.fits.push({ engine, fitMs: stats.fitMs, memoryBytes: stats.memoryBytes });
    }
    for (const protocol of options.protocols) {
      report.runs.push(await runProtocol(model, engine, protocol, split.cases, catalogIds, seed));
    }
  }
  return report;
}

async function runProtocol(
  model: RecommenderModel,
  engine: EvaluationEngine,
  protocol: EvaluationProtocol,
  cases: readonly HeldOutCase[],
  catalogIds: readonly string[],
  seed: number,
): Promise<EngineRun> {
  const metrics = new RankingMetrics();
  const modelEngine = engine === 'llm' ? 'llm' : 'classical';
  const tokens = { prompt: 0, completion: 0 };
  const fallbacks: Partial<Record<FallbackReason, number>> = {};
  let latency = 0;
  for (const heldOut of cases) {
    let result: RecommendationResult;
    if (protocol === 'full') {
      result = await model.recommend({ userId: heldOut.userId, limit: FULL_DEPTH, engine: modelEngine });
    } else {
      const candidates = sampleCandidates(heldOut, catalogIds, NEGATIVES[protocol], `${seed}:${protocol}:${heldOut.userId}`);
      result = await model.rank(heldOut.userId, candidates, { engine: modelEngine });
    }
    latency += result.latencyMs;
    tokens.prompt += result.tokens.prompt;
    tokens.completion += result.tokens.completion;
    if (result.fallbackReason) fallbacks[result.fallbackReason] = (fallbacks[result.fallbackReason] ?? 0) + 1;
    const ids = result.items.map((item) => item.itemId);
    metrics.add(ids.indexOf(heldOut.targetItemId), ids.slice(0, 10));
  }
  return {
    engine,
    protocol,
    metrics: metrics.summary(catalogIds.length),
    meanLatencyMs: latency / Math.max(1, cases.length),
    tokens,
    fallbacks,
  };
}

/** The held-out item plus `count` items the user never touched, drawn uniformly (seeded). */
function sampleCandidates(heldOut: HeldOutCase, catalogIds: readonly string[], count: number, seedKey: string): string[] {
  const random = seededRandom(seedKey);
  const picked = new Set<string>([heldOut.targetItemId]);
  const available = catalogIds.length - heldOut.trainItems.size - 1;
  const wanted = Math.min(count, Math.max(0, available));
  while (picked.size < wanted + 1) {
    const id = catalogIds[Math.floor(random() * catalogIds.length)] as string;
    if (!heldOut.trainItems.has(id)) picked.add(id);
  }
  // The positive's position in the list must not give it away to a position-biased ranker.
  const list = shuffled([...picked], random);
  return list;
}
