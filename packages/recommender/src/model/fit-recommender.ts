import { LlmError, type LlmErrorKind } from '@persona/llm';
import type { ListwiseRanker } from '../llm-ranking/listwise-ranking.types.js';
import { fitContentBm25 } from '../recall/content-bm25.fit.js';
import { EmbeddingIndex, type EmbeddingOptions } from '../recall/embedding.index.js';
import { fitItemCf } from '../recall/item-cf.fit.js';
import { PopularityRecall } from '../recall/popularity.recall.js';
import { fitTransitions } from '../recall/transition.fit.js';
import { resolveConfig, type RecommenderConfigOverrides } from '../recommender.config.js';
import { RecommenderError } from '../recommender.error.js';
import type { FitInput } from '../recommender.types.js';
import { ItemCatalogIndex } from './item-catalog.index.js';
import { RecommenderModel } from './recommender.model.js';
import { UserHistoryStore } from './user-history.store.js';

export interface FitPorts {
  /** Enables the LLM engine (`engine: 'llm'`); without it such requests fall back to classical. */
  llmRanker?: ListwiseRanker;
  /** Enables embedding recall: item vectors through the embeddings endpoint, cached through the port. */
  embeddings?: EmbeddingOptions;
}

/**
 * Fits the whole model from the catalog and the interaction log. Interactions on items outside
 * the catalog are ignored. Only embedding recall does I/O; without it the fit is CPU only.
 */
export async function fitRecommender(
  input: FitInput,
  config: RecommenderConfigOverrides = {},
  ports: FitPorts = {},
): Promise<RecommenderModel> {
  const started = performance.now();
  if (!Number.isFinite(input.now)) throw new RecommenderError('INVALID_INPUT', '`now` must be epoch milliseconds');
  const resolved = resolveConfig(config);
  const catalog = new ItemCatalogIndex(input.items);
  const histories = new UserHistoryStore(input.interactions, catalog, resolved.eventWeights);
  const parts = {
    catalog,
    popularity: new PopularityRecall(catalog.size, histories, input.now, resolved.popularityHalfLifeDays),
    itemCf: fitItemCf(catalog.size, histories, input.now, resolved.itemCf),
    content: fitContentBm25(catalog, resolved.content),
    transitions: fitTransitions(catalog.size, histories, resolved.transition.neighbours),
    embeddings: null as EmbeddingIndex | null,
  };
  let embeddingError: LlmErrorKind | null = null;
  if (ports.embeddings) {
    try {
      parts.embeddings = await EmbeddingIndex.build(catalog, ports.embeddings);
    } catch (error) {
      // Embedding recall is optional: without the endpoint the model is fitted without it, and says so.
      if (!(error instanceof LlmError)) throw error;
      embeddingError = error.kind;
    }
  }
  return new RecommenderModel(
    parts,
    histories,
    resolved,
    { fittedAt: input.now, fitMs: performance.now() - started, interactions: histories.fittedEvents, embeddingError },
    ports.llmRanker ?? null,
  );
}
