import { getQueueToken } from '@nestjs/bullmq';
import { Job, UnrecoverableError, type Queue } from 'bullmq';
import { z } from 'zod';
import { generateDemoDataset } from '@persona/demo-data';
import { LlmError } from '@persona/llm';
import { JobName } from '@persona/shared';
import { faults, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../src/db/schema.js';
import { GENERATION_QUEUE } from '../src/jobs/job-queues.js';
import { isRetryable, RetryPolicy } from '../src/jobs/retry-policy.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const ATTEMPTS = 3;
const databases = await availableDatabases();

describe('the retry policy sorts errors by the allow-list', () => {
  const policy = new RetryPolicy({ attempts: ATTEMPTS, backoffMs: 10 });

  it('retries 429, 5xx, timeouts and lost connections, and nothing else', () => {
    for (const kind of ['rate_limited', 'server_error', 'timeout', 'connection'] as const) expect(isRetryable(new LlmError(kind, kind))).toBe(true);
    for (const kind of ['bad_request', 'auth', 'refused', 'bad_response'] as const) expect(isRetryable(new LlmError(kind, kind))).toBe(false);
    expect(isRetryable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetryable(new Error('wrapped', { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) }))).toBe(true);
    const zodError = z.object({ jobId: z.string() }).safeParse({}).error!;
    expect(isRetryable(zodError)).toBe(false);
    expect(isRetryable(new Error('something nobody expected'))).toBe(false);
    expect(policy.toQueueError(zodError)).toBeInstanceOf(UnrecoverableError);
  });

  it('falls back only on the last attempt, and fails at once on what asking again cannot fix', () => {
    const busy = new LlmError('server_error', '503');
    expect(policy.llmAction(busy, { final: false, rerun: false })).toBe('retry');
    expect(policy.llmAction(busy, { final: true, rerun: true })).toBe('fall-back');
    expect(policy.llmAction(new LlmError('auth', 'bad key'), { final: false, rerun: false })).toBe('fail');
    expect(policy.llmAction(new LlmError('refused', 'no'), { final: false, rerun: false })).toBe('record-failed');
  });

  for (const kind of databases) {
    it(`treats a constraint violation from ${kind} as permanent`, async () => {
      const app = await startTestApp(kind);
      try {
        const [existing] = await app.database.db.select().from(workspaces);
        const violation = await app.database.db.insert(workspaces).values(existing!).then(
          () => null,
          (error: unknown) => error,
        );
        expect(violation).toBeInstanceOf(Error);
        expect(isRetryable(violation)).toBe(false);
        expect(policy.toQueueError(violation)).toBeInstanceOf(UnrecoverableError);
      } finally {
        await app.close();
      }
    }, 60_000);
  }
});

describe('generation children under the retry policy (PGlite, embedded worker, the openai engine against the testkit)', () => {
  let llm: OpenAiTestServer;
  let app: TestApp;
  let itemIds: string[];
  let segmentId: string;

  const waitFinished = async (id: string) => {
    await expect
      .poll(async () => (await app.request({ method: 'GET', url: `/v1/generation-jobs/${id}` })).json().status, { timeout: 60_000, interval: 100 })
      .toMatch(/completed|failed/);
    return (await app.request({ method: 'GET', url: `/v1/generation-jobs/${id}` })).json();
  };
  const chats = () => llm.requests.filter((request) => request.path === '/v1/chat/completions').length;
  const textVariant = async (itemId: string) =>
    (await app.request({ method: 'GET', url: `/v1/items/${itemId}/variants?kind=text` })).json().items[0];

  beforeAll(async () => {
    llm = await startOpenAiTestServer();
    app = await startTestApp('pglite', {
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test',
      EMBEDDED_WORKER: 'true',
      JOB_ATTEMPTS: String(ATTEMPTS),
      JOB_BACKOFF_MS: '50',
    });
    const dataset = generateDemoDataset({ items: 3, users: 10, interactions: 10 });
    const ndjson = dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n');
    await app.request({ method: 'POST', url: '/v1/items/import', payload: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    itemIds = (await app.request({ method: 'GET', url: '/v1/items' })).json().items.map((item: { id: string }) => item.id);
    segmentId = (await app.request({ method: 'POST', url: '/v1/segments', body: dataset.segments[0] })).json().id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await llm?.close();
  });

  it('fails a child whose payload does not parse (a ZodError) on its first attempt, with the reason', async () => {
    const queue = app.app.get<Queue>(getQueueToken(GENERATION_QUEUE));
    const added = await queue.add(JobName.Text, { jobId: 42 }, { attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 10 } });
    await expect.poll(async () => (await Job.fromId(queue, added.id!))?.finishedOn ?? null, { timeout: 30_000, interval: 50 }).not.toBeNull();
    const failed = (await Job.fromId(queue, added.id!))!;
    expect(await failed.getState()).toBe('failed');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/ZodError/);
  }, 60_000);

  it('retries a 503 and then writes the LLM variant, with nothing counted as fallen back', async () => {
    llm.script({ match: { path: '/v1/chat/completions' }, reply: faults.serverError(503) });
    const before = chats();
    const job = (
      await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: [itemIds[0]] }, segmentIds: [segmentId], engine: 'openai' } })
    ).json();
    const finished = await waitFinished(job.id);
    expect(finished.counts).toMatchObject({ total: 1, done: 1, failed: 0, fellBack: 0 });
    expect(llm.pendingScripts()).toBe(0);
    expect(chats() - before).toBeGreaterThanOrEqual(2);
    expect((await textVariant(itemIds[0]!)).provenance).toMatchObject({ engine: 'openai', fallbackReason: null });
  }, 90_000);

  it('falls back to the template engine on the last attempt only, and counts it in fellBack', async () => {
    // Every attempt's chat answers 503: the first two are retried, the last one falls back.
    llm.script({ match: { path: '/v1/chat/completions' }, reply: faults.serverError(503), times: ATTEMPTS });
    const before = chats();
    const job = (
      await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: [itemIds[1]] }, segmentIds: [segmentId], engine: 'openai' } })
    ).json();
    const finished = await waitFinished(job.id);
    expect(finished.status).toBe('completed');
    expect(finished.counts).toMatchObject({ total: 1, done: 1, failed: 0, fellBack: 1 });
    expect(llm.pendingScripts()).toBe(0);
    expect(chats() - before).toBe(ATTEMPTS);
    const variant = await textVariant(itemIds[1]!);
    expect(variant.provenance.fallbackReason).toMatch(/server_error/);
  }, 90_000);
});
