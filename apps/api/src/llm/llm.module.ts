import { Module, type Provider } from '@nestjs/common';
import { createLlmClient, type LlmClient } from '@persona/llm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** The configured OpenAI-compatible client, or null when no LLM_BASE_URL is set (offline engines). */
export const LLM_CLIENT = Symbol('LLM_CLIENT');

const llmClientProvider: Provider = {
  provide: LLM_CLIENT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): LlmClient | null =>
    config.llm
      ? createLlmClient({
          baseUrl: config.llm.baseUrl,
          apiKey: config.llm.apiKey,
          chatModel: config.llm.chatModel,
          embeddingModel: config.llm.embeddingModel,
          imageModel: config.llm.imageModel,
          timeoutMs: config.llm.timeoutMs,
          maxRetries: 2,
        })
      : null,
};

@Module({ providers: [llmClientProvider], exports: [LLM_CLIENT] })
export class LlmModule {}
