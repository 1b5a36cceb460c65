import {
  countChatTokens,
  countTokens,
  LlmError,
  type BatchRequestLine,
  type BatchResultLine,
  type BatchStatus,
  type ChatRequest,
  type ChatResult,
  type EmbedResult,
  type ImageRequest,
  type ImageResult,
  type LlmClient,
  type ModerationResult,
} from '@persona/llm';
import { ErrorCode, PlatformError } from '@persona/shared';
import type { ProviderRateLimiter } from './provider-rate-limiter.js';

/**
 * What a chat without `maxTokens` reserves for its answer. Providers count `max_tokens` against
 * the token budget when the request arrives; without it they count their own default, which is
 * often far larger, so callers that care about throughput should set `maxTokens`.
 */
export const DEFAULT_COMPLETION_RESERVE = 1024;
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 8;
/** The pause after a 429 without Retry-After: doubled per 429 in a row, up to the cap. */
const FALLBACK_PAUSE_MS = 1_000;
const FALLBACK_PAUSE_MAX_MS = 30_000;
/** OpenAiLlmClient sends at most this many inputs per embeddings request, so one such call is one request. */
const EMBED_INPUTS_PER_REQUEST = 256;

export interface RateLimitedLlmClientOptions {
  /** 429s in a row one call waits out (each pausing every process on the provider) before it rethrows. */
  maxRateLimitRetries?: number;
  /** Tokens a chat without `maxTokens` reserves per choice. */
  completionReserve?: number;
}

interface Budget {
  /** Tokens each request reserves. */
  tokens: number;
  /** Requests the inner call may make (each is admitted just before the call). */
  requests?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * An LlmClient whose every HTTP request first passes the provider's shared budget, so any number
 * of workers together stay within the provider's requests and tokens per window, and a 429 pauses
 * all of them instead of each one finding out separately.
 *
 * The inner client must make one HTTP attempt per call: chat and images are asked with
 * `maxRetries: 0`, but embed, moderate and the batch calls take no per-call override, so build the
 * inner client with `maxRetries: 0` (createRateLimitedLlmClient does): its own retries would
 * bypass the budget. Only rate limiting is retried here; every other error goes to the caller unchanged, and
 * the queue tells a retryable one from a permanent one by `LlmError.retryable`.
 */
export class RateLimitedLlmClient implements LlmClient {
  readonly chatModel: string;
  private readonly maxRateLimitRetries: number;
  private readonly completionReserve: number;
  /**
   * Per model, whether its endpoint accepts `response_format: json_schema`. The inner client asks
   * again without it when the endpoint refuses it, a second request, so until we know, a
   * structured chat reserves two; once refused, the schema is left out and the chat is one request.
   */
  private readonly structuredOutput = new Map<string, boolean>();

  constructor(
    private readonly inner: LlmClient,
    private readonly limiter: ProviderRateLimiter,
    options: RateLimitedLlmClientOptions = {},
  ) {
    this.chatModel = inner.chatModel;
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
    this.completionReserve = options.completionReserve ?? DEFAULT_COMPLETION_RESERVE;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const model = request.model ?? this.chatModel;
    const structured = request.jsonSchema === undefined ? true : this.structuredOutput.get(model);
    const unstructured = structured === false;
    const tokens = countChatTokens(request.messages) + (request.maxTokens ?? this.completionReserve) * (request.n ?? 1);
    const budget = { tokens, requests: structured === undefined ? 2 : 1, timeoutMs: request.timeoutMs, signal: request.signal };
    const result = await this.send(budget, (timeoutMs) =>
      this.inner.chat({ ...request, ...(unstructured ? { jsonSchema: undefined } : {}), timeoutMs, maxRetries: 0 }),
    );
    if (request.jsonSchema !== undefined && !unstructured) this.structuredOutput.set(model, result.structuredOutput);
    return unstructured ? { ...result, structuredOutput: false } : result;
  }

  async embed(texts: string[], model?: string): Promise<EmbedResult> {
    const embedOne = (chunk: string[]) => {
      const tokens = chunk.reduce((sum, text) => sum + countTokens(text), 0);
      return this.send({ tokens, requests: chunk.length === 0 ? 0 : 1 }, () => this.inner.embed(chunk, model));
    };
    if (texts.length <= EMBED_INPUTS_PER_REQUEST) return embedOne(texts);
    // Chunked here rather than by the inner client, so each request is admitted right before it is sent.
    const parts: EmbedResult[] = [];
    for (let offset = 0; offset < texts.length; offset += EMBED_INPUTS_PER_REQUEST) {
      parts.push(await embedOne(texts.slice(offset, offset + EMBED_INPUTS_PER_REQUEST)));
    }
    return {
      vectors: parts.flatMap((part) => part.vectors),
      model: parts.at(-1)!.model,
      usage: {
        promptTokens: parts.reduce((sum, part) => sum + part.usage.promptTokens, 0),
        completionTokens: 0,
      },
      latencyMs: parts.reduce((sum, part) => sum + part.latencyMs, 0),
    };
  }

