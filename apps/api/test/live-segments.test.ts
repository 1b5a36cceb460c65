import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SegmentsRepository } from '../src/audience/segments.repository.js';
import { plainStyle } from './support/plain-style.js';
import { availableDatabases, scratchPostgresDatabase, startTestApp, type TestApp } from './support/test-app.js';

const style = plainStyle(60);

const titles = ['Lentil soup', 'Night train to Vienna', 'Ten-minute stretch', 'Balcony herbs', 'Budget city break', 'Sourdough starter', 'Knee-friendly walks', 'Tomato glut'];

type Request = TestApp['request'];
type Segment = { id: string; name: string };
interface Feed {
  segment: Segment | null;
  items: { itemId: string; variant: { id: string; segmentId: string } | null; reason: string | null; explanation: { kind: string; text: string } | null }[];
}

function client(request: Request) {
  const ok = async (options: Parameters<Request>[0], status = 200) => {
    const res = await request(options);
    expect(res.statusCode, `${options.method} ${options.url}: ${res.body}`).toBe(status);
    return res.body ? res.json() : undefined;
  };
  return {
    ok,
    feed: (userId: string, query = 'limit=20'): Promise<Feed> => ok({ method: 'GET', url: `/v1/users/${userId}/feed?${query}` }),
    segmentOf: async (userId: string): Promise<string | null> => ((await ok({ method: 'GET', url: `/v1/users/${userId}/feed?limit=5&preview=true` })) as Feed).segment?.name ?? null,
    person: (id: string, attributes: Record<string, unknown>) => ok({ method: 'PUT', url: `/v1/users/${id}`, body: { attributes } }),
    createSegment: (name: string, rule: unknown, priority: number): Promise<Segment> =>
      ok({ method: 'POST', url: '/v1/segments', body: { name, rule, priority, style } }, 201),
    patchSegment: (id: string, patch: object) => ok({ method: 'PATCH', url: `/v1/segments/${id}`, body: patch }),
    deleteSegment: (id: string) => ok({ method: 'DELETE', url: `/v1/segments/${id}` }, 204),
    fittedAt: async (): Promise<string> => (await ok({ method: 'GET', url: '/v1/recommender' })).fittedAt,
  };
}

