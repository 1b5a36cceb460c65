import { faults, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmClient, type LlmConfig, type LlmErrorKind } from '../src/index.js';

const messages = [{ role: 'user' as const, content: 'Rank a, b, c.' }];

let server: OpenAiTestServer;
let config: LlmConfig;

beforeAll(async () => {
  server = await startOpenAiTestServer();
  config = { baseUrl: server.baseUrl, apiKey: 'test', chatModel: 'gpt-4o-mini', timeoutMs: 5_000, maxRetries: 0 };
});
afterEach(() => server.reset());
afterAll(() => server.close());

const client = (overrides: Partial<LlmConfig> = {}) => new OpenAiLlmClient({ ...config, ...overrides });
const gapsMs = () => server.requests.slice(1).map((request, index) => request.receivedAt - (server.requests[index]?.receivedAt ?? 0));

describe('error kinds', () => {
  it.each<[string, Parameters<OpenAiTestServer['script']>[0]['reply'], LlmErrorKind]>([
    ['429', faults.rateLimited(3), 'rate_limited'],
    ['500', faults.serverError(500), 'server_error'],
    ['503', faults.serverError(503), 'server_error'],
    ['400', faults.badRequest('bad'), 'bad_request'],
    ['401', { fault: { kind: 'http_error', status: 401 } }, 'auth'],
    ['403', { fault: { kind: 'http_error', status: 403 } }, 'auth'],
    ['malformed body', faults.malformedBody(), 'bad_response'],
  ])('%s → %s', async (_name, reply, kind) => {
    server.script({ reply });
    await expect(client().chat({ messages })).rejects.toMatchObject({ kind, name: 'LlmError' });
  });

  it('429 carries the Retry-After wait, preferring retry-after-ms', async () => {
    server.script({ reply: faults.rateLimited(3) }, { reply: { fault: { kind: 'http_error', status: 429, retryAfterSeconds: 3, retryAfterMs: 250 } } });
    await expect(client().chat({ messages })).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_000, retryable: true });
    await expect(client().chat({ messages })).rejects.toMatchObject({ retryAfterMs: 250 });
  });

  it('an endpoint that is not listening → connection', async () => {
    const gone = await startOpenAiTestServer();
    const baseUrl = gone.baseUrl;
    await gone.close();
    await expect(client({ baseUrl }).chat({ messages })).rejects.toMatchObject({ kind: 'connection', retryable: true });
  });
});

describe('retry policy', () => {
  it('waits what Retry-After asks before retrying a 429', async () => {
    server.script({ reply: faults.rateLimited(1) });
    const result = await client({ maxRetries: 2 }).chat({ messages });
    expect(result.choices).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(gapsMs()[0]).toBeGreaterThanOrEqual(990);
  });

  it('backs off exponentially on 5xx and honours retry-after-ms', async () => {
    server.script({ reply: faults.serverError(503) }, { reply: { fault: { kind: 'http_error', status: 429, retryAfterMs: 120 } } });
    const result = await client({ maxRetries: 2 }).chat({ messages });
    expect(result.choices).toHaveLength(1);
    const [afterServerError, afterRateLimit] = gapsMs();
    // First backoff: 500 ms less up to 25 % jitter.
    expect(afterServerError).toBeGreaterThanOrEqual(370);
    expect(afterRateLimit).toBeGreaterThanOrEqual(115);
    // The next backoff would be at least 750 ms: the short gap shows retry-after-ms was used.
    expect(afterRateLimit).toBeLessThan(750);
  });

  it('gives up with the last error when the retries run out', async () => {
    server.script({ times: 2, reply: faults.serverError(500) });
    await expect(client({ maxRetries: 1 }).chat({ messages })).rejects.toMatchObject({ kind: 'server_error' });
    expect(server.requests).toHaveLength(2);
  });

  it('returns rate_limited at once when Retry-After does not fit the call budget', async () => {
    server.script({ reply: faults.rateLimited(30) });
    const started = Date.now();
    await expect(client({ maxRetries: 5 }).chat({ messages, timeoutMs: 10_000 })).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 30_000,
    });
    // At once, not after waiting out the 10 s budget.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('does not wait longer than maxRetryDelayMs even without a budget', async () => {
    server.script({ reply: faults.rateLimited(30) });
    const started = Date.now();
    await expect(client({ maxRetries: 2, maxRetryDelayMs: 1_000 }).chat({ messages })).rejects.toMatchObject({ kind: 'rate_limited' });
    // At once, not after the 30 s Retry-After.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a slow endpoint yields timeout within the call budget, retries included', async () => {
    server.script({ times: 10, delayMs: 10_000 });
    const started = Date.now();
    await expect(client({ maxRetries: 3 }).chat({ messages, timeoutMs: 300 })).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    // The budget is 300 ms; a budget per attempt would take 4 × 300 ms plus ≥ 2.6 s of backoff.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('the per-attempt timeout retries a slow endpoint, then succeeds', async () => {
    server.script({ delayMs: 3_000 });
    const result = await client({ timeoutMs: 200, maxRetries: 1 }).chat({ messages });
    expect(result.choices[0]?.content).toContain('Test answer');
    expect(server.requests).toHaveLength(2);
  });

  it('a per-call maxRetries of 0 fails on the first error', async () => {
    server.script({ times: 2, reply: faults.serverError(500) });
    await expect(client({ maxRetries: 3 }).chat({ messages, maxRetries: 0 })).rejects.toMatchObject({ kind: 'server_error' });
    expect(server.requests).toHaveLength(1);
  });

  it("the caller's abort signal ends the call as timeout", async () => {
    server.script({ delayMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(client().chat({ messages, signal: controller.signal })).rejects.toMatchObject({ kind: 'timeout' });
    // Ended by the abort at 100 ms, not by the answer at 10 s (or the 5 s attempt timeout).
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
