import { count, eq } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { generateDemoDataset, renderDemoImage } from '@persona/demo-data';
import { estimateCost } from '@persona/llm';
import { faults, startOpenAiTestServer, type OpenAiTestServer, type RecordedRequest } from '@persona/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationJobs, variants } from '../src/db/schema.js';
import { TextBatchRunner } from '../src/jobs/worker/text-batch.runner.js';
import { multipartFile } from './support/multipart.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const databases = await availableDatabases();
const dataset = generateDemoDataset({ items: 8, users: 10, interactions: 10 });

interface Catalog {
  items: { id: string; title: string }[];
  segments: { id: string; name: string }[];
}

/** 6 imported items (no images) and 4 of the demo segments, each test using its own pairs. */
async function seedTextCatalog(app: TestApp): Promise<Catalog> {
  const ndjson = dataset.items
    .slice(0, 6)
    .map(({ image: _image, ...item }) => JSON.stringify(item))
    .join('\n');
  const report = await app.request({ method: 'POST', url: '/v1/items/import', payload: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
  expect(report.json().failed).toBe(0);
  const items = (await app.request({ method: 'GET', url: '/v1/items?limit=100' })).json().items;
  const segments = [];
  for (const segment of dataset.segments.slice(0, 4)) segments.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json());
  return { items, segments };
}

/** Items with an uploaded image, which the sharp image engine draws on. */
async function createItemsWithImages(app: TestApp, count: number): Promise<{ id: string }[]> {
  const created = [];
  for (const demo of dataset.items.slice(6, 6 + count)) {
    const image = await renderDemoImage(demo.image);
    const asset = (await app.request({ method: 'POST', url: '/v1/assets', ...multipartFile(image, 'item.jpg', 'image/jpeg') })).json();
    const { image: _spec, id: _id, ...fields } = demo as typeof demo & { id?: string };
    created.push((await app.request({ method: 'POST', url: '/v1/items', body: { ...fields, imageAssetId: asset.id } })).json());
  }
  return created;
}

async function waitUntilFinished(app: TestApp, jobId: string, timeout = 60_000) {
  await expect
    .poll(async () => (await app.request({ method: 'GET', url: `/v1/generation-jobs/${jobId}` })).json().status, { timeout, interval: 100 })
    .toMatch(/completed|failed|canceled/);
  return (await app.request({ method: 'GET', url: `/v1/generation-jobs/${jobId}` })).json();
}

async function children(app: TestApp, jobId: string, status?: string) {
  const query = status ? `&status=${status}` : '';
  return (await app.request({ method: 'GET', url: `/v1/generation-jobs/${jobId}/children?limit=100${query}` })).json().items;
}

async function variantCount(app: TestApp): Promise<number> {
  const [row] = await app.database.db.select({ n: count() }).from(variants).where(eq(variants.workspaceId, app.workspaceId));
  return row!.n;
}

/** The JSONL files the app uploaded for batches, as parsed lines. */
function uploadedBatchFiles(llm: OpenAiTestServer): { custom_id: string; body: { messages: { content: string }[] } }[][] {
  return llm.requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/files')
    .map((r) => {
      const body = r.body as { purpose: string; file: { data: Buffer } };
      expect(body.purpose).toBe('batch');
      return body.file.data
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line));
    });
}

const batchesCreated = (llm: OpenAiTestServer) => llm.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches').length;
const batchPolls = (llm: OpenAiTestServer) => llm.requests.filter((r) => r.method === 'GET' && /^\/v1\/batches\/[^/]+$/.test(r.path)).length;

/** Matches the batch line that writes `item` for `segment`. */
function lineFor(item: { title: string; translations?: Record<string, { title: string }> }, segment: { name: string }) {
  // A Spanish segment's request carries the item's Spanish title, from its Spanish source.
  const titles = [item.title, ...Object.values(item.translations ?? {}).map((translation) => translation.title)];
  return (request: RecordedRequest) => {
    if (request.source !== 'batch') return false;
    const [system, user] = (request.body as { messages: { content: string }[] }).messages;
    return system!.content.includes(`Audience "${segment.name}"`) && titles.some((title) => user!.content.includes(JSON.stringify(title).slice(1, -1)));
  };
}

/** A stand-in for the BullMQ job, to run the batch child a second time by hand. */
function fakeJob(): Job {
  return {
    attemptsMade: 0,
    opts: { attempts: 1 },
    updateProgress: async () => undefined,
    moveToDelayed: async () => {
      throw new Error('a finished batch is never polled again');
    },
  } as unknown as Job;
}

