import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ExposureLogRepository } from '../src/delivery/exposure-log.repository.js';
import { deliveryFixture, reviewStates } from './support/delivery-fixture.js';
import { availableDatabases, scratchPostgresDatabase, startTestApp, type TestApp } from './support/test-app.js';

/**
 * API instances share the bandit's state (PostgreSQL), the sticky assignments (Redis) and the URL
 * signing key (ASSET_URL_SECRET, or the one generated in a shared DATA_DIR). PGlite belongs to one process, so this runs on PostgreSQL only.
 */
describe.runIf((await availableDatabases()).includes('postgres'))('delivery state shared by API instances (postgres)', () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgresDatabase>>;
  let env: Record<string, string>;
  let dataDir: string;
  let first: TestApp;
  let second: TestApp;
  let key: string;
  let item: string;
  let seniors: string;
  let reviewed: Awaited<ReturnType<typeof reviewStates>>;
  const served: string[] = [];

  const as = (app: TestApp) => (options: Parameters<TestApp['request']>[0]) => app.request({ ...options, key });
  const feed = async (app: TestApp, userId: string) => {
    const res = await as(app)({ method: 'GET', url: `/v1/users/${userId}/feed?limit=100` });
    expect(res.statusCode).toBe(200);
    const main = (res.json().items as { itemId: string; servedId: string; variant: { id: string } | null; reason: string; sticky: boolean; image: { url: string } | null }[]).find((i) => i.itemId === item)!;
    served.push(main.servedId);
    return main;
  };
  const state = async (app: TestApp) => (await as(app)({ method: 'GET', url: `/v1/delivery/bandit?itemId=${item}&segmentId=${seniors}` })).json();
  const start = () => startTestApp('postgres', env);

  beforeAll(async () => {
    scratch = await scratchPostgresDatabase();
    // One data directory, as instances on one host share: the file store and the URL signing key it
    // generates on first start (no ASSET_URL_SECRET here).
    dataDir = mkdtempSync(join(tmpdir(), 'persona-shared-'));
    env = { DATABASE_URL: scratch.url, QUEUE_PREFIX: `persona-test-${randomUUID()}`, DATA_DIR: dataDir };
    first = await startTestApp('pglite', env); // pglite is overridden: DATABASE_URL points both at one PostgreSQL
    second = await startTestApp('pglite', env);
    key = first.adminKey;
    const fixture = await deliveryFixture(as(first), 6);
    seniors = fixture.seniors;
    for (let i = 0; i < 30; i++) await as(first)({ method: 'PUT', url: `/v1/users/s-${i}`, body: { attributes: { age: 70 } } });
    const ranked = (await as(first)({ method: 'GET', url: '/v1/users/s-0/feed?limit=3' })).json().items.map((i: { itemId: string }) => i.itemId);
    item = ranked[0];
    reviewed = await reviewStates(as(first), fixture, ranked);
    for (let i = 0; i < 120; i++) await as(first)({ method: 'PUT', url: `/v1/users/r-${i}`, body: { attributes: { age: 70 } } });
    await as(first)({ method: 'PATCH', url: '/v1/delivery/settings', body: { policy: 'thompson', explorationFloor: 0.2, stickyWindowSeconds: 3600 } });
  }, 180_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two instances agree on the counters and on the probabilities they serve with', async () => {
    for (let i = 1; i <= 12; i++) await feed(i % 2 ? first : second, `s-${i}`);
    // Clicks credited through the other instance than the one that served.
    await first.app.get(ExposureLogRepository).drain();
    await second.app.get(ExposureLogRepository).drain();
    const clicks = served.slice(1, 7).map((servedId, n) => ({ id: `c-${n}`, userId: `s-${n + 2}`, itemId: item, type: 'click', servedId }));
    const credited = (await as(second)({ method: 'POST', url: '/v1/events', body: { events: clicks } })).json();
    expect(credited.attribution).toEqual({ attributed: 6, duplicates: 0, withoutExposure: 0 });
    const [a, b] = [await state(first), await state(second)];
    expect(a).toEqual(b);
    expect(a.arms.reduce((n: number, arm: { exposures: number }) => n + arm.exposures, 0)).toBe(served.length);
    expect(a.arms.reduce((n: number, arm: { clicks: number }) => n + arm.clicks, 0)).toBe(6);
  });

  it('a user keeps their arm across instances, and a URL signed by one loads from the other', async () => {
    const onFirst = await feed(first, 's-20');
    const onSecond = await feed(second, 's-20');
    expect(onSecond.sticky).toBe(true);
    expect(onSecond.variant?.id ?? onSecond.reason).toBe(onFirst.variant?.id ?? onFirst.reason);
    const image = await second.request({ method: 'GET', url: onFirst.image!.url, key: null });
    expect(image.statusCode).toBe(200);
  });

  it('the state survives a restart, with every exposure served before a graceful shutdown', async () => {
    for (let i = 21; i <= 28; i++) await feed(first, `s-${i}`);
    const before = await state(second);
    await first.close(); // no explicit drain: a graceful close must leave no exposure unwritten
    first = await start();
    const after = await state(first);
    expect(after.arms.reduce((n: number, arm: { exposures: number }) => n + arm.exposures, 0)).toBe(served.length);
    const logged = await first.database.db.execute(sql`select count(*)::int as n from exposures where item_id = ${item} and policy is not null`);
    expect((logged as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(served.length);
    expect(after.arms.map((arm: { arm: string; clicks: number }) => [arm.arm, arm.clicks])).toEqual(
      before.arms.map((arm: { arm: string; clicks: number }) => [arm.arm, arm.clicks]),
    );
    expect(after).toEqual(await state(second));
  });
  it('a variant rejected or edited through one instance is served by the other as it is now, though that one served it before', async () => {
    // Uniform over control and the seniors' two approved variants (a, b), nothing sticky: were the
    // other instance to serve what it read before, each feed below would show the rejected one with
    // probability 1/3 (40 feeds: (2/3)^40, under one in a million).
    await as(first)({ method: 'PATCH', url: '/v1/delivery/settings', body: { policy: 'uniform', controlEnabled: true, stickyWindowSeconds: 0 } });
    const main = async (app: TestApp, userId: string) => {
      const res = await as(app)({ method: 'GET', url: `/v1/users/${userId}/feed?limit=100` });
      expect(res.statusCode).toBe(200);
      return (res.json().items as { itemId: string; variant: { id: string } | null; policy: string | null; content: { cta: string | null } }[]).find((i) => i.itemId === item)!;
    };
    // Settings reach the other instance within its settings cache's lifetime (2 s).
    const deadline = Date.now() + 30_000;
    while ((await main(second, 'r-0')).policy !== 'uniform') {
      if (Date.now() > deadline) throw new Error('the second instance never took the uniform policy');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const servedBy = async (app: TestApp, from: number, to: number) => {
      const variants: (string | null)[] = [];
      for (let i = from; i < to; i++) variants.push((await main(app, `r-${i}`)).variant?.id ?? null);
      return variants;
    };
    // The second instance serves the item's approved variants, a among them.
    expect(new Set(await servedBy(second, 1, 41))).toEqual(new Set([null, reviewed.a, reviewed.b]));

    expect((await as(first)({ method: 'PATCH', url: `/v1/variants/${reviewed.a}`, body: { status: 'rejected' } })).statusCode).toBe(200);
    const afterRejection = await servedBy(second, 41, 81);
    expect(afterRejection).not.toContain(reviewed.a);
    expect(new Set(afterRejection)).toEqual(new Set([null, reviewed.b]));

    // Approved again, it is an arm again on the other instance; an edit is served as edited.
    expect((await as(first)({ method: 'PATCH', url: `/v1/variants/${reviewed.a}`, body: { status: 'approved' } })).statusCode).toBe(200);
    expect(await servedBy(second, 81, 120)).toContain(reviewed.a);
    const cta = `Edited on the first instance ${randomUUID()}`;
    expect((await as(first)({ method: 'PATCH', url: `/v1/variants/${reviewed.b}`, body: { text: { cta } } })).statusCode).toBe(200);
    for (let i = 0; i < 40; i++) {
      const served = await main(second, `r-${i}`);
      if (served.variant?.id === reviewed.b) expect(served.content.cta).toBe(cta);
    }
  }, 180_000);
});
