import type { PricingTable } from './cost-estimator.js';

/** How to reach one OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server, ...). */
export interface LlmConfig {
  /** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  apiKey: string;
  chatModel: string;
  embeddingModel?: string;
  imageModel?: string;
  /** Omitted: the endpoint's default moderation model. */
  moderationModel?: string;
  /** Timeout of one HTTP attempt. A call's own `timeoutMs` caps the whole call instead. */
  timeoutMs: number;
  /** Retries after 429, 5xx, timeouts and connection errors (each waits Retry-After, or backs off). */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for: the rate_limited error goes to the caller. Default 60 s. */
  maxRetryDelayMs?: number;
  /** Name of the output-length parameter: OpenAI's current `max_completion_tokens` (default) or `max_tokens`. */
  maxTokensParam?: 'max_completion_tokens' | 'max_tokens';
  /** Per-1M-token prices by model name (prefix); defaults to DEFAULT_PRICING. */
  pricing?: PricingTable;
}
