import { count, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { generateDemoDataset } from '@persona/demo-data';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { variants } from '../src/db/schema.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

// Workers in processes of their own share the database, which PGlite (one process) cannot.
const postgres = (await availableDatabases()).includes('postgres');

/** A short reconcile interval and short locks, so recovery takes seconds rather than minutes. */
const FAST = { JOB_RECONCILE_MS: '1000', JOB_LOCK_MS: '2000', JOB_STALLED_INTERVAL_MS: '1000', WORKER_CONCURRENCY: '4' };
/** Generous: the machine is shared, and recovery waits on reconnects, a reconcile tick and the rest of the batch. */
const RECOVERY_BUDGET_MS = 120_000;

describe.runIf(postgres)('jobs finish when Redis loses their queue data (PostgreSQL, worker processes, a Redis without persistence)', () => {
  let redis: PrivateRedis;
  let app: TestApp;
  let itemSets: string[][];
  let segmentIds: string[];
  const workers: WorkerProcess[] = [];

  const startWorker = async () => {
    const worker = await startWorkerProcess(app.config, FAST);
    workers.push(worker);
    return worker;
  };
  const job = async (id: string) => (await app.request({ method: 'GET', url: `/v1/generation-jobs/${id}` })).json();
  const finishedChildren = async (id: string) => {
    const { counts } = await job(id);
    return counts.done + counts.skipped + counts.failed;
  };
  /** Variant rows and distinct variant keys of these items: equal when nothing was written twice. */
  const variantStats = async (itemIds: string[]) => {
    const [row] = await app.database.db
      .select({
        rows: count(),
        keys: countDistinct(sql`(${variants.itemId}, ${variants.segmentId}, ${variants.kind}, ${variants.inputsHash})`),
      })
      .from(variants)
      .where(sql`${eq(variants.workspaceId, app.workspaceId)} and ${inArray(variants.itemId, itemIds)}`);
    return row!;
  };
  const submit = (itemIds: string[], idempotencyKey?: string) =>
    app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { items: { ids: itemIds }, segmentIds, kinds: ['text'] },
      ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
    });

  beforeAll(async () => {
    redis = await startPrivateRedis({ persistent: false });
    // The API only queues and reconciles: every child runs in the worker processes the tests start.
    app = await startTestApp('postgres', { REDIS_URL: redis.url, EMBEDDED_WORKER: 'false', ...FAST });
    const dataset = generateDemoDataset({ items: 200, users: 10, interactions: 10 });
    const ndjson = dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n');
    await app.request({ method: 'POST', url: '/v1/items/import', payload: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    const itemIds: string[] = (await app.request({ method: 'GET', url: '/v1/items?limit=500' })).json().items.map((item: { id: string }) => item.id);
    segmentIds = [];
    for (const segment of dataset.segments) segmentIds.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id);
    itemSets = [itemIds.slice(0, 100), itemIds.slice(100, 200)];
  }, 60_000);
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop('SIGKILL')));
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('completes a batch with exactly its variants after Redis is killed mid-batch and comes back empty', async () => {
    const items = itemSets[0]!;
    const submitted = (await submit(items)).json();
    expect(submitted.counts.total).toBe(500);
    await startWorker();
    await expect.poll(() => finishedChildren(submitted.id), { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(60);

    // Killed without persistence: every queued child, the run's parent and the schedulers are gone.
    await redis.kill();
    const atKill = await finishedChildren(submitted.id);
    await redis.restart();
    expect(atKill).toBeLessThan(500);

    await expect.poll(async () => (await job(submitted.id)).status, { timeout: RECOVERY_BUDGET_MS, interval: 250 }).toBe('completed');
    const finished = await job(submitted.id);
    expect(finished.counts).toMatchObject({ total: 500, done: 500, failed: 0, skipped: 0, pending: 0, fellBack: 0 });
    expect(await variantStats(items)).toEqual({ rows: 500, keys: 500 });
  }, RECOVERY_BUDGET_MS + 60_000);

  it('accepts a job it cannot queue while Redis is down, and completes it once Redis is back; its Idempotency-Key returns the same job', async () => {
    const items = itemSets[1]!;
    await redis.kill();
    // The row is stored; the enqueue fails at once (no offline queue), and the POST still accepts the job.
    const accepted = await submit(items, 'reconcile-enqueue-failure');
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toMatchObject({ status: 'queued', counts: { total: 500, pending: 500 } });
    const replayedWhileDown = await submit(items, 'reconcile-enqueue-failure');
    expect(replayedWhileDown.statusCode).toBe(200);
    expect(replayedWhileDown.json().id).toBe(accepted.json().id);

    await redis.restart();
    await startWorker();
    await expect.poll(async () => (await job(accepted.json().id)).status, { timeout: RECOVERY_BUDGET_MS, interval: 250 }).toBe('completed');

    const replayed = await submit(items, 'reconcile-enqueue-failure');
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toMatchObject({ id: accepted.json().id, status: 'completed' });
    expect(replayed.json().counts).toMatchObject({ total: 500, done: 500, failed: 0, skipped: 0, pending: 0 });
    expect(await variantStats(items)).toEqual({ rows: 500, keys: 500 });
  }, RECOVERY_BUDGET_MS + 60_000);
});