  // The calls below reserve no tokens: providers do not count them against the token budget
  // (images are limited per image, moderation is free, batches have their own enqueued-token
  // quota, reading files and batch status is bookkeeping). Each still takes one request from the
  // request budget, since a self-hosted endpoint serves them with the same capacity.

  generateImage(request: ImageRequest): Promise<ImageResult> {
    return this.send({ tokens: 0, timeoutMs: request.timeoutMs }, (timeoutMs) =>
      this.inner.generateImage({ ...request, timeoutMs, maxRetries: 0 }),
    );
  }

  editImage(request: ImageRequest & { image: Buffer }): Promise<ImageResult> {
    return this.send({ tokens: 0, timeoutMs: request.timeoutMs }, (timeoutMs) =>
      this.inner.editImage({ ...request, timeoutMs, maxRetries: 0 }),
    );
  }

  moderate(texts: string[]): Promise<ModerationResult[]> {
    return this.send({ tokens: 0, requests: texts.length === 0 ? 0 : 1 }, () => this.inner.moderate(texts));
  }

  moderateImage(image: Buffer): Promise<ModerationResult> {
    return this.send({ tokens: 0, requests: 1 }, () => this.inner.moderateImage(image));
  }

  /** Two requests: the JSONL upload, then the batch that reads it (admitted one upload early). */
  submitBatch(lines: BatchRequestLine[]): Promise<BatchStatus> {
    return this.send({ tokens: 0, requests: 2 }, () => this.inner.submitBatch(lines));
  }

  getBatch(batchId: string): Promise<BatchStatus> {
    return this.send({ tokens: 0 }, () => this.inner.getBatch(batchId));
  }

  /** One download per result file (output, errors), sent together. */
  readBatchResults(status: BatchStatus): Promise<BatchResultLine[]> {
    const files = [status.outputFileId, status.errorFileId].filter((id) => id !== null).length;
    return this.send({ tokens: 0, requests: files }, () => this.inner.readBatchResults(status));
  }

  /**
   * Admits the call's requests, then makes it; on a 429 pauses every process on the provider for
   * what the provider asked and tries again, within the call's time budget. `call` gets the time
   * left of that budget.
   */
  private async send<T>(budget: Budget, call: (timeoutMs: number | undefined) => Promise<T>): Promise<T> {
    const deadline = budget.timeoutMs === undefined ? undefined : Date.now() + budget.timeoutMs;
    for (let retry = 0; ; retry++) {
      for (let admitted = 0; admitted < (budget.requests ?? 1); admitted++) {
        await this.admit(budget.tokens, deadline, budget.signal);
      }
      try {
        return await call(deadline === undefined ? undefined : Math.max(deadline - Date.now(), 0));
      } catch (error) {
        if (!(error instanceof LlmError) || error.kind !== 'rate_limited' || retry >= this.maxRateLimitRetries) throw error;
        const advised = error.retryAfterMs ?? 0;
        await this.limiter.penalize(advised > 0 ? advised : Math.min(FALLBACK_PAUSE_MS * 2 ** retry, FALLBACK_PAUSE_MAX_MS));
      }
    }
  }

  /** The limiter's refusals as the LlmErrors callers of the port already handle (and fall back on). */
  private async admit(tokens: number, deadline: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.limiter.acquire({ tokens, deadline, signal });
    } catch (error) {
      if (signal?.aborted === true) {
        throw new LlmError('timeout', 'The LLM call was aborted while waiting for the provider budget', undefined, { cause: error });
      }
      if (error instanceof PlatformError && error.code === ErrorCode.RateLimited) {
        const waitMs = (error.details?.retryAfterSeconds ?? 0) * 1000;
        throw new LlmError('rate_limited', `${error.message}, after the call's time budget`, waitMs, { cause: error });
      }
      if (error instanceof PlatformError && error.code === ErrorCode.DependencyUnavailable) {
        throw new LlmError('connection', error.message, undefined, { cause: error });
      }
      // A call larger than the whole token budget can never be sent: a permanent error.
      if (error instanceof RangeError) throw new LlmError('bad_request', error.message, undefined, { cause: error });
      throw error;
    }
  }
}
