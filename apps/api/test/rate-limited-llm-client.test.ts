import { randomUUID } from 'node:crypto';
import { countChatTokens, createLlmClient, LlmError, type ChatMessage, type ChatRequest } from '@persona/llm';
import { faults, startOpenAiTestServer, type OpenAiTestServer, type RecordedRequest, type ScriptRule } from '@persona/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import { ProviderRateLimiter } from '../src/jobs/llm-budget/provider-rate-limiter.js';
import { DEFAULT_COMPLETION_RESERVE, RateLimitedLlmClient } from '../src/jobs/llm-budget/rate-limited-llm-client.js';
import { arrivalMarginMs, createRateLimitedLlmClient } from '../src/jobs/llm-budget/worker-llm-client.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';

const CHAT_PATH = '/v1/chat/completions';

let redisServer: PrivateRedis;
let llm: OpenAiTestServer;
const connections: Redis[] = [];
/** Budget keys of the running test: every worker a test starts shares them, no other test does. */
let keyPrefix = '';

beforeAll(async () => {
  [redisServer, llm] = await Promise.all([startPrivateRedis(), startOpenAiTestServer()]);
});

beforeEach(() => {
  keyPrefix = `test:llm-budget:${randomUUID()}`;
});

afterEach(() => {
  vi.restoreAllMocks();
  llm.reset();
  for (const redis of connections.splice(0)) redis.disconnect();
});

afterAll(async () => {
  await llm.close();
  await redisServer.stop();
});

/** A connection of a worker process of its own, as each BullMQ worker has. */
function connect(): Redis {
  const redis = new Redis(redisServer.url);
  connections.push(redis);
  return redis;
}

/** The LLM config a worker reads from its environment, pointed at the test server. */
function llmConfig(env: Record<string, string>): NonNullable<AppConfig['llm']> {
  return loadConfig({ LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'test', ...env }).llm!;
}

/** A worker's client as production builds it, sharing the running test's budget. */
function startWorker(env: Record<string, string>): RateLimitedLlmClient {
  return createRateLimitedLlmClient(llmConfig(env), connect(), keyPrefix);
}

function chatRequests(): RecordedRequest[] {
  return llm.requests.filter((request) => request.path === CHAT_PATH);
}

function question(index: number, words = 12): ChatRequest {
  const text = Array.from({ length: words }, (_, word) => `word${(index * 7 + word) % 50}`).join(' ');
  return { messages: [{ role: 'user', content: `Question ${index}: ${text}` }], maxTokens: 50 };
}

interface ChatBody {
  messages: ChatMessage[];
  n?: number;
  max_completion_tokens?: number;
}

interface Arrival {
  at: number;
  tokens: number;
}

/** When each chat request arrived, and the tokens it reserved, recomputed from what the server received. */
function arrivals(requests: RecordedRequest[]): Arrival[] {
  return requests.map((request) => {
    const body = request.body as ChatBody;
    const completion = (body.max_completion_tokens ?? DEFAULT_COMPLETION_RESERVE) * (body.n ?? 1);
    return { at: request.receivedAt, tokens: countChatTokens(body.messages) + completion };
  });
}

/** The most requests and the most tokens that arrived within any rolling window of `windowMs`. */
function busiestWindow(arrived: Arrival[], windowMs: number): { requests: number; tokens: number } {
  const sorted = [...arrived].sort((a, b) => a.at - b.at);
  let busiest = { requests: 0, tokens: 0 };
  let first = 0;
  let tokens = 0;
  for (const [last, arrival] of sorted.entries()) {
    tokens += arrival.tokens;
    // The window ending at this arrival holds every arrival less than windowMs before it.
    while (arrival.at - sorted[first]!.at >= windowMs) tokens -= sorted[first++]!.tokens;
    busiest = { requests: Math.max(busiest.requests, last - first + 1), tokens: Math.max(busiest.tokens, tokens) };
  }
  return busiest;
}

