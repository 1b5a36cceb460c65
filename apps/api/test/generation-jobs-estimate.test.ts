import { generateDemoDataset } from '@persona/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_COMPLETION_TOKENS } from '../src/jobs/http/generation-estimator.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const databases = await availableDatabases();

/** 8 recipes tagged "quick" and 4 travel items, and two of the demo segments. */
async function seed(app: TestApp): Promise<{ recipeIds: string[]; allIds: string[]; segmentIds: string[] }> {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    externalId: `est-${i}`,
    title: i < 8 ? `Recipe number ${i}` : `Trip number ${i}`,
    category: i < 8 ? 'recipes' : 'travel',
    tags: i < 8 ? ['quick'] : ['far'],
    body: 'A few sentences of body text, so the prompt has something to count.',
  }));
  const report = await app.request({
    method: 'POST',
    url: '/v1/items/import',
    payload: rows.map((row) => JSON.stringify(row)).join('\n'),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  expect(report.json()).toMatchObject({ created: 12, failed: 0 });
  const items = (await app.request({ method: 'GET', url: '/v1/items?limit=50' })).json().items as { id: string; category: string }[];
  const dataset = generateDemoDataset({ items: 1, users: 1, interactions: 1 });
  const segmentIds: string[] = [];
  for (const segment of dataset.segments.slice(0, 2)) {
    segmentIds.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id);
  }
  return { recipeIds: items.filter((i) => i.category === 'recipes').map((i) => i.id), allIds: items.map((i) => i.id), segmentIds };
}

describe.each(databases)('generation job estimate on %s', (kind) => {
  let app: TestApp;
  let recipeIds: string[];
  let allIds: string[];
  let segmentIds: string[];
  let viewerKey: string;

  beforeAll(async () => {
    app = await startTestApp(kind, { JOB_MAX_CHILDREN: '40', EMBEDDED_WORKER: 'true' });
    ({ recipeIds, allIds, segmentIds } = await seed(app));
    viewerKey = (await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: 'viewer', role: 'viewer' } })).json().secret;
  });
  afterAll(() => app.close());

  it('counts what a filter matches today and stores nothing', async () => {
    const body = { items: { filter: { category: 'recipes', tag: 'quick' } }, segmentIds, kinds: ['text', 'image'] };
    const res = await app.request({ method: 'POST', url: '/v1/generation-jobs/estimate', body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: 8,
      segments: 2,
      kinds: 2,
      maxChildren: 40,
      estimate: { variants: 32, llmRequests: 0, tokens: { prompt: 0, completion: 0 }, costUsd: 0, priced: true },
    });
    const jobs = (await app.request({ method: 'GET', url: '/v1/generation-jobs' })).json();
    expect(jobs.items).toEqual([]);
  });

  it('counts the real prompts for the LLM engine, and the job submitted carries the same estimate', async () => {
    // Duplicates in the selection are one item, as in the job.
    const body = { items: { ids: [...recipeIds.slice(0, 3), recipeIds[0]] }, segmentIds, kinds: ['text'], engine: 'openai' };
    const preview = (await app.request({ method: 'POST', url: '/v1/generation-jobs/estimate', body })).json();
    expect(preview).toMatchObject({ items: 3, segments: 2, kinds: 1 });
    // One chat and one moderation request per text.
    expect(preview.estimate).toMatchObject({ variants: 6, llmRequests: 12, priced: true });
    expect(preview.estimate.tokens.completion).toBe(6 * EXPECTED_COMPLETION_TOKENS);
    // Each prompt carries a system message, the segment's style and the item: well over 100 tokens.
    expect(preview.estimate.tokens.prompt).toBeGreaterThan(6 * 100);
    expect(preview.estimate.costUsd).toBeGreaterThan(0);

    const submitted = await app.request({ method: 'POST', url: '/v1/generation-jobs', body });
    expect(submitted.statusCode).toBe(202);
    expect(submitted.json().estimate).toEqual(preview.estimate);
    await app.request({ method: 'DELETE', url: `/v1/generation-jobs/${submitted.json().id}` });
  });

  it('refuses what a submit refuses, with typed problems naming the field', async () => {
    const estimate = (body: unknown, key?: string | null) => app.request({ method: 'POST', url: '/v1/generation-jobs/estimate', body, key });

    // 12 items × 2 segments × 2 kinds = 48 children, over the limit of 40.
    const tooMany = await estimate({ items: { ids: allIds }, segmentIds, kinds: ['text', 'image'] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body.items' }] });
    expect(tooMany.json().detail).toMatch(/48 children.*at most 40/);

    const nothing = await estimate({ items: { filter: { category: 'no-such-category' } }, segmentIds });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().errors).toEqual([{ path: 'body.items.filter', message: 'matches no item' }]);

    const unknownItem = await estimate({ items: { ids: [recipeIds[0], 'itm_missing'] }, segmentIds });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json().errors).toEqual([{ path: 'body.items.ids[1]', message: 'unknown item itm_missing' }]);

    const unknownSegment = await estimate({ items: { ids: [recipeIds[0]] }, segmentIds: ['seg_missing'] });
    expect(unknownSegment.statusCode).toBe(404);

    const noSegments = await estimate({ items: { ids: [recipeIds[0]] }, segmentIds: [] });
    expect(noSegments.statusCode).toBe(400);
    expect(noSegments.json().errors[0].path).toMatch(/^body\.segmentIds/);

    // No LLM endpoint on this server: the Batch API engine can never run here.
    const batch = await estimate({ items: { ids: [recipeIds[0]] }, segmentIds, engine: 'openai-batch' });
    expect(batch.statusCode).toBe(409);

    const body = { items: { ids: [recipeIds[0]] }, segmentIds };
    expect((await estimate(body, viewerKey)).statusCode).toBe(403);
    expect((await estimate(body, null)).statusCode).toBe(401);
  });
});