describe.each(databases)('openai-batch generation jobs on %s', (kind) => {
  let llm: OpenAiTestServer;
  let app: TestApp;
  let catalog: Catalog;

  beforeAll(async () => {
    // Each batch is in progress for its first status poll and completes on the second.
    llm = await startOpenAiTestServer({ batchPollsUntilComplete: 2 });
    app = await startTestApp(kind, {
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test',
      LLM_MODEL: 'gpt-4o-mini',
      BATCH_POLL_MS: '50',
      EMBEDDED_WORKER: 'true',
      WORKER_CONCURRENCY: '4',
    });
    catalog = await seedTextCatalog(app);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await llm?.close();
  });

  it('sends every text of a job as one batch, stores the answers with provenance, and fails bad lines with their reason', async () => {
    const { items, segments } = catalog;
    const [seniors, young] = segments as [Catalog['segments'][number], Catalog['segments'][number]];
    llm.script(
      { match: { predicate: lineFor(items[1]!, seniors) }, reply: faults.serverError() },
      { match: { predicate: lineFor(items[4]!, young) }, reply: faults.malformedContent() },
    );
    const body = { items: { ids: items.map((item) => item.id) }, segmentIds: [seniors.id, young.id], kinds: ['text'], engine: 'openai-batch' };
    const submitted = await app.request({ method: 'POST', url: '/v1/generation-jobs', body, headers: { 'idempotency-key': 'batch-texts' } });
    expect(submitted.statusCode).toBe(202);
    const job = submitted.json();
    expect(job.estimate).toMatchObject({ variants: 12, llmRequests: 12, priced: true });
    expect(job.estimate.tokens.prompt).toBeGreaterThan(0);
    expect(job.estimate.costUsd).toBeGreaterThan(0);
    const fullPrice = estimateCost('gpt-4o-mini', { promptTokens: job.estimate.tokens.prompt, completionTokens: job.estimate.tokens.completion });
    expect(job.estimate.costUsd).toBeCloseTo(fullPrice.usd / 2, 10);

    const finished = await waitUntilFinished(app, job.id);
    expect(finished).toMatchObject({ status: 'completed', counts: { total: 12, done: 10, failed: 2, skipped: 0, pending: 0 } });
    expect(llm.pendingScripts()).toBe(0);

    // One file of 12 lines, one batch, polled until it completed; no text went through the synchronous route.
    expect(batchesCreated(llm)).toBe(1);
    const files = uploadedBatchFiles(llm);
    expect(files).toHaveLength(1);
    expect(files[0]).toHaveLength(12);
    const customIds = files[0]!.map((line) => line.custom_id);
    expect(new Set(customIds).size).toBe(12);
    for (const item of items) {
      for (const segment of [seniors, young]) expect(customIds.filter((id) => id.startsWith(`${item.id}.${segment.id}.`))).toHaveLength(1);
    }
    expect(batchPolls(llm)).toBeGreaterThanOrEqual(2);
    expect(llm.requests.filter((r) => r.source === 'http' && r.path === '/v1/chat/completions')).toHaveLength(0);
    const [jobRow] = await app.database.db.select().from(generationJobs).where(eq(generationJobs.id, job.id));
    expect(jobRow!.providerBatchId).toMatch(/^batch_/);

    const failed = await children(app, job.id, 'failed');
    expect(failed.map((child: { itemId: string; segmentId: string }) => [child.itemId, child.segmentId]).sort()).toEqual(
      [
        [items[1]!.id, seniors.id],
        [items[4]!.id, young.id],
      ].sort(),
    );
    const reasons = Object.fromEntries(failed.map((child: { itemId: string; failureReason: string }) => [child.itemId, child.failureReason]));
    expect(reasons[items[1]!.id]).toMatch(/^The Batch API answered this request with an error \((server_error|http_500)\): .+/);
    expect(reasons[items[4]!.id]).toMatch(/not JSON/);

    const done = await children(app, job.id, 'done');
    expect(done).toHaveLength(10);
    for (const child of done) {
      const stored = (await app.request({ method: 'GET', url: `/v1/items/${child.itemId}/variants?kind=text&segmentId=${child.segmentId}` })).json().items;
      const variant = stored.find((v: { id: string }) => v.id === child.variantId);
      expect(variant).toMatchObject({ kind: 'text', status: 'draft', provenance: { engine: 'openai-batch', model: 'gpt-4o-mini', fallbackReason: null } });
      expect(variant.provenance.tokens.prompt).toBeGreaterThan(0);
      expect(variant.provenance.costUsd).toBeGreaterThan(0);
      expect(variant.provenance.promptHash).toMatch(/^[0-9a-f]{64}$/);
      expect(variant.guardrails.checks.length).toBeGreaterThan(3);
    }
    expect(await variantCount(app)).toBe(11);

    // The same request with the same key is the same job: nothing is sent again.
    const again = await app.request({ method: 'POST', url: '/v1/generation-jobs', body, headers: { 'idempotency-key': 'batch-texts' } });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(job.id);

    // The batch child running again (a stalled lock, a crash before it completed) reads the batch it sent.
    const runner = app.app.get(TextBatchRunner, { strict: false });
    for (let run = 0; run < 2; run++) {
      const summary = await runner.run(fakeJob(), undefined, { workspaceId: app.workspaceId, jobId: job.id });
      expect(summary).toEqual({
        outcome: 'finished',
        batchId: jobRow!.providerBatchId,
        batchStatus: 'completed',
        answered: 0,
        done: 0,
        failed: 0,
        skipped: 0,
        imageChildren: 0,
      });
    }
    expect(batchesCreated(llm)).toBe(1);
    expect(await variantCount(app)).toBe(11);
    expect((await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}` })).json().counts).toMatchObject({ done: 10, failed: 2 });

    // A new job for the same texts pays only for the two that are missing.
    const repeat = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body })).json();
    expect((await waitUntilFinished(app, repeat.id)).counts).toMatchObject({ total: 12, done: 2, skipped: 10, failed: 0 });
    expect(batchesCreated(llm)).toBe(2);
    expect(uploadedBatchFiles(llm)[1]).toHaveLength(2);
    expect(await variantCount(app)).toBe(12);
  }, 120_000);

  it('keeps what an expired batch answered and fails the rest with the batch’s status', async () => {
    const { items, segments } = catalog;
    const third = segments[2]!;
    const isPoll = (r: RecordedRequest) => r.method === 'GET' && /^\/v1\/batches\/[^/]+$/.test(r.path);
    let polls = 0;
    llm.script(
      {
        // The first poll is the server's own (in progress); the second says the batch expired.
        match: { predicate: (r) => isPoll(r) && ++polls >= 2 },
        reply: (request) => ({
          body: {
            id: request.path.split('/')[3],
            object: 'batch',
            endpoint: '/v1/chat/completions',
            status: 'expired',
            output_file_id: 'file-partial',
            error_file_id: null,
            request_counts: { total: 3, completed: 1, failed: 0 },
          },
        }),
      },
      {
        match: { path: '/v1/files/file-partial/content' },
        // One answer made it into the output file before the batch expired.
        reply: () => {
          const [line] = uploadedBatchFiles(llm).at(-1)!;
          const content = { title: 'A quick guide', summary: 'The short version.', body: 'Fresh and simple.', cta: 'Read on', rationale: 'Kept short.' };
          const completion = {
            id: 'chatcmpl-partial',
            object: 'chat.completion',
            model: 'gpt-4o-mini',
            choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(content), refusal: null }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 500, completion_tokens: 60, total_tokens: 560 },
          };
          return { body: { id: 'batch_req_1', custom_id: line!.custom_id, response: { status_code: 200, body: completion }, error: null } };
        },
      },
    );
    const body = { items: { ids: items.slice(0, 3).map((item) => item.id) }, segmentIds: [third.id], kinds: ['text'], engine: 'openai-batch' };
    const job = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body })).json();
    const finished = await waitUntilFinished(app, job.id);
    expect(llm.pendingScripts()).toBe(0);
    expect(finished).toMatchObject({ status: 'completed', counts: { total: 3, done: 1, failed: 2, pending: 0 } });
    const answered = uploadedBatchFiles(llm).at(-1)![0]!.custom_id;
    const [done] = await children(app, job.id, 'done');
    expect(answered.startsWith(`${done.itemId}.${done.segmentId}.`)).toBe(true);
    for (const child of await children(app, job.id, 'failed')) expect(child.failureReason).toMatch(/^Batch batch_\S+ expired before answering this request\.$/);
  }, 60_000);

  it('does not store an answer whose item changed while the batch ran', async () => {
    const { items, segments } = catalog;
    const third = segments[2]!;
    const before = batchesCreated(llm);
    // The first status poll answers slowly, which leaves time to edit the item meanwhile.
    llm.script({ match: { predicate: (r) => r.method === 'GET' && /^\/v1\/batches\/[^/]+$/.test(r.path) }, delayMs: 1_000 });
    const body = { items: { ids: items.slice(3, 5).map((item) => item.id) }, segmentIds: [third.id], kinds: ['text'], engine: 'openai-batch' };
    const job = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body })).json();
    await expect.poll(() => batchesCreated(llm), { timeout: 10_000, interval: 10 }).toBe(before + 1);
    const edited = await app.request({ method: 'PATCH', url: `/v1/items/${items[3]!.id}`, body: { title: `${items[3]!.title} (updated)` } });
    expect(edited.statusCode).toBe(200);

    const finished = await waitUntilFinished(app, job.id);
    expect(finished.counts).toMatchObject({ total: 2, done: 1, failed: 1, pending: 0 });
    const [failed] = await children(app, job.id, 'failed');
    expect(failed).toMatchObject({ itemId: items[3]!.id, variantId: null });
    expect(failed.failureReason).toMatch(/changed after batch batch_\S+ was sent/);
    const texts = (await app.request({ method: 'GET', url: `/v1/items/${items[3]!.id}/variants?kind=text&segmentId=${third.id}` })).json().items;
    expect(texts).toHaveLength(0);
  }, 60_000);

  it('cancels a job while its batch runs: nothing of it is written', async () => {
    const { items, segments } = catalog;
    const before = await variantCount(app);
    llm.script({ match: { predicate: (r) => r.method === 'GET' && /^\/v1\/batches\/[^/]+$/.test(r.path) }, delayMs: 500, times: 1 });
    const body = { items: { ids: items.map((item) => item.id) }, segmentIds: [segments[3]!.id], kinds: ['text'], engine: 'openai-batch' };
    const batchesBefore = batchesCreated(llm);
    const job = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { ...body, autoApprove: true } })).json();
    await expect.poll(() => batchesCreated(llm), { timeout: 10_000, interval: 10 }).toBe(batchesBefore + 1);
    const canceled = await app.request({ method: 'DELETE', url: `/v1/generation-jobs/${job.id}` });
    expect(canceled.json()).toMatchObject({ status: 'canceled', counts: { canceled: 6, pending: 0 } });
    // Long enough for the batch to complete and any run still holding the child to find the job canceled.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}` })).json()).toMatchObject({ status: 'canceled', counts: { done: 0, canceled: 6 } });
    expect(await variantCount(app)).toBe(before);
  }, 60_000);

  it('makes the images after the batch’s texts, as a run of their own, also for a job that asked for images only', async () => {
    const withImages = await createItemsWithImages(app, 2);
    const [seniors, young, third] = catalog.segments as [Catalog['segments'][number], Catalog['segments'][number], Catalog['segments'][number]];
    const batchesBefore = batchesCreated(llm);
    const body = { items: { ids: withImages.map((item) => item.id) }, segmentIds: [seniors.id, young.id], kinds: ['text', 'image'], engine: 'openai-batch' };
    const job = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body })).json();
    const finished = await waitUntilFinished(app, job.id);
    expect(finished).toMatchObject({ status: 'completed', counts: { total: 8, done: 8, failed: 0, pending: 0 } });
    expect(batchesCreated(llm)).toBe(batchesBefore + 1);
    expect(uploadedBatchFiles(llm).at(-1)).toHaveLength(4);

    for (const child of await children(app, job.id, 'done')) {
      const stored = (await app.request({ method: 'GET', url: `/v1/items/${child.itemId}/variants?segmentId=${child.segmentId}` })).json().items;
      const text = stored.find((v: { kind: string }) => v.kind === 'text');
      expect(text.provenance.engine).toBe('openai-batch');
      if (child.kind === 'image') {
        const image = stored.find((v: { id: string }) => v.id === child.variantId);
        expect(image).toMatchObject({ kind: 'image', status: 'draft' });
        expect(image.images.length).toBeGreaterThan(0);
        // The image's headline is the batch's text.
        expect(image.guardrails.checks[0].detail).toBe(`Headline from text variant ${text.id}.`);
        // …and the link the feed serves it by is stored with it.
        const [row] = await app.database.db.select({ source: variants.sourceVariantId }).from(variants).where(eq(variants.id, image.id));
        expect(row!.source).toBe(text.id);
      }
    }

    // Images only: the batch writes the headlines (no text children), then the images follow.
    const imagesOnly = (
      await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { ...body, segmentIds: [third.id], kinds: ['image'] } })
    ).json();
    const imagesFinished = await waitUntilFinished(app, imagesOnly.id);
    expect(imagesFinished).toMatchObject({ status: 'completed', counts: { total: 2, done: 2, failed: 0, pending: 0 } });
    expect(batchesCreated(llm)).toBe(batchesBefore + 2);
    expect(uploadedBatchFiles(llm).at(-1)).toHaveLength(2);
    for (const item of withImages) {
      const texts = (await app.request({ method: 'GET', url: `/v1/items/${item.id}/variants?kind=text&segmentId=${third.id}` })).json().items;
      expect(texts).toHaveLength(1);
      expect(texts[0].provenance.engine).toBe('openai-batch');
    }
  }, 120_000);
});
