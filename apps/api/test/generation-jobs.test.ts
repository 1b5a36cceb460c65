import { count, eq } from 'drizzle-orm';
import { generateDemoDataset } from '@persona/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variants } from '../src/db/schema.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const databases = await availableDatabases();

/** 100 items and the 5 demo segments: 500 text children. */
async function seedCatalog(app: TestApp): Promise<{ itemIds: string[]; segmentIds: string[] }> {
  const dataset = generateDemoDataset({ items: 100, users: 10, interactions: 10 });
  const ndjson = dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n');
  const report = await app.request({ method: 'POST', url: '/v1/items/import', payload: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
  expect(report.json().failed).toBe(0);
  const itemIds = (await app.request({ method: 'GET', url: '/v1/items?limit=500' })).json().items.map((item: { id: string }) => item.id);
  const segmentIds: string[] = [];
  for (const segment of dataset.segments) segmentIds.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id);
  return { itemIds, segmentIds };
}

async function waitUntilFinished(app: TestApp, jobId: string, timeout = 240_000) {
  await expect
    .poll(async () => (await app.request({ method: 'GET', url: `/v1/generation-jobs/${jobId}` })).json().status, { timeout, interval: 100 })
    .toMatch(/completed|failed|canceled/);
  return (await app.request({ method: 'GET', url: `/v1/generation-jobs/${jobId}` })).json();
}

async function variantCount(app: TestApp): Promise<number> {
  const [row] = await app.database.db.select({ n: count() }).from(variants).where(eq(variants.workspaceId, app.workspaceId));
  return row!.n;
}

describe.each(databases)('generation jobs on %s', (kind) => {
  let app: TestApp;
  let itemIds: string[];
  let segmentIds: string[];

  beforeAll(async () => {
    app = await startTestApp(kind, { WORKER_CONCURRENCY: '8', EMBEDDED_WORKER: 'true', JOB_MAX_CHILDREN: '500' });
    ({ itemIds, segmentIds } = await seedCatalog(app));
  });
  afterAll(() => app.close());

  // 6-9 s on an idle machine, 68 s once on a heavily loaded one.
  it('runs a 500-child batch to exactly 500 variants, and a repeat of it to none', async () => {
    const body = { items: { ids: itemIds }, segmentIds, kinds: ['text'], engine: 'template' };
    const submitted = await app.request({ method: 'POST', url: '/v1/generation-jobs', body, headers: { 'idempotency-key': 'batch-500' } });
    expect(submitted.statusCode).toBe(202);
    const job = submitted.json();
    expect(submitted.headers.location).toBe(`/v1/generation-jobs/${job.id}`);
    expect(job).toMatchObject({ status: 'queued', estimate: { variants: 500, llmRequests: 0, costUsd: 0 } });
    expect(job.counts.total).toBe(500);

    const again = await app.request({ method: 'POST', url: '/v1/generation-jobs', body, headers: { 'idempotency-key': 'batch-500' } });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(job.id);
    const conflict = await app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { ...body, autoApprove: true },
      headers: { 'idempotency-key': 'batch-500' },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('CONFLICT');

    const finished = await waitUntilFinished(app, job.id);
    expect(finished).toMatchObject({ status: 'completed', counts: { total: 500, done: 500, failed: 0, skipped: 0, pending: 0 }, etaSeconds: 0 });
    expect(finished.ratePerSecond).toBeGreaterThan(0);
    expect(await variantCount(app)).toBe(500);

    // The same request without the key is a new job, but every variant exists: nothing is generated again.
    const repeat = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body })).json();
    expect(repeat.id).not.toBe(job.id);
    expect((await waitUntilFinished(app, repeat.id)).counts).toMatchObject({ done: 0, skipped: 500 });
    expect(await variantCount(app)).toBe(500);

    const list = (await app.request({ method: 'GET', url: '/v1/generation-jobs?limit=1' })).json();
    expect(list.items.map((j: { id: string }) => j.id)).toEqual([repeat.id]);
    expect(list.nextCursor).not.toBeNull();
  }, 300_000);

  it('makes images after their texts, keeps each failed child’s reason, and retries failed children', async () => {
    // Imported items have no image, which the sharp engine needs: every image child fails, with its reason.
    const body = { items: { ids: itemIds.slice(0, 2) }, segmentIds: segmentIds.slice(0, 2), kinds: ['text', 'image'], autoApprove: true };
    const job = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body })).json();
    const finished = await waitUntilFinished(app, job.id);
    expect(finished.counts).toMatchObject({ total: 8, failed: 4, pending: 0 });
    expect(finished.counts.done + finished.counts.skipped).toBe(4);
    const failed = (await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}/children?status=failed` })).json().items;
    expect(failed).toHaveLength(4);
    for (const child of failed) {
      expect(child).toMatchObject({ kind: 'image', status: 'failed' });
      expect(child.failureReason).toMatch(/needs the item's image/);
    }
    const text = (await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}/children?status=done` })).json().items;
    for (const child of text) {
      const variant = (await app.request({ method: 'GET', url: `/v1/items/${child.itemId}/variants?kind=text` })).json().items;
      expect(variant.find((v: { id: string }) => v.id === child.variantId)?.status).toMatch(/approved|draft/);
    }

    const retried = await app.request({ method: 'POST', url: `/v1/generation-jobs/${job.id}/retry` });
    expect(retried.statusCode).toBe(202);
    expect(retried.json().counts).toMatchObject({ pending: 4, failed: 0 });
    const afterRetry = await waitUntilFinished(app, job.id);
    expect(afterRetry.counts).toMatchObject({ failed: 4, pending: 0 });
  }, 60_000);

  it('streams progress as server-sent events until the job ends', async () => {
    const body = { items: { ids: itemIds.slice(0, 4) }, segmentIds: segmentIds.slice(0, 3), kinds: ['text'] };
    const job = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body })).json();
    const stream = await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}/events` });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = stream.body
      .trim()
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => ({ event: block.split('\n')[0]!.slice('event: '.length), data: JSON.parse(block.split('\n')[1]!.slice('data: '.length)) }));
    expect(events[0]!.event).toBe('progress');
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { id: job.id, status: 'completed', counts: { pending: 0 } } });

    const nothingToRetry = await app.request({ method: 'POST', url: `/v1/generation-jobs/${job.id}/retry` });
    expect(nothingToRetry.statusCode).toBe(409);
    expect(nothingToRetry.json().detail).toMatch(/none of its children failed/);
    const tooLate = await app.request({ method: 'DELETE', url: `/v1/generation-jobs/${job.id}` });
    expect(tooLate.statusCode).toBe(409);
  }, 60_000);

  it('answers bad requests with typed problems', async () => {
    const unknownItem = await app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { items: { ids: [itemIds[0], 'itm_nope'] }, segmentIds: [segmentIds[0]] },
    });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json().errors).toEqual([{ path: 'body.items.ids[1]', message: 'unknown item itm_nope' }]);
    const unknownSegment = await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: [itemIds[0]] }, segmentIds: ['seg_nope'] } });
    expect(unknownSegment.statusCode).toBe(404);
    const oversized = await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: itemIds }, segmentIds, kinds: ['text', 'image'] } });
    expect(oversized.statusCode).toBe(400);
    expect(oversized.json().detail).toMatch(/1000 children.*at most 500/);
    const noMatch = await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { filter: { tag: 'no-such-tag' } }, segmentIds } });
    expect(noMatch.statusCode).toBe(400);
    const badKey = await app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { items: { ids: [itemIds[0]] }, segmentIds },
      headers: { 'idempotency-key': 'has spaces' },
    });
    expect(badKey.statusCode).toBe(400);
    expect((await app.request({ method: 'GET', url: '/v1/generation-jobs/gjob_nope' })).statusCode).toBe(404);
    expect((await app.request({ method: 'DELETE', url: '/v1/generation-jobs/gjob_nope' })).statusCode).toBe(404);
    const malformed = await app.request({ method: 'POST', url: '/v1/generation-jobs', payload: '{"items":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
  });
});
