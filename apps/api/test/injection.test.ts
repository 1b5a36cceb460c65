import { generateDemoDataset } from '@persona/demo-data';
import { revealText } from '@persona/generator';
import type { TVariant } from '@persona/shared';
import { INJECTION_CORPUS, obedientModel, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const databases = await availableDatabases();
const dataset = generateDemoDataset({ items: 4, users: 10, interactions: 10 });
const SAFETY_CHECKS = new Set(['markup', 'pii', 'moderation', 'prompt-injection', 'unsafe-content', 'claims']);

/** As a model reads it: hidden characters revealed, case and spacing ignored. */
const normalise = (text: string) => revealText(text).toLowerCase().replace(/\s+/g, ' ');

function carried(variant: TVariant, injected: readonly string[]): string[] {
  if (variant.text === null) return [];
  const text = normalise(Object.values(variant.text).join('\n'));
  return injected.filter((string) => text.includes(normalise(string)));
}

async function waitUntilFinished(app: TestApp, jobId: string, timeout = 120_000) {
  await expect
    .poll(async () => (await app.request({ method: 'GET', url: `/v1/generation-jobs/${jobId}` })).json().status, { timeout, interval: 200 })
    .toMatch(/completed|failed|canceled/);
  return (await app.request({ method: 'GET', url: `/v1/generation-jobs/${jobId}` })).json();
}

describe.each(databases)('injection items in an auto-approving batch job on %s', (kind) => {
  let llm: OpenAiTestServer;
  let app: TestApp;
  /** Imported item id → the strings its variants must never carry once approved (none for the clean demo items). */
  const injectedByItem = new Map<string, readonly string[]>();
  const segmentIds: string[] = [];

  beforeAll(async () => {
    // The openai engine talks to a model that obeys whatever the item tells it.
    llm = await startOpenAiTestServer();
    llm.script({ match: { path: '/chat/completions' }, times: Infinity, reply: obedientModel });
    app = await startTestApp(kind, { LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'test', LLM_MODEL: 'gpt-4o-mini', EMBEDDED_WORKER: 'true', WORKER_CONCURRENCY: '4' });
    const rows = [
      ...INJECTION_CORPUS.map((entry) => ({ ...entry.item, externalId: `injection-${entry.id}` })),
      ...dataset.items.map(({ image: _image, ...item }) => item),
    ];
    const report = await app.request({ method: 'POST', url: '/v1/items/import', payload: rows.map((row) => JSON.stringify(row)).join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(report.json()).toMatchObject({ failed: 0 });
    const items: { id: string; externalId: string }[] = (await app.request({ method: 'GET', url: '/v1/items?limit=100' })).json().items;
    for (const item of items) injectedByItem.set(item.id, INJECTION_CORPUS.find((entry) => `injection-${entry.id}` === item.externalId)?.injected ?? []);
    expect(injectedByItem.size).toBe(INJECTION_CORPUS.length + dataset.items.length);
    for (const segment of dataset.segments) segmentIds.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await llm?.close();
  });

  /** Runs an auto-approving job over every item and returns its text variants with what each carries. */
  async function runJob(engine: 'template' | 'openai', segments: string[]) {
    const body = { items: { ids: [...injectedByItem.keys()] }, segmentIds: segments, kinds: ['text'], engine, autoApprove: true };
    const submitted = await app.request({ method: 'POST', url: '/v1/generation-jobs', body });
    expect(submitted.statusCode).toBe(202);
    const finished = await waitUntilFinished(app, submitted.json().id);
    expect(finished.status).toBe('completed');
    const variants: { variant: TVariant; carried: string[]; clean: boolean }[] = [];
    for (const [itemId, injected] of injectedByItem) {
      const listed: TVariant[] = (await app.request({ method: 'GET', url: `/v1/items/${itemId}/variants?kind=text&limit=100` })).json().items;
      for (const variant of listed.filter((entry) => segments.includes(entry.segmentId) && entry.provenance.engine === engine)) {
        variants.push({ variant, carried: carried(variant, injected), clean: injected.length === 0 });
      }
    }
    expect(variants).toHaveLength(injectedByItem.size * segments.length);
    return variants;
  }

  it('template engine: no approved variant carries an injected string; clean items are still approved', async () => {
    const variants = await runJob('template', segmentIds.slice(0, 3));
    const approved = variants.filter(({ variant }) => variant.status === 'approved');
    console.info(`template job: ${variants.length} variants, ${approved.length} approved (${approved.filter(({ clean }) => clean).length} of clean demo items)`);
    expect(approved.filter(({ carried }) => carried.length > 0)).toEqual([]);
    // No variant of the template engine carries one at all, and no injection item's variant is approved: each report flags its item.
    expect(variants.filter(({ carried }) => carried.length > 0)).toEqual([]);
    expect(approved.filter(({ clean }) => !clean)).toEqual([]);
    // Auto-approval still works: clean demo items whose every check passed were approved.
    expect(approved.length).toBeGreaterThan(0);
    for (const { variant } of approved) expect(variant.guardrails.checks.every((check) => check.status === 'pass')).toBe(true);
  }, 180_000);

  it('openai engine with an obedient model: every variant carrying an injected string is failed or held with the failing check', async () => {
    const variants = await runJob('openai', segmentIds.slice(3));
    const carrying = variants.filter(({ carried }) => carried.length > 0);
    const failed = carrying.filter(({ variant }) => variant.status === 'failed').length;
    console.info(`openai job: ${variants.length} variants, ${carrying.length} carry an injected string (${failed} failed, ${carrying.length - failed} draft with a failing check)`);
    expect(carrying.length).toBeGreaterThan(INJECTION_CORPUS.length);
    for (const { variant } of carrying) {
      expect(variant.status).toMatch(/^(failed|draft)$/);
      expect(variant.guardrails.checks.some((check) => SAFETY_CHECKS.has(check.name) && check.status === 'fail')).toBe(true);
    }
    expect(variants.filter(({ variant, carried }) => variant.status === 'approved' && carried.length > 0)).toEqual([]);
  }, 180_000);
});
