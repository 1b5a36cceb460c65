import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ExposureLogRepository } from '../src/delivery/exposure-log.repository.js';
import { deliveryFixture } from './support/delivery-fixture.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

interface FeedItem {
  itemId: string;
  servedId: string;
  variant: { id: string } | null;
}
interface BanditState {
  arms: { arm: string; exposures: number; clicks: number; probability: number }[];
}

/**
 * A segment's variants come in families (control, and one per style they were written to); under
 * thompson a test that has seen nothing starts from what its family did on the segment's other items.
 */
describe.each(await availableDatabases())('pooled priors across a segment\'s items (%s)', (kind) => {
  let app: TestApp;
  let fixture: Awaited<ReturnType<typeof deliveryFixture>>;
  /** Items whose variants are served and clicked, and an item approved afterwards that nobody has seen. */
  let trained: string[];
  let fresh: string;
  let freshLong: string;
  const short = new Set<string>();
  const long = new Set<string>();

  const request = (options: Parameters<TestApp['request']>[0]) => app.request(options);
  const settings = async (body: object) => expect((await request({ method: 'PATCH', url: '/v1/delivery/settings', body })).statusCode).toBe(200);
  const bandit = async (itemId: string) =>
    (await request({ method: 'GET', url: `/v1/delivery/bandit?itemId=${itemId}&segmentId=${fixture.seniors}` })).json() as BanditState;
  const rows = async <T>(query: ReturnType<typeof sql>) => (await app.database.db.execute(query) as unknown as { rows: T[] }).rows;

  /** Approves one text variant per item written to the seniors' style with `targetWords`, and returns their ids. */
  const approveStyle = async (itemIds: string[], targetWords: number) => {
    expect((await request({ method: 'PATCH', url: `/v1/segments/${fixture.seniors}`, body: { style: { ...fixture.style, targetWords } } })).statusCode).toBe(200);
    const ids: string[] = [];
    for (const itemId of itemIds) {
      const res = await request({ method: 'POST', url: `/v1/items/${itemId}/variants/preview`, body: { segmentIds: [fixture.seniors], kinds: ['text'], textEngine: 'template' } });
      expect(res.statusCode).toBe(200);
      const [variant] = res.json().items as { id: string; status: string }[];
      expect((await request({ method: 'PATCH', url: `/v1/variants/${variant!.id}`, body: { status: 'approved' } })).statusCode).toBe(200);
      ids.push(variant!.id);
    }
    return ids;
  };

  beforeAll(async () => {
    app = await startTestApp(kind);
    fixture = await deliveryFixture(request, 6);
    for (let i = 0; i < 30; i++) expect((await request({ method: 'PUT', url: `/v1/users/p-${i}`, body: { attributes: { age: 70 } } })).statusCode).toBe(200);
    [fresh, ...trained] = fixture.ids.slice(0, 5) as [string, ...string[]];
    for (const id of await approveStyle(trained, fixture.style.targetWords)) short.add(id);
    for (const id of await approveStyle(trained, fixture.style.targetWords + 60)) long.add(id);

    // Every user sees every trained item twice under uniform; only the longer style is ever clicked.
    await settings({ policy: 'uniform', controlEnabled: true, stickyWindowSeconds: 0 });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 30; i++) {
        const userId = `p-${i}`;
        const feed = (await request({ method: 'GET', url: `/v1/users/${userId}/feed?limit=100` })).json().items as FeedItem[];
        const events = feed
          .filter((item) => trained.includes(item.itemId) && item.variant && long.has(item.variant.id))
          .map((item) => ({ id: `${item.servedId}-c`, userId, itemId: item.itemId, type: 'click', servedId: item.servedId }));
        if (events.length) expect((await request({ method: 'POST', url: '/v1/events', body: { events } })).statusCode).toBeLessThan(300);
      }
    }
    await app.app.get(ExposureLogRepository).drain();
    // The fresh item gets one variant of each style only now: its own test has no evidence at all.
    await approveStyle([fresh], fixture.style.targetWords);
    [freshLong] = (await approveStyle([fresh], fixture.style.targetWords + 60)) as [string];
  }, 300_000);
  afterAll(() => app?.close());

  it('gives the variants of one style one style key, and a changed style another', async () => {
    const keys = await rows<{ id: string; style_key: string | null }>(sql`select id, style_key from variants where id in (${sql.join([...short, ...long].map((id) => sql`${id}`), sql`, `)})`);
    const shortKeys = new Set(keys.filter((k) => short.has(k.id)).map((k) => k.style_key));
    const longKeys = new Set(keys.filter((k) => long.has(k.id)).map((k) => k.style_key));
    expect(shortKeys.size).toBe(1);
    expect(longKeys.size).toBe(1);
    expect([...shortKeys][0]).toMatch(/\S/);
    expect([...shortKeys][0]).not.toBe([...longKeys][0]);
  });

  it('keeps each family\'s counters equal to its arms\' counters, summed', async () => {
    const families = await rows<{ family: string; exposures: number; clicks: number }>(sql`
      select family, exposures, clicks from bandit_families where segment_id = ${fixture.seniors}`);
    const summed = await rows<{ family: string; exposures: number; clicks: number }>(sql`
      select case when b.arm = 'control' then 'control' else v.style_key end as family, sum(b.exposures)::int as exposures, sum(b.clicks)::int as clicks
      from bandit_arms b left join variants v on v.id = b.arm
      where b.segment_id = ${fixture.seniors} group by 1`);
    const byFamily = (list: typeof families) => Object.fromEntries(list.map((f) => [f.family, [Number(f.exposures), Number(f.clicks)]]));
    expect(byFamily(families)).toEqual(byFamily(summed));
    expect(families).toHaveLength(3);
    const clicked = families.filter((f) => Number(f.clicks) > 0);
    expect(clicked).toHaveLength(1);
    expect(Number(clicked[0]!.clicks)).toBeGreaterThan(10);
  });

  it('under thompson, an unseen test leans to the family that won elsewhere; without pooling it splits evenly', async () => {
    await settings({ policy: 'thompson', explorationFloor: 0.1, pooledPriorStrength: 100 });
    const pooled = await bandit(fresh);
    expect(pooled.arms).toHaveLength(3);
    for (const arm of pooled.arms) expect(arm.exposures).toBe(0);
    expect(pooled.arms.find((a) => a.arm === freshLong)!.probability).toBeGreaterThan(0.8);

    await settings({ pooledPriorStrength: 0 });
    const alone = await bandit(fresh);
    for (const arm of alone.arms) expect(arm.probability).toBeCloseTo(1 / 3, 1);
    await settings({ pooledPriorStrength: 100 });
  });
});
