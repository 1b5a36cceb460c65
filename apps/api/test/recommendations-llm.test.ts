import { faults, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import type { DemoDataset } from '@persona/demo-data';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoSlice } from './support/demo-slice.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('recommendations API with the LLM ranker (real openai SDK against the testkit server)', () => {
  let llm: OpenAiTestServer;
  let app: TestApp;
  let dataset: DemoDataset;

  beforeAll(async () => {
    llm = await startOpenAiTestServer();
    app = await startTestApp('pglite', { LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'test', LLM_RANK_TIMEOUT_MS: '1500' });
    ({ dataset } = await loadDemoSlice(app));
  }, 120_000);
  beforeEach(() => llm.reset());
  afterAll(async () => {
    await app.close();
    await llm.close();
  });

  const feed = (userId: string, query = '') =>
    app.request({ method: 'GET', url: `/v1/users/${userId}/recommendations?limit=10${query}` }).then((r) => r.json());

  it('ranks with the LLM by default when an endpoint is configured, sending a JSON schema of candidate ids', async () => {
    const user = dataset.users[7]!;
    const result = await feed(user.id, '&explain=true');
    expect(result).toMatchObject({ engine: 'llm', fallbackReason: null });
    expect(result.items).toHaveLength(10);
    expect(result.tokens.prompt).toBeGreaterThan(0);
    const chat = llm.requests.find((r) => r.path === '/v1/chat/completions')!;
    const format = (chat.body as { response_format: { type: string; json_schema: { schema: unknown } } }).response_format;
    expect(format.type).toBe('json_schema');
    expect(JSON.stringify(format.json_schema.schema)).toContain('enum');
  });

  it.each([
    ['a 429', () => faults.rateLimited(30), 'llm_rate_limited'],
    ['a 500', () => faults.serverError(), 'llm_server_error'],
    ['malformed JSON', () => faults.malformedBody(), 'llm_bad_response'],
  ])('falls back to the classical ranking on %s and says why', async (_name, fault, reason) => {
    llm.script({ match: { path: '/v1/chat/completions' }, reply: fault(), times: 5 });
    const result = await feed(dataset.users[11]!.id, '&engine=llm');
    expect(result).toMatchObject({ engine: 'classical', fallbackReason: reason });
    expect(result.items).toHaveLength(10);
  });

  it('falls back on a timeout within the ranking budget', async () => {
    llm.script({ match: { path: '/v1/chat/completions' }, delayMs: 20_000, times: 5 });
    const started = performance.now();
    const result = await feed(dataset.users[12]!.id, '&engine=llm');
    expect(result).toMatchObject({ engine: 'classical', fallbackReason: 'llm_timeout' });
    // The ranking budget is 1.5 s; the answer would come at 20 s.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('serves the classical engine on request without calling the LLM', async () => {
    const result = await feed(dataset.users[13]!.id, '&engine=classical');
    expect(result).toMatchObject({ engine: 'classical', fallbackReason: null, tokens: { prompt: 0, completion: 0 } });
    expect(llm.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
  });
});
