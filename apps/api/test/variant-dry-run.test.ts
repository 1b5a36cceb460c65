import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import type { TSegmentStyle } from '@persona/shared';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, variants } from '../src/db/schema.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const [demoItem] = generateDemoDataset({ items: 12, users: 10, interactions: 10 }).items.filter((i) => i.category === 'recipes');
const seniors = demoSegments().find((s) => /senior/i.test(s.name))!;

/** A style unlike the stored seniors style on every field the template engine reports. */
const unsavedStyle: TSegmentStyle = {
  ...seniors.style,
  persona: 'Busy parents who cook on weeknights and want the point fast.',
  tone: 'playful',
  format: 'bullets',
  mustInclude: ['zesty-weeknight-pledge'],
  emoji: 'rich',
} as TSegmentStyle;

describe.each(await availableDatabases())('variant preview dry run (%s)', (kind) => {
  let app: TestApp;
  let itemId: string;
  let segmentId: string;
  let viewerKey: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const { image: _image, ...fields } = demoItem!;
    itemId = (await app.request({ method: 'POST', url: '/v1/items', body: fields })).json().id;
    segmentId = (await app.request({ method: 'POST', url: '/v1/segments', body: seniors })).json().id;
    viewerKey = (await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: 'viewer', role: 'viewer' } })).json().secret;
  });
  afterAll(() => app.close());

  const preview = (body: object, key?: string) =>
    app.request({ method: 'POST', url: `/v1/items/${itemId}/variants/preview`, body: { textEngine: 'template', ...body }, ...(key ? { key } : {}) });
  const stored = async () => (await app.request({ method: 'GET', url: `/v1/items/${itemId}/variants` })).json().items as { id: string }[];
  /** Rows in the tables a preview writes to, read from the database itself rather than through the API. */
  const rows = async () => {
    const [v] = await app.database.db.select({ n: count() }).from(variants);
    const [a] = await app.database.db.select({ n: count() }).from(assets);
    return { variants: v!.n, assets: a!.n };
  };

  it('writes for an unsaved style over a stored segment, and stores no variant', async () => {
    const before = await rows();
    expect(before.variants).toBe(0);
    const res = await preview({ segmentIds: [segmentId], dryRun: true, style: unsavedStyle });
    expect(res.statusCode).toBe(200);
    const [variant] = res.json().items;
    expect(variant).toMatchObject({ kind: 'text', segmentId, provenance: { engine: 'template' } });
    expect(variant.id).toMatch(/^dry_/);
    // The template engine names the format and tone it wrote in: the unsaved ones, not the stored "steps … calm".
    expect(variant.text.rationale).toContain('bullets in a playful tone');
    // The unsaved must-include term is checked by the guardrails.
    expect(variant.guardrails.checks.find((c: { name: string }) => c.name === 'must-include').detail).toContain('zesty-weeknight-pledge');
    expect(await stored()).toEqual([]);
    expect(await rows()).toEqual(before);
    expect((await app.request({ method: 'PATCH', url: `/v1/variants/${variant.id}`, body: { status: 'approved' } })).statusCode).toBe(404);
  });

  it('writes for a segment not saved yet, under the name given', async () => {
    const res = await preview({ segmentIds: [], dryRun: true, style: unsavedStyle, segmentName: 'Weeknight parents' });
    expect(res.statusCode).toBe(200);
    const [variant] = res.json().items;
    expect(variant.segmentId).toBe('unsaved');
    expect(variant.text.rationale).toContain('For Weeknight parents: bullets in a playful tone');
    expect((await rows()).variants).toBe(0);
  });

  it('differs from the stored style’s variant, which a normal preview then stores', async () => {
    const dry = (await preview({ segmentIds: [segmentId], dryRun: true })).json().items[0];
    expect(dry.id).toMatch(/^dry_/);
    expect(dry.text.rationale).toContain('steps in a calm tone');
    expect((await rows()).variants).toBe(0);
    const saved = (await preview({ segmentIds: [segmentId] })).json().items[0];
    expect(saved.id).toMatch(/^var_/);
    expect(saved.text).toEqual(dry.text);
    expect((await stored()).map((v) => v.id)).toEqual([saved.id]);
    // A dry run of inputs already stored hands back the stored variant, still writing nothing.
    const again = (await preview({ segmentIds: [segmentId], dryRun: true })).json().items[0];
    expect(again.id).toBe(saved.id);
    expect((await rows()).variants).toBe(1);
  });

  it('refuses what a dry run cannot do, naming the field', async () => {
    const cases: [object, string][] = [
      [{ segmentIds: [segmentId], style: unsavedStyle }, 'body.style'],
      [{ segmentIds: [], dryRun: false }, 'body.segmentIds'],
      [{ segmentIds: [], dryRun: true }, 'body.segmentIds'],
      [{ segmentIds: [segmentId, segmentId], dryRun: true, style: unsavedStyle }, 'body.segmentIds'],
      [{ segmentIds: [segmentId], dryRun: true, kinds: ['image'] }, 'body.kinds'],
      [{ segmentIds: [], dryRun: true, style: { ...unsavedStyle, readingGrade: 40 } }, 'body.style.readingGrade'],
      [{ segmentIds: [], dryRun: true, style: unsavedStyle, segmentName: 'x'.repeat(201) }, 'body.segmentName'],
    ];
    for (const [body, path] of cases) {
      const res = await preview(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await rows()).variants).toBe(1);
  });

  it('is for roles that may generate: a viewer is refused', async () => {
    const res = await preview({ segmentIds: [], dryRun: true, style: unsavedStyle }, viewerKey);
    expect(res.statusCode).toBe(403);
  });
});