describe.each(await availableDatabases())('segments reach feeds without a refit (%s)', (kind) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let readers: Segment;
  let fittedAt: string;
  const items: string[] = [];

  beforeAll(async () => {
    app = await startTestApp(kind);
    api = client(app.request);
    for (const title of titles) items.push((await api.ok({ method: 'POST', url: '/v1/items', body: { title, category: 'misc', body: `${title}. A short piece about ${title.toLowerCase()}.` } }, 201)).id);
    readers = await api.createSegment('Readers', { attr: 'reader', eq: true }, 100);
    // Readers click the first three items before the fit: the fit's prior calls them "popular with Readers".
    for (let u = 0; u < 8; u++) await api.person(`clicker-${u}`, { reader: true });
    const events = Array.from({ length: 8 }, (_, u) => [0, 1, 2].map((i) => ({ id: `ev-${u}-${i}`, userId: `clicker-${u}`, itemId: items[i]!, type: 'click' }))).flat();
    await api.ok({ method: 'POST', url: '/v1/events', body: { events } });
    await api.person('reader-new', { reader: true });
    // The first feed request fits the model; every test below checks that nothing refitted it since.
    expect((await api.feed('reader-new')).segment?.name).toBe('Readers');
    fittedAt = await api.fittedAt();
  }, 120_000);
  afterAll(() => app?.close());

  const expectNoRefit = async () => expect(await api.fittedAt()).toBe(fittedAt);
  const popularWith = (feed: Feed) => feed.items.filter((item) => item.explanation?.kind === 'popular_with_segment').map((item) => item.explanation!.text);

  it('assigns the users of a segment created after the fit at once, and serves its approved variant', async () => {
    await api.person('created-1', { reader: true, cohort: 'created' });
    expect(await api.segmentOf('created-1')).toBe('Readers');
    const created = await api.createSegment('Created after the fit', { attr: 'cohort', eq: 'created' }, 500);

    const feed = await api.feed('created-1', 'limit=20&explain=true');
    expect(feed.segment).toEqual({ id: created.id, name: created.name });
    for (const item of feed.items) expect(item.reason).toBe('no_approved_variant');
    // The fit never saw this segment: no popularity prior, so nothing is "popular with" it.
    expect(popularWith(feed)).toEqual([]);
    const recommended = await api.ok({ method: 'GET', url: '/v1/users/created-1/recommendations?limit=5' });
    expect(recommended.segment).toEqual({ id: created.id, name: created.name });
    const listed = await api.ok({ method: 'GET', url: '/v1/users?q=created-1' });
    expect(listed.items[0].segment).toEqual({ id: created.id, name: created.name });

    // A variant approved for it is what its users are served.
    const itemId = feed.items[0]!.itemId;
    const [variant] = (await api.ok({ method: 'POST', url: `/v1/items/${itemId}/variants/preview`, body: { segmentIds: [created.id], kinds: ['text'], textEngine: 'template' } })).items;
    await api.ok({ method: 'PATCH', url: `/v1/variants/${variant.id}`, body: { status: 'approved' } });
    await api.ok({ method: 'PATCH', url: '/v1/delivery/settings', body: { policy: 'fixed', controlEnabled: false } });
    const served = (await api.feed('created-1')).items.find((item) => item.itemId === itemId)!;
    expect(served.variant).toEqual({ id: variant.id, segmentId: created.id, imageVariantId: null });
    await expectNoRefit();
  });

  it('moves users at once when a rule or a priority is edited', async () => {
    await api.person('edit-1', { cohort: 'edit', tier: 'gold' });
    const cohort = await api.createSegment('Edit cohort', { attr: 'cohort', eq: 'edit' }, 400);
    const gold = await api.createSegment('Edit gold', { attr: 'tier', eq: 'gold' }, 300);
    expect(await api.segmentOf('edit-1')).toBe('Edit cohort');
    await api.patchSegment(gold.id, { priority: 450 });
    expect(await api.segmentOf('edit-1')).toBe('Edit gold');
    await api.patchSegment(gold.id, { rule: { attr: 'tier', eq: 'silver' } });
    expect(await api.segmentOf('edit-1')).toBe('Edit cohort');
    await api.patchSegment(cohort.id, { rule: { attr: 'cohort', in: ['edit', 'other'] }, priority: 10 });
    expect(await api.segmentOf('edit-1')).toBe('Edit cohort');
    await api.patchSegment(cohort.id, { rule: { attr: 'cohort', eq: 'other' } });
    expect(await api.segmentOf('edit-1')).toBeNull();
    await expectNoRefit();
  });

  it('keeps a moved user on one arm of their new segment within the sticky window', async () => {
    await api.person('move-1', { cohort: 'move' });
    const before = await api.createSegment('Move before', { attr: 'cohort', eq: 'move' }, 400);
    const after = await api.createSegment('Move after', { attr: 'cohort', in: ['move'] }, 300);
    const itemId = (await api.feed('move-1', 'limit=5&preview=true')).items[0]!.itemId;
    for (const segment of [before, after]) {
      const [variant] = (await api.ok({ method: 'POST', url: `/v1/items/${itemId}/variants/preview`, body: { segmentIds: [segment.id], kinds: ['text'], textEngine: 'template' } })).items;
      await api.ok({ method: 'PATCH', url: `/v1/variants/${variant.id}`, body: { status: 'approved' } });
    }
    await api.ok({ method: 'PATCH', url: '/v1/delivery/settings', body: { policy: 'uniform', controlEnabled: true, stickyWindowSeconds: 3600 } });
    const served = async () => {
      const feed = await api.feed('move-1');
      return { segment: feed.segment?.name, ...(feed.items.find((item) => item.itemId === itemId) as Feed['items'][number] & { sticky: boolean }) };
    };
    const inBefore = await served();
    expect(inBefore).toMatchObject({ segment: 'Move before', sticky: false });
    expect(await served()).toMatchObject({ segment: 'Move before', sticky: true, variant: inBefore.variant, reason: inBefore.reason });

    await api.patchSegment(before.id, { priority: 200 });
    const inAfter = await served();
    expect(inAfter).toMatchObject({ segment: 'Move after', sticky: false });
    if (inAfter.variant) expect(inAfter.variant.segmentId).toBe(after.id);
    for (let i = 0; i < 3; i++) {
      expect(await served()).toMatchObject({ segment: 'Move after', sticky: true, variant: inAfter.variant, reason: inAfter.reason });
    }
    await expectNoRefit();
  });

  it('stops assigning a deleted segment at once', async () => {
    await api.person('del-reader', { cohort: 'delete', reader: true });
    await api.person('del-only', { cohort: 'delete' });
    const doomed = await api.createSegment('Deleted soon', { attr: 'cohort', eq: 'delete' }, 400);
    expect(await api.segmentOf('del-reader')).toBe('Deleted soon');
    expect(await api.segmentOf('del-only')).toBe('Deleted soon');
    await api.deleteSegment(doomed.id);
    expect(await api.segmentOf('del-reader')).toBe('Readers');
    const feed = await api.feed('del-only');
    expect(feed.segment).toBeNull();
    for (const item of feed.items) expect(item.reason).toBe('no_segment');
    await expectNoRefit();
  });

  it("moves a user at once when their attributes are updated", async () => {
    await api.person('attr-1', { reader: false });
    expect(await api.segmentOf('attr-1')).toBeNull();
    await api.person('attr-1', { reader: true });
    expect(await api.segmentOf('attr-1')).toBe('Readers');
    await api.ok({ method: 'POST', url: '/v1/users/bulk', body: { users: [{ id: 'attr-1', attributes: { reader: true, cohort: 'created' } }] } });
    expect(await api.segmentOf('attr-1')).toBe('Created after the fit');
    await expectNoRefit();
  });

  it("keeps the fit's popularity prior while a segment's rule and priority are as fitted, and drops it once they change", async () => {
    const explained = () => api.feed('reader-new', 'limit=20&explain=true&preview=true');
    expect(popularWith(await explained()).length).toBeGreaterThan(0);
    await api.patchSegment(readers.id, { name: 'Readers (renamed)' });
    const renamed = popularWith(await explained());
    expect(renamed.length).toBeGreaterThan(0);
    expect(new Set(renamed)).toEqual(new Set(['Popular with Readers (renamed)']));
    // The same audience in other words is still another rule: the prior waits for the next fit.
    await api.patchSegment(readers.id, { rule: { any: [{ attr: 'reader', eq: true }] } });
    expect(popularWith(await explained())).toEqual([]);
    await api.patchSegment(readers.id, { rule: { attr: 'reader', eq: true }, priority: 101 });
    expect(popularWith(await explained())).toEqual([]);
    await api.patchSegment(readers.id, { name: 'Readers', priority: 100 });
    expect(new Set(popularWith(await explained()))).toEqual(new Set(['Popular with Readers']));
    await expectNoRefit();
  });

  it('reads the segments again only when they have changed', async () => {
    const reads = vi.spyOn(app.app.get(SegmentsRepository), 'allWithVersion');
    try {
      await api.feed('reader-new');
      reads.mockClear();
      for (let i = 0; i < 5; i++) await api.feed('reader-new');
      expect(reads).not.toHaveBeenCalled();
      await api.patchSegment(readers.id, { description: 'Anyone who reads.' });
      for (let i = 0; i < 5; i++) await api.feed(`clicker-${i}`);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });
});

