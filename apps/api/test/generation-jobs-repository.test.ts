import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSegments } from '@persona/demo-data';
import type { TProvenance } from '@persona/shared';
import { generationChildren, variants } from '../src/db/schema.js';
import { GenerationJobsRepository, type ChildKey } from '../src/jobs/store/generation-jobs.repository.js';
import type { NewVariant, VariantKey } from '../src/generation/variants.repository.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const databases = await availableDatabases();

const provenance: TProvenance = {
  engine: 'template',
  model: null,
  promptHash: null,
  inputHash: 'in',
  seed: 0,
  temperature: null,
  tokens: { prompt: 0, completion: 0 },
  costUsd: 0,
  latencyMs: 1,
  fallbackReason: null,
};

describe.each(databases)('batched variant writes on %s', (kind) => {
  let app: TestApp;
  let jobs: GenerationJobsRepository;
  let itemIds: string[];
  let segmentId: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    jobs = app.app.get(GenerationJobsRepository, { strict: false });
    itemIds = [];
    for (const title of ['Spaghetti carbonara', 'Lentil soup']) {
      const item = { title, body: `${title}, cooked in 20 minutes.`, category: 'recipes', tags: ['dinner'] };
      itemIds.push((await app.request({ method: 'POST', url: '/v1/items', body: item })).json().id);
    }
    const [segment] = demoSegments();
    const created = await app.request({ method: 'POST', url: '/v1/segments', body: segment });
    expect(created.statusCode).toBe(201);
    segmentId = created.json().id;
  });
  afterAll(() => app.close());

  async function newJob(items: string[]): Promise<string> {
    const { row } = await jobs.create({
      workspaceId: app.workspaceId,
      request: { items: { ids: items }, segmentIds: [segmentId], kinds: ['text'], engine: 'template', imageEngine: 'sharp', autoApprove: false },
      estimate: { variants: items.length, llmRequests: 0, tokens: { prompt: 0, completion: 0 }, costUsd: 0, priced: true },
      idempotencyKey: null,
      children: items.map((itemId) => ({ itemId, segmentId, kind: 'text' as const })),
    });
    return row.id;
  }

  const draft = (itemId: string, title: string): NewVariant & VariantKey => ({
    workspaceId: app.workspaceId,
    itemId,
    segmentId,
    kind: 'text',
    inputsHash: `hash-${itemId}`,
    status: 'draft',
    text: { title, summary: 's', body: 'b', cta: 'c', rationale: 'r' },
    provenance,
    guardrails: { status: 'pass', checks: [] },
    failureReason: null,
  });
  const child = (jobId: string, itemId: string): ChildKey => ({ jobId, itemId, segmentId, kind: 'text' });
  const childRow = async (key: ChildKey) =>
    (await app.database.db.select().from(generationChildren).where(and(eq(generationChildren.jobId, key.jobId), eq(generationChildren.itemId, key.itemId))))[0]!;

  it('writes and skips concurrent children in one statement each, each with its own outcome', async () => {
    const [carbonara, soup] = itemIds as [string, string];
    const first = await newJob([carbonara, soup]);
    const second = await newJob([carbonara]);
    const canceled = await newJob([soup]);
    expect(await jobs.cancel(canceled)).toBe(true);

    // Made in one turn, so they go out as one batch: two jobs want the same variant key.
    const [written, taken, refused] = await Promise.all([
      jobs.writeNewVariant(child(first, carbonara), draft(carbonara, 'first')),
      jobs.writeNewVariant(child(second, carbonara), draft(carbonara, 'second')),
      jobs.writeNewVariant(child(canceled, soup), draft(soup, 'canceled')),
    ]);
    expect(written).toMatchObject({ state: 'written' });
    expect(taken).toEqual({ state: 'exists' });
    expect(refused).toEqual({ state: 'canceled' });

    const stored = await app.database.db.select().from(variants).where(eq(variants.workspaceId, app.workspaceId));
    expect(stored.map((row) => row.text?.title)).toEqual(['first']);
    expect(await childRow(child(first, carbonara))).toMatchObject({ status: 'done', variantId: stored[0]!.id, attempts: 1 });
    expect(await childRow(child(second, carbonara))).toMatchObject({ status: 'pending', variantId: null });
    expect(await childRow(child(canceled, soup))).toMatchObject({ status: 'canceled', variantId: null });

    // The child that found its variant taken records it as skipped; a canceled job's child records nothing.
    const [skipped, notSkipped] = await Promise.all([
      jobs.recordSkipped(child(second, carbonara), { id: stored[0]!.id, failureReason: null }),
      jobs.recordSkipped(child(canceled, soup), { id: stored[0]!.id, failureReason: null }),
    ]);
    expect([skipped, notSkipped]).toEqual([true, false]);
    expect(await childRow(child(second, carbonara))).toMatchObject({ status: 'skipped', variantId: stored[0]!.id, attempts: 1 });
    expect(await childRow(child(canceled, soup))).toMatchObject({ status: 'canceled', variantId: null });

    // A failed variant is replaced by the next write of its key; a stored one is kept.
    const failed = await jobs.writeNewVariant(child(first, soup), { ...draft(soup, 'failed'), status: 'failed', failureReason: 'blocked' });
    expect(failed).toMatchObject({ state: 'written' });
    expect(await childRow(child(first, soup))).toMatchObject({ status: 'failed', failureReason: 'blocked' });
    const retry = await newJob([soup]);
    const [replaced, kept] = await Promise.all([
      jobs.writeNewVariant(child(retry, soup), draft(soup, 'retried')),
      jobs.writeNewVariant(child(second, carbonara), draft(carbonara, 'again')),
    ]);
    expect(replaced).toMatchObject({ state: 'written', id: (failed as { id: string }).id });
    expect(kept).toEqual({ state: 'exists' });
    expect(await childRow(child(retry, soup))).toMatchObject({ status: 'done' });
  });

  it('fails only the write the database refuses, not the others sharing its statement', async () => {
    const [carbonara, soup] = itemIds as [string, string];
    const job = await newJob([carbonara, soup]);
    const key = (itemId: string) => ({ inputsHash: `refused-${itemId}` });
    const [good, refused] = await Promise.allSettled([
      jobs.writeNewVariant(child(job, carbonara), { ...draft(carbonara, 'fine'), ...key(carbonara) }),
      // PostgreSQL's jsonb has no NUL character.
      jobs.writeNewVariant(child(job, soup), { ...draft(soup, 'nul \u0000 inside'), ...key(soup) }),
    ]);
    expect(good).toMatchObject({ status: 'fulfilled', value: { state: 'written' } });
    expect(refused.status).toBe('rejected');
    expect(await childRow(child(job, carbonara))).toMatchObject({ status: 'done' });
    expect(await childRow(child(job, soup))).toMatchObject({ status: 'pending' });
  });
});
