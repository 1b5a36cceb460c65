import { Logger, type Provider } from '@nestjs/common';
import type { LlmClient } from '@persona/llm';
import { LlmListwiseRanker, type FitPorts } from '@persona/recommender';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LLM_CLIENT } from '../llm/llm.module.js';
import { EmbeddingCacheRepository } from './embedding-cache.repository.js';
import { RECOMMENDER_PORTS } from './recommender-registry.service.js';

const nestLogger = new Logger('LlmListwiseRanker');
const rankerLogger = {
  error: (message: string, error: unknown) => nestLogger.error(`${message}: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined),
};

/** With an LLM endpoint, fits get the list-wise LLM ranker and embedding recall; offline, neither. */
export const recommenderPortsProvider: Provider = {
  provide: RECOMMENDER_PORTS,
  inject: [APP_CONFIG, LLM_CLIENT, EmbeddingCacheRepository],
  useFactory: (config: AppConfig, llm: LlmClient | null, cache: EmbeddingCacheRepository): FitPorts =>
    llm && config.llm
      ? {
          llmRanker: new LlmListwiseRanker(llm, {
            timeoutMs: config.llm.rankTimeoutMs,
            passes: config.llm.rankPasses,
            logger: rankerLogger,
          }),
          embeddings: { llm, cache, model: config.llm.embeddingModel },
        }
      : {},
};