describe('RateLimitedLlmClient (real openai SDK against the testkit server, budget in a real Redis)', () => {
  it('reads the budget from the environment', () => {
    expect(llmConfig({}).rateLimit).toEqual({ windowMs: 60_000, maxRetries: 8 });
    const env = { LLM_REQUESTS_PER_MINUTE: '500', LLM_TOKENS_PER_MINUTE: '200000', LLM_RATE_WINDOW_MS: '1000', LLM_RATE_LIMIT_RETRIES: '0' };
    expect(llmConfig(env).rateLimit).toEqual({ maxRequests: 500, maxTokens: 200_000, windowMs: 1000, maxRetries: 0 });
    expect(() => llmConfig({ LLM_REQUESTS_PER_MINUTE: '0' })).toThrow(/LLM_REQUESTS_PER_MINUTE/);
  });

  it('gets four workers through a 429 storm, never letting more than the budget arrive in any rolling window', async () => {
    const windowMs = 1000;
    const maxRequests = 10;
    const env = { LLM_REQUESTS_PER_MINUTE: String(maxRequests), LLM_RATE_WINDOW_MS: String(windowMs) };
    const workers = Array.from({ length: 4 }, () => startWorker(env));
    // Every other one of the first 20 requests is a 429 asking for a second's pause.
    llm.script(...Array.from({ length: 10 }, (): ScriptRule[] => [{ reply: faults.rateLimited(1) }, {}]).flat());
    const started = performance.now();

    const results = await Promise.all(
      workers.flatMap((worker, w) => Array.from({ length: 10 }, (_, i) => worker.chat(question(w * 10 + i)))),
    );

    const elapsed = performance.now() - started;
    expect(results).toHaveLength(40);
    expect(results.every((result) => (result.choices[0]?.content ?? '').length > 0)).toBe(true);
    // 40 answers and the 10 429s: each 429 was asked again exactly once.
    expect(chatRequests()).toHaveLength(50);
    expect(llm.pendingScripts()).toBe(0);
    expect(busiestWindow(arrivals(chatRequests()), windowMs).requests).toBe(maxRequests);
    // 50 requests, at most 10 at a time, a window (and its margin) apart.
    expect(elapsed).toBeGreaterThanOrEqual(4 * (windowMs + arrivalMarginMs(windowMs)));
  }, 60_000);

  it('after a 429 with Retry-After: 1, no worker sends anything for a second', async () => {
    const env = { LLM_REQUESTS_PER_MINUTE: '100', LLM_RATE_WINDOW_MS: '1000' };
    const [a, b, c] = [startWorker(env), startWorker(env), startWorker(env)] as const;
    llm.script({ match: { path: CHAT_PATH }, reply: faults.rateLimited(1) });
    const penalize = vi.spyOn(ProviderRateLimiter.prototype, 'penalize');

    const first = a.chat(question(1));
    await vi.waitFor(() => expect(penalize).toHaveBeenCalledOnce());
    await penalize.mock.results[0]!.value;
    // b and c come along during the pause, on connections of their own.
    await Promise.all([first, b.chat(question(2)), c.chat(question(3))]);

    expect(penalize).toHaveBeenCalledOnce();
    expect(penalize).toHaveBeenCalledWith(1000);
    const [limited, ...after] = chatRequests();
    expect(after).toHaveLength(3);
    const gaps = after.map((request) => request.receivedAt - limited!.receivedAt);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 - 2); // Redis's pause rounds to the millisecond
    expect(Math.max(...gaps)).toBeLessThan(1000 + 300);
  });

  it('keeps the reserved tokens (prompt plus max completion per choice) of every rolling window within the token budget', async () => {
    const maxTokens = 1200;
    const windowMs = 200;
    const env = { LLM_TOKENS_PER_MINUTE: String(maxTokens), LLM_RATE_WINDOW_MS: String(windowMs) };
    const workers = [startWorker(env), startWorker(env)];
    const requests: ChatRequest[] = [
      ...Array.from({ length: 8 }, (_, i) => ({ ...question(i, 10 + 8 * i), maxTokens: 120, n: i % 3 === 0 ? 2 : 1 })),
      // Without maxTokens a chat reserves the default completion, most of a window's budget.
      { messages: [{ role: 'user', content: 'Say something long.' }] },
      { messages: [{ role: 'user', content: 'Say something else.' }] },
    ];

    await Promise.all(requests.map((request, i) => workers[i % 2]!.chat(request)));

    const received = arrivals(chatRequests());
    expect(received).toHaveLength(requests.length);
    expect(received.filter((arrival) => arrival.tokens > DEFAULT_COMPLETION_RESERVE)).toHaveLength(2);
    const total = received.reduce((sum, arrival) => sum + arrival.tokens, 0);
    expect(total).toBeGreaterThan(3 * maxTokens); // the budget had to bind
    expect(busiestWindow(received, windowMs).tokens).toBeLessThanOrEqual(maxTokens);
  });

  it.each([
    ['400', faults.badRequest('Invalid value for temperature'), 'bad_request', false],
    ['401', { fault: { kind: 'http_error', status: 401, message: 'Incorrect API key provided.' } } as const, 'auth', false],
    ['500', faults.serverError(), 'server_error', true],
  ])('passes a %s through at once: one request, no pause', async (_status, reply, kind, retryable) => {
    // An inner client that would retry on its own: a chat not made single-shot shows as extra requests.
    const inner = createLlmClient({ baseUrl: llm.baseUrl, apiKey: 'test', chatModel: 'gpt-4o-mini', timeoutMs: 5_000, maxRetries: 3 })!;
    const limiter = new ProviderRateLimiter({ redis: connect(), provider: 'testkit', keyPrefix, maxRequests: 10, windowMs: 1000 });
    const client = new RateLimitedLlmClient(inner, limiter);
    llm.script({ match: { path: CHAT_PATH }, reply, times: Infinity });
    const penalize = vi.spyOn(limiter, 'penalize');
    const started = performance.now();

    const error = await client.chat(question(1)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind, retryable });
    expect(chatRequests()).toHaveLength(1);
    expect(penalize).not.toHaveBeenCalled();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("gives up waiting for the budget at the call's timeoutMs or when its signal aborts, sending nothing", async () => {
    const worker = startWorker({ LLM_REQUESTS_PER_MINUTE: '1', LLM_RATE_WINDOW_MS: '5000' });
    await worker.chat(question(1));

    let started = performance.now();
    const late = await worker.chat({ ...question(2), timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(late).toBeInstanceOf(LlmError);
    expect(late).toMatchObject({ kind: 'rate_limited', retryable: true });
    expect((late as LlmError).retryAfterMs).toBeGreaterThan(4000);
    expect(performance.now() - started).toBeLessThan(2000); // the wait (> 4 s) could never fit, so no waiting

    started = performance.now();
    const aborted = await worker.chat({ ...question(3), signal: AbortSignal.timeout(100) }).catch((caught: unknown) => caught);
    expect(aborted).toMatchObject({ kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2000); // at the abort, not when the 5 s window frees a slot
    expect(chatRequests()).toHaveLength(1);
  });

  it('rethrows a retryable rate_limited error once LLM_RATE_LIMIT_RETRIES 429s in a row are used up', async () => {
    const worker = startWorker({ LLM_REQUESTS_PER_MINUTE: '10', LLM_RATE_WINDOW_MS: '1000', LLM_RATE_LIMIT_RETRIES: '2' });
    const tooMany = { fault: { kind: 'http_error', status: 429, message: 'Rate limit reached', retryAfterMs: 80 } } as const;
    llm.script({ match: { path: CHAT_PATH }, reply: tooMany, times: Infinity });

    const error = await worker.chat(question(1)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 80 });
    const sent = chatRequests().map((request) => request.receivedAt);
    expect(sent).toHaveLength(3);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(80 - 2);
    expect(sent[2]! - sent[1]!).toBeGreaterThanOrEqual(80 - 2);
  });

  it('admits the second request of a structured chat the endpoint refuses, and then leaves the schema out', async () => {
    const windowMs = 100;
    const worker = startWorker({ LLM_REQUESTS_PER_MINUTE: '2', LLM_RATE_WINDOW_MS: String(windowMs) });
    llm.script({ match: { bodyIncludes: 'json_schema' }, reply: faults.responseFormatUnsupported(), times: Infinity });
    const jsonSchema = { name: 'answer', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } } } };

    const first = await worker.chat({ ...question(1), jsonSchema });
    const second = await worker.chat({ ...question(2), jsonSchema });

    expect([first.structuredOutput, second.structuredOutput]).toEqual([false, false]);
    const sent = chatRequests();
    expect(sent.map((request) => 'response_format' in (request.body as object))).toEqual([true, false, false]);
    // The refused request and its repeat filled the window, so the next chat waited for it to pass.
    expect(sent[2]!.receivedAt - sent[0]!.receivedAt).toBeGreaterThanOrEqual(windowMs);
  });

  it('admits each embeddings request of a large embed on its own', async () => {
    const windowMs = 100;
    const worker = startWorker({ LLM_REQUESTS_PER_MINUTE: '1', LLM_RATE_WINDOW_MS: String(windowMs) });
    const texts = Array.from({ length: 300 }, (_, i) => `text ${i}`);

    const result = await worker.embed(texts);

    expect(result.vectors).toHaveLength(300);
    const sent = llm.requests.filter((request) => request.path === '/v1/embeddings');
    expect(sent.map((request) => (request.body as { input: string[] }).input.length)).toEqual([256, 44]);
    expect(sent[1]!.receivedAt - sent[0]!.receivedAt).toBeGreaterThanOrEqual(windowMs);
  });
});
