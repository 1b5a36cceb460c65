import type { LlmClient } from './llm-client.js';
import type { LlmConfig } from './llm-config.js';
import { OpenAiLlmClient } from './openai-llm-client.js';

/** The LLM client for a configuration, or null when no endpoint is configured (offline engines then). */
export function createLlmClient(config: LlmConfig | null): LlmClient | null {
  if (config === null || config.baseUrl.trim() === '') return null;
  return new OpenAiLlmClient(config);
}