/** Two API instances on one PostgreSQL (PGlite belongs to one process): a change made through either is used by both. */
describe.runIf((await availableDatabases()).includes('postgres'))('segments shared by API instances (postgres)', () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgresDatabase>>;
  let first: TestApp;
  let second: TestApp;
  let one: ReturnType<typeof client>;
  let two: ReturnType<typeof client>;

  beforeAll(async () => {
    scratch = await scratchPostgresDatabase();
    const env = { DATABASE_URL: scratch.url, QUEUE_PREFIX: `persona-test-${randomUUID()}` };
    first = await startTestApp('pglite', env); // pglite is overridden: DATABASE_URL points both at one PostgreSQL
    second = await startTestApp('pglite', env);
    const key = first.adminKey;
    one = client((options) => first.request({ ...options, key }));
    two = client((options) => second.request({ ...options, key }));
    for (const title of titles.slice(0, 4)) await one.ok({ method: 'POST', url: '/v1/items', body: { title, category: 'misc', body: title } }, 201);
    await one.person('shared-1', { cohort: 'shared', age: 70 });
  }, 120_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await scratch?.drop();
  });

  it('agree on the segment after a create, an edit and a delete made on either instance', async () => {
    // Both instances have fitted and hold the (empty) segments before anything changes.
    expect(await one.segmentOf('shared-1')).toBeNull();
    expect(await two.segmentOf('shared-1')).toBeNull();
    const fitted = [await one.fittedAt(), await two.fittedAt()];

    const cohort = await one.createSegment('Shared cohort', { attr: 'cohort', eq: 'shared' }, 200);
    expect(await two.segmentOf('shared-1')).toBe('Shared cohort');
    expect(await one.segmentOf('shared-1')).toBe('Shared cohort');

    const seniors = await two.createSegment('Shared seniors', { attr: 'age', gte: 65 }, 100);
    expect(await one.segmentOf('shared-1')).toBe('Shared cohort');
    await two.patchSegment(seniors.id, { priority: 300 });
    expect(await one.segmentOf('shared-1')).toBe('Shared seniors');
    expect(await two.segmentOf('shared-1')).toBe('Shared seniors');

    await one.patchSegment(seniors.id, { rule: { attr: 'age', gte: 75 } });
    expect(await two.segmentOf('shared-1')).toBe('Shared cohort');
    await one.deleteSegment(cohort.id);
    expect(await two.segmentOf('shared-1')).toBeNull();
    expect(await one.segmentOf('shared-1')).toBeNull();

    // And a user's attributes changed through one instance.
    await two.person('shared-1', { cohort: 'shared', age: 80 });
    expect(await one.segmentOf('shared-1')).toBe('Shared seniors');
    expect([await one.fittedAt(), await two.fittedAt()]).toEqual(fitted);
  });
});
