import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

interface Variant {
  id: string;
  itemId: string;
  segmentId: string;
  kind: 'text' | 'image';
  status: string;
  createdAt: string;
  guardrails: { status: string };
}
interface Page {
  items: Variant[];
  nextCursor: string | null;
}

const demoItems = generateDemoDataset({ items: 12, users: 10, interactions: 10 }).items.slice(0, 3);

/** GET /v1/variants across items, the review queue's source: filters, keyset pages, workspaces and roles. */
describe.each(await availableDatabases())('GET /v1/variants (%s)', (kind) => {
  let app: TestApp;
  let itemIds: string[];
  let segmentIds: string[];
  let jobId: string;
  let jobVariantIds: string[];
  let otherAdminKey: string;
  let viewerKey: string;

  const list = async (query: string, key?: string): Promise<Page> => {
    const res = await app.request({ method: 'GET', url: `/v1/variants${query}`, ...(key ? { key } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const all = async (): Promise<Variant[]> => (await list('?status=any&limit=200')).items;

  beforeAll(async () => {
    // The embedded worker runs the batch job whose variants the jobId filter must find.
    app = await startTestApp(kind, { EMBEDDED_WORKER: 'true' });
    itemIds = [];
    for (const { image: _image, ...fields } of demoItems) {
      itemIds.push((await app.request({ method: 'POST', url: '/v1/items', body: fields })).json().id);
    }
    segmentIds = [];
    for (const segment of demoSegments().slice(0, 2)) {
      segmentIds.push((await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id);
    }
    const preview = (itemId: string, body: object) =>
      app.request({ method: 'POST', url: `/v1/items/${itemId}/variants/preview`, body: { segmentIds, textEngine: 'template', imageEngine: 'sharp', ...body } });
    expect((await preview(itemIds[0]!, { kinds: ['text'] })).statusCode).toBe(200);
    expect((await preview(itemIds[1]!, { kinds: ['text', 'image'], formats: ['square'] })).statusCode).toBe(200);

    const job = (
      await app.request({
        method: 'POST',
        url: '/v1/generation-jobs',
        body: { items: { ids: [itemIds[2]] }, segmentIds, kinds: ['text'], engine: 'template' },
      })
    ).json();
    // expect.poll belongs to tests, not hooks: the job is awaited by hand, within the hook's budget.
    let status = job.status;
    while (!/completed|failed|canceled/.test(status)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}` })).json().status;
    }
    expect(status).toBe('completed');
    const children = (await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}/children?limit=100` })).json().items;
    jobVariantIds = children.map((child: { variantId: string }) => child.variantId);
    expect(jobVariantIds).toHaveLength(2);
    jobId = job.id;

    otherAdminKey = (await app.workspaces.createWorkspace('Workspace B')).admin.secret;
    viewerKey = (await app.workspaces.createApiKey(app.workspaceId, { name: 'viewer', role: 'viewer' })).secret;
  }, 240_000);
  afterAll(() => app.close());

  it('lists drafts across items by default, newest first, and a decision takes a variant out of the queue', async () => {
    const everything = await all();
    // 2 segments × (text for item 0, text + image for item 1, text for item 2 by the job).
    expect(everything).toHaveLength(8);
    const queue = (await list('')).items;
    expect(queue.map((v) => v.id)).toEqual(everything.filter((v) => v.status === 'draft').map((v) => v.id));
    expect(new Set(queue.map((v) => v.itemId))).toEqual(new Set(itemIds));
    const keys = queue.map((v) => `${v.createdAt}/${v.id}`);
    expect(keys).toEqual([...keys].sort().reverse());

    const decided = queue[0]!;
    const approved = await app.request({ method: 'PATCH', url: `/v1/variants/${decided.id}`, body: { status: 'approved' } });
    expect(approved.json().status).toBe('approved');
    expect((await list('')).items.map((v) => v.id)).not.toContain(decided.id);
    expect((await list('?status=approved')).items.map((v) => v.id)).toEqual([decided.id]);
    expect((await list('?status=rejected')).items).toEqual([]);
  });

  it('filters by item, segment, kind, guardrail status and generation job, and combines them', async () => {
    const everything = await all();
    const byItem = (await list(`?status=any&itemId=${itemIds[1]}`)).items;
    expect(byItem.map((v) => v.id).sort()).toEqual(everything.filter((v) => v.itemId === itemIds[1]).map((v) => v.id).sort());
    expect(byItem).toHaveLength(4);

    const bySegment = (await list(`?status=any&segmentId=${segmentIds[0]}`)).items;
    expect(bySegment).toHaveLength(4);
    expect(bySegment.every((v) => v.segmentId === segmentIds[0])).toBe(true);

    const images = (await list('?status=any&kind=image')).items;
    expect(images.map((v) => [v.itemId, v.kind])).toEqual([
      [itemIds[1], 'image'],
      [itemIds[1], 'image'],
    ]);
    expect((await list(`?status=any&kind=image&segmentId=${segmentIds[1]}`)).items).toHaveLength(1);

    // An edit that carries a link fails a content-safety check.
    const target = everything.find((v) => v.kind === 'text' && v.itemId === itemIds[0])!;
    const edited = await app.request({ method: 'PATCH', url: `/v1/variants/${target.id}`, body: { text: { cta: 'Order at cheap-pasta.shop today' } } });
    expect(edited.json().guardrails.status).toBe('fail');
    // The filter returns exactly the variants whose report fails (a steps variant that keeps every
    // action can fail its length too), the edited one among them.
    const afterEdit = await all();
    const failing = (await list('?status=any&guardrail=fail')).items;
    expect(failing.map((v) => v.id).sort()).toEqual(afterEdit.filter((v) => v.guardrails.status === 'fail').map((v) => v.id).sort());
    expect(failing.map((v) => v.id)).toContain(target.id);
    const passing = (await list('?status=any&guardrail=pass')).items;
    const warning = (await list('?status=any&guardrail=warn')).items;
    expect(passing.every((v) => v.guardrails.status === 'pass')).toBe(true);
    expect(warning.every((v) => v.guardrails.status === 'warn')).toBe(true);
    expect(passing.length + warning.length + failing.length).toBe(everything.length);

    const fromJob = (await list(`?status=any&jobId=${jobId}`)).items;
    expect(fromJob.map((v) => v.id).sort()).toEqual([...jobVariantIds].sort());
    expect(fromJob.every((v) => v.itemId === itemIds[2])).toBe(true);
    expect((await list(`?status=any&jobId=${jobId}&itemId=${itemIds[0]}`)).items).toEqual([]);
    expect((await list('?status=any&jobId=job_that_does_not_exist')).items).toEqual([]);
  });

  it('pages with an opaque cursor: every variant once, in order, unchanged by variants created meanwhile', async () => {
    const everything = await all();
    const first = await list('?status=any&limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));

    // New variants are newer than the cursor, so they cannot shift the pages still to come.
    const third = (await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Midway item', body: 'Added between two pages.', category: 'recipes' } })).json();
    await app.request({ method: 'POST', url: `/v1/items/${third.id}/variants/preview`, body: { segmentIds, textEngine: 'template' } });

    const seen = [...first.items];
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor) {
      const next = await list(`?status=any&limit=3&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...next.items);
      cursor = next.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(10);
    }
    expect(seen.map((v) => v.id)).toEqual(everything.map((v) => v.id));
    expect(pages).toBe(Math.ceil(everything.length / 3));
    expect((await all()).length).toBe(everything.length + 2);
  });

  it.each([
    ['a cursor it did not issue', '?cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
    ['a forged cursor with a NUL id', `?cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'a\u0000b'])).toString('base64url')}`, 'query.cursor'],
    ['an over-long cursor', `?cursor=${'a'.repeat(600)}`, 'query.cursor'],
    ['a limit above 200', '?limit=201', 'query.limit'],
    ['a limit of 0', '?limit=0', 'query.limit'],
    ['an unknown status', '?status=pending', 'query.status'],
    ['an unknown guardrail status', '?guardrail=red', 'query.guardrail'],
    ['an unknown kind', '?kind=video', 'query.kind'],
  ])('refuses %s with a typed 400 problem naming the field', async (_name, query, field) => {
    const res = await app.request({ method: 'GET', url: `/v1/variants${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it("never shows another workspace's variants, even by item or job id, and lets a viewer read but not decide", async () => {
    expect((await list('?status=any', otherAdminKey)).items).toEqual([]);
    expect((await list(`?status=any&itemId=${itemIds[0]}`, otherAdminKey)).items).toEqual([]);
    expect((await list(`?status=any&jobId=${jobId}`, otherAdminKey)).items).toEqual([]);

    const asViewer = await list('?status=any', viewerKey);
    expect(asViewer.items.length).toBe((await all()).length);
    const refused = await app.request({ method: 'PATCH', url: `/v1/variants/${asViewer.items[0]!.id}`, key: viewerKey, body: { status: 'approved' } });
    expect(refused.statusCode).toBe(403);
    expect((await app.request({ method: 'GET', url: '/v1/variants', key: null })).statusCode).toBe(401);
  });
});
