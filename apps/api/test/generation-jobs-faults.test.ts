import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { count, countDistinct, eq, sql } from 'drizzle-orm';
import { generateDemoDataset } from '@persona/demo-data';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { variants } from '../src/db/schema.js';
import { GENERATION_QUEUE } from '../src/jobs/job-queues.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

// Workers in processes of their own share the database, which PGlite (one process) cannot.
const postgres = (await availableDatabases()).includes('postgres');

/** Short locks, so a killed worker's jobs are taken over in seconds rather than the default 30. */
const FAST_RECOVERY = { JOB_LOCK_MS: '2000', JOB_STALLED_INTERVAL_MS: '1000', WORKER_CONCURRENCY: '4' };

async function seedCatalog(app: TestApp, items: number): Promise<{ itemIds: string[]; segmentIds: string[] }> {
  const dataset = generateDemoDataset({ items, users: 10, interactions: 10 });
  const ndjson = dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n');
  await app.request({ method: 'POST', url: '/v1/items/import', payload: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
  const itemIds = (await app.request({ method: 'GET', url: '/v1/items?limit=500' })).json().items.map((item: { id: string }) => item.id);
  const segmentIds: string[] = [];
  for (const segment of dataset.segments) segmentIds.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id);
  return { itemIds, segmentIds };
}

describe.runIf(postgres)('generation jobs under faults (PostgreSQL, worker processes, a private Redis)', () => {
  let redis: PrivateRedis;
  let app: TestApp;
  // Three sets of 100 items, so each test's 500 children are new work.
  let itemSets: string[][];
  let segmentIds: string[];
  const workers: WorkerProcess[] = [];

  const startWorker = async (env: Record<string, string> = {}) => {
    const worker = await startWorkerProcess(app.config, { ...FAST_RECOVERY, ...env });
    workers.push(worker);
    return worker;
  };
  const job = async (id: string) => (await app.request({ method: 'GET', url: `/v1/generation-jobs/${id}` })).json();
  const finishedChildren = async (id: string) => {
    const { counts } = await job(id);
    return counts.done + counts.skipped + counts.failed;
  };
  const variantStats = async () => {
    const [row] = await app.database.db
      .select({
        rows: count(),
        keys: countDistinct(sql`(${variants.itemId}, ${variants.segmentId}, ${variants.kind}, ${variants.inputsHash})`),
      })
      .from(variants)
      .where(eq(variants.workspaceId, app.workspaceId));
    return row!;
  };
  const submit500 = async (itemIds: string[]) =>
    (await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: itemIds }, segmentIds, kinds: ['text'] } })).json();

  beforeAll(async () => {
    redis = await startPrivateRedis({ persistent: true });
    // The API only queues: every child runs in the worker processes the tests start and stop.
    app = await startTestApp('postgres', { REDIS_URL: redis.url, EMBEDDED_WORKER: 'false', ...FAST_RECOVERY });
    const catalog = await seedCatalog(app, 300);
    segmentIds = catalog.segmentIds;
    itemSets = [0, 1, 2].map((set) => catalog.itemIds.slice(set * 100, set * 100 + 100));
  }, 180_000);
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop('SIGKILL')));
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('finishes a batch across a SIGTERM and a SIGKILL of its workers, with no duplicate variant', async () => {
    const submitted = await submit500(itemSets[0]!);
    const first = await startWorker();
    await expect.poll(() => finishedChildren(submitted.id), { timeout: 90_000, interval: 50 }).toBeGreaterThanOrEqual(60);
    // SIGTERM: the jobs in hand finish, the process exits cleanly and nothing is left stalled.
    expect(await first.stop('SIGTERM')).toBe(0);
    const afterTerm = await finishedChildren(submitted.id);

    const second = await startWorker();
    await expect.poll(() => finishedChildren(submitted.id), { timeout: 90_000, interval: 50 }).toBeGreaterThanOrEqual(afterTerm + 60);
    // SIGKILL: the jobs in hand stall; their locks expire and the next worker takes them over.
    await second.stop('SIGKILL');

    await startWorker();
    await expect.poll(async () => (await job(submitted.id)).status, { timeout: 180_000, interval: 100 }).toBe('completed');
    const finished = await job(submitted.id);
    expect(finished.counts).toMatchObject({ total: 500, done: 500, failed: 0, skipped: 0, pending: 0 });
    expect(await variantStats()).toEqual({ rows: 500, keys: 500 });
  }, 300_000);

  it('finishes a batch across a Redis restart, losing nothing', async () => {
    const before = await variantStats();
    const submitted = await submit500(itemSets[1]!);
    await startWorker();
    await startWorker();
    await expect.poll(() => finishedChildren(submitted.id), { timeout: 90_000, interval: 50 }).toBeGreaterThanOrEqual(60);
    await redis.restart();
    await expect.poll(async () => (await job(submitted.id)).status, { timeout: 180_000, interval: 200 }).toBe('completed');
    expect((await job(submitted.id)).counts).toMatchObject({ total: 500, done: 500, failed: 0, pending: 0 });
    expect(await variantStats()).toEqual({ rows: before.rows + 500, keys: before.keys + 500 });
  }, 300_000);

  it('writes no variant once a cancel is acknowledged', async () => {
    const submitted = await submit500(itemSets[2]!);
    // One slow worker, so the job is still mid-way when the cancel comes (the template engine is fast).
    await startWorker({ WORKER_CONCURRENCY: '1' });
    await expect.poll(() => finishedChildren(submitted.id), { timeout: 90_000, interval: 20 }).toBeGreaterThanOrEqual(10);
    const canceled = await app.request({ method: 'DELETE', url: `/v1/generation-jobs/${submitted.id}` });
    expect(canceled.statusCode).toBe(200);
    const atAck = await variantStats();
    expect(canceled.json()).toMatchObject({ status: 'canceled', counts: { pending: 0 } });
    expect(canceled.json().counts.canceled).toBeGreaterThan(0);
    // The workers keep running for a while: whatever they had in hand must not be written.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await variantStats()).toEqual(atAck);
    const finished = await job(submitted.id);
    expect(finished.counts).toEqual(canceled.json().counts);
    expect(finished.status).toBe('canceled');
    // Its children that no worker had taken were removed from the queue, not left to be skipped one by one.
    const queue = app.app.get<Queue>(getQueueToken(GENERATION_QUEUE));
    expect(await queue.getJobCounts('wait', 'prioritized', 'delayed', 'waiting-children')).toEqual({
      wait: 0,
      prioritized: 0,
      delayed: 0,
      'waiting-children': 0,
    });
    // A second cancel is a no-op that answers the same job.
    expect((await app.request({ method: 'DELETE', url: `/v1/generation-jobs/${submitted.id}` })).json().status).toBe('canceled');
  }, 300_000);
});
