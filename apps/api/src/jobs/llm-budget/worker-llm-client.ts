import { createLlmClient } from '@persona/llm';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { ProviderRateLimiter } from './provider-rate-limiter.js';
import { RateLimitedLlmClient } from './rate-limited-llm-client.js';

/**
 * How much longer than the provider's window the budget's window is. The limiter admits a request
 * on Redis's clock; the provider counts it when it arrives, after an event-loop turn, perhaps a new
 * TLS connection, and the network, which take longer for some requests than others. Without the
 * margin, a batch admitted the instant the previous one leaves the window arrives, by the
 * provider's clock, inside the same window as the slower requests of the previous one (a test with
 * 10 per second saw up to 19 arrive within one second). A fixed 250 ms was not enough for a
 * one-minute window on a busy machine (`npm run bench:jobs` saw 603 arrive within 60 s against
 * 600, with a load average of 23 on 2 cores), so it grows with the window: 1/60 of it, at least
 * 250 ms. The cost: 1.6% of a one-minute budget.
 */
export function arrivalMarginMs(windowMs: number): number {
  return Math.max(250, Math.ceil(windowMs / 60));
}

/**
 * The LLM client of queue workers: one HTTP attempt per call (the decorator retries 429s through
 * the shared budget; the queue retries the rest), admitted by the provider's budget in Redis.
 *
 * The budget is keyed by the endpoint's host and the chat model because that is what providers
 * limit: OpenAI counts per organization and model, a self-hosted server (vLLM, Ollama) per host,
 * and every process configured with the same endpoint and model draws from the same limit. The
 * API key stays out of the key, since Redis key names are no place for secrets; two keys of
 * different organizations on one host and model then share a budget, which errs on the safe side.
 */
export function createRateLimitedLlmClient(
  config: NonNullable<AppConfig['llm']>,
  redis: Redis,
  keyPrefix?: string,
): RateLimitedLlmClient {
  const inner = createLlmClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    chatModel: config.chatModel,
    embeddingModel: config.embeddingModel,
    imageModel: config.imageModel,
    timeoutMs: config.timeoutMs,
    maxRetries: 0,
  });
  if (inner === null) throw new RangeError('createRateLimitedLlmClient needs an LLM base URL');
  const { maxRequests, maxTokens, windowMs, maxRetries } = config.rateLimit;
  const limiter = new ProviderRateLimiter({
    redis,
    provider: `${new URL(config.baseUrl).host}/${config.chatModel}`,
    keyPrefix,
    maxRequests,
    maxTokens,
    windowMs: windowMs + arrivalMarginMs(windowMs),
    // The provider's own pace (10 a second for 600 a minute): a job leaves at a steady rate, not in
    // bursts whose arrival a busy event loop delays into the next window.
    spacingMs: maxRequests === undefined ? 0 : Math.floor(windowMs / maxRequests),
  });
  return new RateLimitedLlmClient(inner, limiter, { maxRateLimitRetries: maxRetries });
}
