import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ASSET_URL_SIGNER, type AssetUrlSigner } from '../src/delivery/asset-url.signer.js';
import { ExposureLogRepository } from '../src/delivery/exposure-log.repository.js';
import { deliveryFixture, reviewStates } from './support/delivery-fixture.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

interface FeedItem {
  servedId: string;
  itemId: string;
  variant: { id: string; segmentId: string; imageVariantId: string | null } | null;
  reason: string | null;
  policy: string | null;
  propensity: number;
  sticky: boolean;
  content: { title: string; cta: string | null };
  image: { assetId: string; url: string; channelFormat: string | null } | null;
}

describe.each(await availableDatabases())('delivery (%s)', (kind) => {
  let app: TestApp;
  let fixture: Awaited<ReturnType<typeof deliveryFixture>>;
  let variants: Awaited<ReturnType<typeof reviewStates>>;
  let both: string;
  let draftOnly: string;
  let rejectedOnly: string;

  const person = async (id: string, age?: number) =>
    expect((await app.request({ method: 'PUT', url: `/v1/users/${id}`, body: { attributes: age === undefined ? {} : { age } } })).statusCode).toBe(200);
  const feed = async (userId: string, query = 'limit=100&format=square') => {
    const res = await app.request({ method: 'GET', url: `/v1/users/${userId}/feed?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as { segment: { id: string } | null; items: FeedItem[] };
  };
  const itemOf = (items: FeedItem[], itemId: string) => {
    const found = items.find((item) => item.itemId === itemId);
    expect(found, `item ${itemId} in the feed`).toBeDefined();
    return found!;
  };
  const settings = (body: object) => app.request({ method: 'PATCH', url: '/v1/delivery/settings', body });
  const drain = () => app.app.get(ExposureLogRepository).drain();

  beforeAll(async () => {
    app = await startTestApp(kind);
    fixture = await deliveryFixture(app.request);
    for (let i = 0; i < 40; i++) await person(`senior-${i}`, 70);
    await person('fifty', 55);
    await person('nobody');
    // The cold-start ranking of a user without history: its first three items get the review states.
    const first = await feed('senior-0');
    [both, draftOnly, rejectedOnly] = first.items.slice(0, 3).map((item) => item.itemId) as [string, string, string];
    variants = await reviewStates(app.request, fixture, [both, draftOnly, rejectedOnly]);
    expect((await settings({ policy: 'uniform', controlEnabled: true, stickyWindowSeconds: 3600 })).statusCode).toBe(200);
  }, 180_000);
  afterAll(() => app?.close());

  it('serves only approved variants of the segment the user belongs to, the original with its reason otherwise', async () => {
    const served = new Set<string>();
    for (let i = 1; i <= 24; i++) {
      const response = await feed(`senior-${i}`);
      expect(response.segment?.id).toBe(fixture.seniors); // priority 1000 wins over the over-50s' 900
      for (const item of response.items) {
        if (item.variant) {
          expect(item.variant.segmentId).toBe(fixture.seniors);
          expect(item.reason).toBeNull();
        }
      }
      const main = itemOf(response.items, both);
      served.add(main.variant?.id ?? main.reason!);
      expect([variants.a, variants.b, 'control']).toContain(main.variant?.id ?? main.reason);
      expect(main.policy).toBe('uniform');
      expect(main.propensity).toBeCloseTo(1 / 3, 10);
      if (main.variant?.id === variants.b) {
        expect(main.variant.imageVariantId).toBe(variants.bImage);
        expect(main.image?.channelFormat).toBe('square');
      } else {
        // A has no approved image of its own; control is the original: both carry the item's own image.
        expect(main.image).toMatchObject({ assetId: variants.imageAssetId, channelFormat: null });
      }
      for (const id of [draftOnly, rejectedOnly]) {
        expect(itemOf(response.items, id)).toMatchObject({ variant: null, reason: 'no_approved_variant', policy: null, propensity: 1 });
      }
      const others = response.items.filter((item) => ![both, draftOnly, rejectedOnly].includes(item.itemId));
      for (const item of others) expect(item.reason).toBe('no_approved_variant');
    }
    // 24 users, three arms at a third each: all three show up (a miss has probability below 1e-4).
    expect(served).toEqual(new Set([variants.a, variants.b, 'control']));

    const fifty = await feed('fifty');
    expect(fifty.segment?.id).toBe(fixture.over50s);
    expect([variants.c, undefined]).toContain(itemOf(fifty.items, both).variant?.id);
    expect(itemOf(fifty.items, rejectedOnly).variant?.segmentId ?? fixture.over50s).toBe(fixture.over50s);

    const nobody = await feed('nobody');
    expect(nobody.segment).toBeNull();
    for (const item of nobody.items) expect(item).toMatchObject({ variant: null, reason: 'no_segment', policy: null, propensity: 1 });
  });

  it('fixed serves the most recently approved variant; without control only variants are arms', async () => {
    await settings({ policy: 'fixed', stickyWindowSeconds: 0 });
    for (let i = 0; i < 3; i++) expect(itemOf((await feed('senior-30')).items, both)).toMatchObject({ variant: { id: variants.b }, propensity: 1, policy: 'fixed' });
    await settings({ policy: 'uniform', controlEnabled: false });
    for (let i = 0; i < 6; i++) {
      const main = itemOf((await feed('senior-30')).items, both);
      expect([variants.a, variants.b]).toContain(main.variant?.id);
      expect(main.propensity).toBe(0.5);
    }
    await settings({ controlEnabled: true, stickyWindowSeconds: 3600 });
  });

  it('keeps a user on the same arm within the sticky window, and lets go after it', async () => {
    const first = itemOf((await feed('senior-31')).items, both);
    expect(first.sticky).toBe(false);
    for (let i = 0; i < 5; i++) {
      const again = itemOf((await feed('senior-31')).items, both);
      expect(again).toMatchObject({ sticky: true, propensity: first.propensity, variant: first.variant, reason: first.reason });
      expect(again.servedId).not.toBe(first.servedId);
    }
    // Without a window every request chooses again: 20 uniform draws over three arms all alike has probability 3^-19.
    await settings({ stickyWindowSeconds: 0 });
    const arms = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const main = itemOf((await feed('senior-31')).items, both);
      expect(main.sticky).toBe(false);
      arms.add(main.variant?.id ?? 'control');
    }
    expect(arms.size).toBeGreaterThan(1);
    // A one-second window: kept within it, chosen afresh once Redis has expired it.
    await settings({ stickyWindowSeconds: 1 });
    itemOf((await feed('senior-32')).items, both);
    expect(itemOf((await feed('senior-32')).items, both).sticky).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(itemOf((await feed('senior-32')).items, both).sticky).toBe(false);
    await settings({ stickyWindowSeconds: 3600 });
  });

  it('signs image URLs that load without a key; a tampered or expired one is 403 problem+json', async () => {
    const main = itemOf((await feed('senior-33')).items, both);
    const url = main.image!.url;
    expect(url).toMatch(/^\/v1\/content\/ast_[^?]+\?exp=\d+&sig=[\w-]+$/);
    const ok = await app.request({ method: 'GET', url, key: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^image\//);
    expect(ok.raw.length).toBeGreaterThan(1000);

    const { searchParams } = new URL(url, 'http://x');
    const sig = searchParams.get('sig')!;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const otherAsset = (await feed('senior-34')).items.find((item) => item.image && item.image.assetId !== main.image!.assetId)?.image?.assetId;
    const signer = app.app.get<AssetUrlSigner>(ASSET_URL_SIGNER);
    const expired = signer.sign(main.image!.assetId, Date.now() - 3 * app.config.delivery.assetUrlTtlSeconds * 1000).url;
    const later = `/v1/content/${main.image!.assetId}?exp=${Number(searchParams.get('exp')) + 3600}&sig=${sig}`;
    for (const bad of [url.replace(sig, flipped), later, expired, `${url}x`, ...(otherAsset ? [url.replace(main.image!.assetId, otherAsset)] : [])]) {
      const res = await app.request({ method: 'GET', url: bad, key: null });
      expect(res.statusCode, bad).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect((await app.request({ method: 'GET', url: expired, key: null })).json().detail).toMatch(/expired/);
    expect((await app.request({ method: 'GET', url: url.replace(/exp=\d+/, 'exp=soon'), key: null })).statusCode).toBe(400);
  });

  it('credits an event with a servedId once: a replay is a duplicate, a stranger is reported', async () => {
    const main = itemOf((await feed('senior-35')).items, both);
    const event = (id: string, type: string, extra: object = {}) => ({ id, userId: 'senior-35', itemId: both, type, servedId: main.servedId, ...extra });
    const post = (events: object[]) => app.request({ method: 'POST', url: '/v1/events', body: { events } });

    const first = (await post([event('att-1', 'click'), event('att-2', 'impression')])).json();
    expect(first).toMatchObject({ accepted: 2, duplicates: 0, attribution: { attributed: 2, duplicates: 0, withoutExposure: 0 } });
    const replay = (await post([event('att-1', 'click'), event('att-2', 'impression')])).json();
    expect(replay).toMatchObject({ accepted: 0, duplicates: 2, attribution: { attributed: 0, duplicates: 0, withoutExposure: 0 } });
    const again = (await post([event('att-3', 'click'), event('att-4', 'conversion')])).json();
    expect(again).toMatchObject({ accepted: 2, attribution: { attributed: 1, duplicates: 1, withoutExposure: 0 } });
    const strangers = (await post([
      event('att-5', 'click', { servedId: 'srv_never-served' }),
      event('att-6', 'click', { userId: 'senior-36' }),
      event('att-7', 'click', { itemId: draftOnly }),
    ])).json();
    expect(strangers).toMatchObject({ accepted: 3, attribution: { attributed: 0, duplicates: 0, withoutExposure: 3 } });
    const plain = (await post([{ id: 'att-8', userId: 'senior-35', itemId: both, type: 'click' }])).json();
    expect(plain.attribution).toEqual({ attributed: 0, duplicates: 0, withoutExposure: 0 });

    // The click moved exactly its arm's counter, once; the counters are the exposure log, summed.
    await drain();
    const state = (await app.request({ method: 'GET', url: `/v1/delivery/bandit?itemId=${both}&segmentId=${fixture.seniors}` })).json();
    const arm = state.arms.find((a: { arm: string }) => a.arm === (main.variant?.id ?? 'control'));
    const clicks = await app.database.db.execute(sql`
      select count(*)::int as n from exposure_outcomes o join exposures e using (workspace_id, served_id)
      where o.type = 'click' and e.item_id = ${both} and e.arm = ${arm.arm}`);
    expect(arm.clicks).toBe((clicks as unknown as { rows: { n: number }[] }).rows[0]!.n);
    expect(arm.clicks).toBeGreaterThanOrEqual(1);
    const logged = await app.database.db.execute(sql`
      select arm, count(*)::int as n from exposures where item_id = ${both} and segment_id = ${fixture.seniors} and policy is not null group by arm`);
    const byArm = Object.fromEntries((logged as unknown as { rows: { arm: string; n: number }[] }).rows.map((r) => [r.arm, r.n]));
    for (const a of state.arms as { arm: string; exposures: number }[]) expect(a.exposures).toBe(byArm[a.arm] ?? 0);
    expect(state.arms.reduce((sum: number, a: { probability: number }) => sum + a.probability, 0)).toBeCloseTo(1, 10);
  });

  it('records every served item with its policy, propensity and position', async () => {
    const response = await feed('senior-37', 'limit=5&format=square');
    await drain();
    const rows = await app.database.db.execute(sql`
      select served_id, item_id, arm, policy, propensity, position, user_id from exposures
      where served_id in (${sql.join(response.items.map((i) => sql`${i.servedId}`), sql`, `)}) order by position`);
    const logged = (rows as unknown as { rows: { served_id: string; item_id: string; arm: string; policy: string | null; propensity: number; position: number; user_id: string }[] }).rows;
    expect(logged.map((r) => [r.served_id, r.item_id, r.position, r.user_id])).toEqual(response.items.map((i, n) => [i.servedId, i.itemId, n + 1, 'senior-37']));
    response.items.forEach((item, n) => {
      expect(logged[n]!.arm).toBe(item.variant?.id ?? 'control');
      expect(logged[n]!.policy).toBe(item.policy);
      expect(logged[n]!.propensity).toBeCloseTo(item.propensity, 12);
    });
  });

  it('a studio preview chooses like the feed but logs no exposure and keeps no assignment; service keys cannot ask for one', async () => {
    const keyOf = async (role: string) => (await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: `preview ${role}`, role } })).json().secret as string;
    const [viewer, service] = [await keyOf('viewer'), await keyOf('service')];
    const preview = async (userId: string, key = viewer) => {
      const res = await app.request({ method: 'GET', url: `/v1/users/${userId}/feed?limit=100&format=square&preview=true`, key });
      expect(res.statusCode).toBe(200);
      return res.json() as { preview: boolean; segment: { id: string } | null; items: FeedItem[] };
    };
    const loggedFor = async (userId: string) => {
      await drain();
      const rows = await app.database.db.execute(sql`select count(*)::int as n from exposures where user_id = ${userId}`);
      return (rows as unknown as { rows: { n: number }[] }).rows[0]!.n;
    };
    const bandit = async () => (await app.request({ method: 'GET', url: `/v1/delivery/bandit?itemId=${both}&segmentId=${fixture.seniors}` })).json().arms;

    const before = await bandit();
    const arms = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const response = await preview('senior-38');
      expect(response.preview).toBe(true);
      expect(response.segment?.id).toBe(fixture.seniors);
      for (const item of response.items) expect(item.servedId).toMatch(/^prv_/);
      const main = itemOf(response.items, both);
      expect(main.sticky).toBe(false);
      arms.add(main.variant?.id ?? 'control');
    }
    // No assignment was kept, so every preview drew afresh: twelve uniform draws over three arms all alike has probability 3^-11.
    expect(arms.size).toBeGreaterThan(1);
    expect(await loggedFor('senior-38')).toBe(0);
    expect(await bandit()).toEqual(before);

    // The real feed is logged and assigns; a preview afterwards shows the user exactly the arm they keep.
    const real = await feed('senior-38');
    expect((real as unknown as { preview: boolean }).preview).toBe(false);
    const kept = itemOf(real.items, both);
    expect(kept.sticky).toBe(false);
    expect(await loggedFor('senior-38')).toBe(real.items.length);
    const shown = itemOf((await preview('senior-38')).items, both);
    expect(shown).toMatchObject({ sticky: true, variant: kept.variant, reason: kept.reason });
    expect(await loggedFor('senior-38')).toBe(real.items.length);

    // A preview's id credits nothing: an event carrying it is reported as without exposure.
    const event = { id: 'prv-event-1', userId: 'senior-38', itemId: both, type: 'click', servedId: shown.servedId };
    const posted = await app.request({ method: 'POST', url: '/v1/events', body: { events: [event] } });
    expect(posted.json()).toMatchObject({ accepted: 1, attribution: { attributed: 0, duplicates: 0, withoutExposure: 1 } });

    const refused = await app.request({ method: 'GET', url: `/v1/users/senior-38/feed?preview=true`, key: service });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', errors: [{ path: 'query.preview' }] });
    expect((await app.request({ method: 'GET', url: `/v1/users/senior-38/feed`, key: service })).statusCode).toBe(200);
    const bad = await app.request({ method: 'GET', url: `/v1/users/senior-38/feed?preview=maybe` });
    expect(bad.statusCode).toBe(400);
  });
});
