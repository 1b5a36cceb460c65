import { generateDemoDataset } from '@persona/demo-data';
import { faults, startOpenAiTestServer, type OpenAiTestServer, type ScriptRule } from '@persona/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const WINDOW_MS = 1000;
const MAX_REQUESTS = 8;

/** The most requests that reached the server within any rolling window. */
function busiestWindow(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let busiest = 0;
  let first = 0;
  for (const [last, at] of sorted.entries()) {
    while (at - sorted[first]! >= windowMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

describe('a batch through a 429 storm, under a shared requests-per-window budget', () => {
  let redis: PrivateRedis;
  let llm: OpenAiTestServer;
  let app: TestApp;

  beforeAll(async () => {
    [redis, llm] = await Promise.all([startPrivateRedis(), startOpenAiTestServer()]);
    app = await startTestApp('pglite', {
      REDIS_URL: redis.url,
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test',
      LLM_MODEL: 'gpt-4o-mini',
      LLM_REQUESTS_PER_MINUTE: String(MAX_REQUESTS),
      LLM_RATE_WINDOW_MS: String(WINDOW_MS),
      EMBEDDED_WORKER: 'true',
      WORKER_CONCURRENCY: '8',
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await llm?.close();
    await redis?.stop();
  });

  it('completes every child with the LLM, and the endpoint never sees more than the budget in any window', async () => {
    const dataset = generateDemoDataset({ items: 8, users: 10, interactions: 10 });
    const ndjson = dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n');
    await app.request({ method: 'POST', url: '/v1/items/import', payload: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    const itemIds = (await app.request({ method: 'GET', url: '/v1/items' })).json().items.map((item: { id: string }) => item.id);
    const segmentIds: string[] = [];
    for (const segment of dataset.segments.slice(0, 2)) segmentIds.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id);

    // A storm: every other one of the first 16 chat requests is a 429 asking for a second's pause.
    llm.script(...Array.from({ length: 8 }, (): ScriptRule[] => [{ match: { path: '/v1/chat/completions' }, reply: faults.rateLimited(1) }, { match: { path: '/v1/chat/completions' } }]).flat());
    const job = (
      await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: itemIds }, segmentIds, engine: 'openai' } })
    ).json();
    expect(job.estimate).toMatchObject({ variants: 16, llmRequests: 32 });

    await expect
      .poll(async () => (await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}` })).json().status, { timeout: 90_000, interval: 200 })
      .toBe('completed');
    const finished = (await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}` })).json();
    expect(finished.counts).toMatchObject({ total: 16, done: 16, failed: 0, pending: 0 });
    expect(llm.pendingScripts()).toBe(0);

    // Each 429 was waited out and asked again: every text came from the LLM, none fell back to the template.
    for (const itemId of itemIds) {
      for (const variant of (await app.request({ method: 'GET', url: `/v1/items/${itemId}/variants?kind=text` })).json().items) {
        expect(variant.provenance).toMatchObject({ engine: 'openai', fallbackReason: null });
      }
    }
    const arrivals = llm.requests.filter((request) => request.source === 'http').map((request) => request.receivedAt);
    // 16 answers (and their repair rounds) plus the 8 429s, each asked again.
    expect(llm.requests.filter((request) => request.path === '/v1/chat/completions').length).toBeGreaterThanOrEqual(16 + 8);
    expect(busiestWindow(arrivals, WINDOW_MS)).toBeLessThanOrEqual(MAX_REQUESTS);
    expect(busiestWindow(arrivals, WINDOW_MS)).toBeGreaterThanOrEqual(MAX_REQUESTS / 2);
  }, 120_000);
});
