import { demoSegments, generateDemoDataset, renderDemoImage } from '@persona/demo-data';
import { startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from './support/multipart.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const [demoItem] = generateDemoDataset({ items: 12, users: 10, interactions: 10 }).items.filter((i) => i.category === 'recipes');

async function seedItemAndSegments(app: TestApp) {
  const image = await renderDemoImage(demoItem!.image);
  const asset = (await app.request({ method: 'POST', url: '/v1/assets', ...multipartFile(image, 'item.jpg', 'image/jpeg') })).json();
  const { image: _spec, ...fields } = demoItem!;
  const item = (await app.request({ method: 'POST', url: '/v1/items', body: { ...fields, imageAssetId: asset.id } })).json();
  const segments: Record<string, string> = {};
  for (const segment of demoSegments()) {
    const created = (await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json();
    segments[/senior/i.test(segment.name) ? 'seniors' : /young/i.test(segment.name) ? 'young' : segment.name] = created.id;
  }
  return { item, segments };
}

describe('variants API, offline engines', () => {
  let app: TestApp;
  let item: { id: string };
  let segments: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    ({ item, segments } = await seedItemAndSegments(app));
  });
  afterAll(() => app.close());

  const preview = (body: object) => app.request({ method: 'POST', url: `/v1/items/${item.id}/variants/preview`, body });

  it('writes visibly different text for seniors and young adults, with guardrails and provenance, once', async () => {
    const res = await preview({ segmentIds: [segments.seniors, segments.young] });
    expect(res.statusCode).toBe(200);
    const [seniors, young] = res.json().items;
    for (const variant of [seniors, young]) {
      expect(variant).toMatchObject({ kind: 'text', status: 'draft', editedByHuman: false, provenance: { engine: 'template' } });
      expect(variant.guardrails.checks.length).toBeGreaterThan(3);
      expect(variant.provenance.inputHash).toMatch(/\w+/);
    }
    expect(seniors.text.body).not.toEqual(young.text.body);
    expect(seniors.text.body.split(/\s+/).length).toBeLessThan(young.text.body.split(/\s+/).length * 2);

    const again = (await preview({ segmentIds: [segments.seniors, segments.young] })).json().items;
    expect(again.map((v: { id: string }) => v.id)).toEqual([seniors.id, young.id]);
  });

  it('renders image variants per channel format with the headline, stored as assets', async () => {
    const res = await preview({ segmentIds: [segments.seniors], kinds: ['image'], formats: ['square', 'story'] });
    const [image] = res.json().items;
    expect(image).toMatchObject({ kind: 'image', status: 'draft' });
    expect(image.images.map((r: { channelFormat: string; width: number; height: number }) => [r.channelFormat, r.width, r.height])).toEqual([
      ['square', 1080, 1080],
      ['story', 1080, 1920],
    ]);
    // Each rendition is checked itself, not only through its headline's text variant.
    const checks = new Map(image.guardrails.checks.map((check: { name: string; status: string; detail: string }) => [check.name, check]));
    for (const name of ['headline', 'image-moderation', 'contrast', 'safe-zone', 'dimensions', 'byte-budget']) expect(checks.get(name), name).toBeDefined();
    expect(checks.get('contrast')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^square \d+\.\d:1, story \d+\.\d:1/) });
    expect(checks.get('safe-zone')).toMatchObject({ status: 'pass' });
    const content = await app.request({ method: 'GET', url: `/v1/assets/${image.images[1].assetId}/content` });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toMatch(/^image\/(webp|avif|jpeg)$/);
    const meta = await sharp(content.raw).metadata();
    expect([meta.width, meta.height]).toEqual([1080, 1920]);
  });

  it('lists, approves, and records human edits with fresh guardrails', async () => {
    const texts = (await app.request({ method: 'GET', url: `/v1/items/${item.id}/variants?kind=text` })).json().items;
    expect(texts).toHaveLength(2);
    const approved = await app.request({ method: 'PATCH', url: `/v1/variants/${texts[0].id}`, body: { status: 'approved' } });
    expect(approved.json().status).toBe('approved');

    const edited = await app.request({
      method: 'PATCH',
      url: `/v1/variants/${texts[1].id}`,
      body: { text: { cta: 'Cook it tonight <script>alert(1)</script>' } },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ editedByHuman: true });
    expect(edited.json().text.cta).not.toContain('<script>');
    expect((await app.request({ method: 'GET', url: `/v1/items/${item.id}/variants?status=approved` })).json().items).toHaveLength(1);

    // An approved variant edited to carry a link goes back to review, with the failing check.
    const relinked = await app.request({ method: 'PATCH', url: `/v1/variants/${texts[0].id}`, body: { text: { cta: 'Order at cheap-pasta.shop today' } } });
    expect(relinked.json().status).toBe('draft');
    expect(relinked.json().guardrails.checks.find((check: { name: string }) => check.name === 'unsafe-content')).toMatchObject({ status: 'fail' });
  });

  it('answers 404 for unknown items, segments and variants, and 400 for an empty patch', async () => {
    expect((await preview({ segmentIds: ['seg_nope'] })).statusCode).toBe(404);
    expect((await app.request({ method: 'POST', url: '/v1/items/itm_nope/variants/preview', body: { segmentIds: [segments.young] } })).statusCode).toBe(404);
    expect((await app.request({ method: 'PATCH', url: '/v1/variants/var_nope', body: { status: 'approved' } })).statusCode).toBe(404);
    expect((await app.request({ method: 'PATCH', url: '/v1/variants/var_nope', body: {} })).statusCode).toBe(400);
  });
});

describe('variants API with the openai engine (real SDK against the testkit server)', () => {
  let llm: OpenAiTestServer;
  let app: TestApp;
  let item: { id: string };
  let segments: Record<string, string>;

  beforeAll(async () => {
    llm = await startOpenAiTestServer();
    app = await startTestApp('pglite', { LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'test' });
    ({ item, segments } = await seedItemAndSegments(app));
  });
  afterAll(async () => {
    await app.close();
    await llm.close();
  });

  it('asks for a strict JSON schema and records model, tokens and prompt hash', async () => {
    const res = await app.request({ method: 'POST', url: `/v1/items/${item.id}/variants/preview`, body: { segmentIds: [segments.young] } });
    const [variant] = res.json().items;
    const chat = llm.requests.find((r) => r.path === '/v1/chat/completions')!;
    const format = (chat.body as { response_format: { type: string; json_schema: { strict: boolean } } }).response_format;
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    expect(variant.provenance).toMatchObject({ engine: 'openai' });
    expect(variant.provenance.model).toBeTruthy();
    expect(variant.provenance.promptHash).toBeTruthy();
    expect(variant.provenance.tokens.prompt).toBeGreaterThan(0);
  });
});
