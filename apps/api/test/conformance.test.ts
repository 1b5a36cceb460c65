import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import { countWords, readingGrade } from '@persona/generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

interface Measure { measured: number; target: number; status: string; detail: string }
interface Cell { itemId: string; segmentId: string; variantId: string; variantStatus: string; engine: string; readingGrade: Measure; words: Measure }
interface Conformance { segments: { id: string; name: string; readingGrade: number; targetWords: number }[]; items: { id: string; title: string }[]; cells: Cell[] }

const dataset = generateDemoDataset({ items: 40, users: 10, interactions: 10 });
const recipes = dataset.items.filter((i) => i.category === 'recipes').slice(0, 2);
const other = dataset.items.find((i) => i.category !== 'recipes')!;

/**
 * Three demo items, text variants from the offline template engine for two demo segments (plus a
 * third segment without variants), measured through the API against what the stored bodies say.
 */
describe.each(await availableDatabases())('style conformance (%s)', (kind) => {
  let app: TestApp;
  let itemIds: string[];
  let segments: { id: string; name: string; style: { readingGrade: number; targetWords: number } }[];
  let viewerKey: string;

  const conformance = async (query = '', key?: string) => {
    const res = await app.request({ method: 'GET', url: `/v1/insights/conformance${query ? `?${query}` : ''}`, key });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Conformance>();
  };

  beforeAll(async () => {
    app = await startTestApp(kind);
    itemIds = [];
    for (const { image: _image, ...fields } of [...recipes, other]) {
      const res = await app.request({ method: 'POST', url: '/v1/items', body: fields });
      expect(res.statusCode).toBe(201);
      itemIds.push(res.json().id);
    }
    segments = [];
    for (const segment of demoSegments().slice(0, 3)) {
      const res = await app.request({ method: 'POST', url: '/v1/segments', body: segment });
      expect(res.statusCode).toBe(201);
      segments.push(res.json());
    }
    viewerKey = (await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: 'viewer', role: 'viewer' } })).json().secret;
  }, 120_000);
  afterAll(() => app?.close());

  it('answers empty before any variant exists', async () => {
    expect(await conformance()).toEqual({ segments: [], items: [], cells: [] });
  });

  it("measures each item × segment's text variant against the segment's targets, as the guardrails judge it", async () => {
    const measuredSegments = segments.slice(0, 2);
    for (const itemId of itemIds) {
      const res = await app.request({ method: 'POST', url: `/v1/items/${itemId}/variants/preview`, body: { segmentIds: measuredSegments.map((s) => s.id), kinds: ['text'] } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const result = await conformance();
    expect(result.items.map((i) => i.id).sort()).toEqual([...itemIds].sort());
    expect(result.segments.map((s) => s.id).sort()).toEqual(measuredSegments.map((s) => s.id).sort());
    expect(result.cells).toHaveLength(itemIds.length * measuredSegments.length);

    for (const cell of result.cells) {
      const stored = (await app.request({ method: 'GET', url: `/v1/items/${cell.itemId}/variants` })).json().items.find((v: { id: string }) => v.id === cell.variantId);
      const segment = segments.find((s) => s.id === cell.segmentId)!;
      expect(stored).toMatchObject({ kind: 'text', segmentId: cell.segmentId });
      expect(cell.engine).toBe('template');
      expect(cell.readingGrade.target).toBe(segment.style.readingGrade);
      expect(cell.words.target).toBe(segment.style.targetWords);
      expect(cell.words.measured).toBe(countWords(stored.text.body));
      expect(cell.readingGrade.measured).toBeCloseTo(readingGrade(stored.text.body), 1);
      // The same checks on the same text and target: the verdict the guardrails stored at generation.
      const guardrail = (name: string) => stored.guardrails.checks.find((c: { name: string }) => c.name === name);
      expect(cell.readingGrade.status).toBe(guardrail('reading-grade').status);
      expect(cell.words.status).toBe(guardrail('length').status);
    }
  });

  it('measures against the current target, so a changed brief shows without regenerating', async () => {
    const [segment] = segments;
    const before = (await conformance(`segmentId=${segment!.id}`)).cells;
    expect(before).toHaveLength(itemIds.length);
    // A target far below every body: each cell of this column now fails on length.
    const patched = await app.request({ method: 'PATCH', url: `/v1/segments/${segment!.id}`, body: { style: { ...segment!.style, targetWords: 10 } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = await conformance(`segmentId=${segment!.id}`);
    expect(after.segments).toEqual([{ id: segment!.id, name: segment!.name, readingGrade: segment!.style.readingGrade, targetWords: 10 }]);
    expect(after.cells.map((c) => [c.variantId, c.words.measured, c.words.target, c.words.status])).toEqual(
      before.map((c) => [c.variantId, c.words.measured, 10, 'fail']),
    );
    await app.request({ method: 'PATCH', url: `/v1/segments/${segment!.id}`, body: { style: segment!.style } });
  });

  it("measures a reviewer's edit, and narrows to a category and a number of items", async () => {
    const cell = (await conformance()).cells[0]!;
    const body = Array.from({ length: 30 }, (_, i) => `Sentence number ${i + 1} is short.`).join(' ');
    const edited = await app.request({ method: 'PATCH', url: `/v1/variants/${cell.variantId}`, body: { text: { body } } });
    expect(edited.statusCode, edited.body).toBe(200);
    const result = await conformance();
    // The edited pair's items come first: its variant changed last.
    expect(result.items[0]!.id).toBe(cell.itemId);
    const after = result.cells.find((c) => c.itemId === cell.itemId && c.segmentId === cell.segmentId)!;
    expect(after.words.measured).toBe(countWords(body));
    expect(after.words.measured).toBe(150);

    expect((await conformance('limit=1')).items.map((i) => i.id)).toEqual([cell.itemId]);
    const nonRecipes = await conformance(`category=${encodeURIComponent(other.category)}`);
    expect(nonRecipes.items.map((i) => i.id)).toEqual([itemIds[2]]);
    expect(nonRecipes.cells.every((c) => c.itemId === itemIds[2])).toBe(true);
  });

  it('is readable by a viewer, and refuses bad bounds with a typed 400', async () => {
    expect((await conformance('', viewerKey)).cells).toHaveLength(itemIds.length * 2);
    for (const query of ['limit=0', 'limit=101', 'limit=ten', `category=${'x'.repeat(201)}`]) {
      const res = await app.request({ method: 'GET', url: `/v1/insights/conformance?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await app.request({ method: 'GET', url: '/v1/insights/conformance', key: null })).statusCode).toBe(401);
  });
});
