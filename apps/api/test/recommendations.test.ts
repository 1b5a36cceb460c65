import type { DemoDataset } from '@persona/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JobName } from '@persona/shared';
import { MAINTENANCE_QUEUE } from '../src/jobs/job-queues.js';
import { loadDemoSlice } from './support/demo-slice.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('recommendations API (classical engine, offline)', () => {
  let app: TestApp;
  let dataset: DemoDataset;
  let itemId: Map<string, string>;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    ({ dataset, itemId } = await loadDemoSlice(app));
  }, 120_000);
  afterAll(() => app.close());

  const consumedBy = (userId: string) =>
    new Set(dataset.interactions.filter((e) => e.userId === userId).map((e) => itemId.get(e.itemExternalId)));

  it('serves a full, explained feed without the items the user already consumed', async () => {
    const senior = dataset.users.find((u) => u.attributes.age >= 70 && !u.attributes.locale.startsWith('es') && consumedBy(u.id).size > 5)!;
    const res = await app.request({ method: 'GET', url: `/v1/users/${senior.id}/recommendations?limit=10&explain=true` });
    expect(res.statusCode).toBe(200);
    const feed = res.json();
    expect(feed).toMatchObject({ userId: senior.id, engine: 'classical', fallbackReason: null, coldStart: false });
    expect(feed.segment.name).toMatch(/senior/i);
    expect(feed.items).toHaveLength(10);
    expect(new Set(feed.items.map((i: { itemId: string }) => i.itemId)).size).toBe(10);
    const consumed = consumedBy(senior.id);
    for (const item of feed.items) {
      expect(consumed.has(item.itemId)).toBe(false);
      expect(item.explanation.text.length).toBeGreaterThan(0);
      expect(item.item.title.length).toBeGreaterThan(0);
    }
    expect(feed.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('says why it fell back when the LLM engine is asked for but none is configured', async () => {
    const user = dataset.users[3]!;
    const feed = (await app.request({ method: 'GET', url: `/v1/users/${user.id}/recommendations?engine=llm&limit=5` })).json();
    expect(feed).toMatchObject({ engine: 'classical', fallbackReason: 'llm_not_configured' });
    expect(feed.items).toHaveLength(5);
  });

  it('learns from new events before the next refit', async () => {
    const user = dataset.users.find((u) => consumedBy(u.id).size > 3)!;
    const before = (await app.request({ method: 'GET', url: `/v1/users/${user.id}/recommendations?limit=5` })).json();
    const top = before.items[0].itemId;
    const click = await app.request({
      method: 'POST',
      url: '/v1/events',
      body: { events: [{ id: `live-${user.id}`, userId: user.id, itemId: top, type: 'click' }] },
    });
    expect(click.json().accepted).toBe(1);
    const after = (await app.request({ method: 'GET', url: `/v1/users/${user.id}/recommendations?limit=5` })).json();
    expect(after.items.map((i: { itemId: string }) => i.itemId)).not.toContain(top);
    const status = (await app.request({ method: 'GET', url: '/v1/recommender' })).json();
    expect(status.observedSinceFit).toBeGreaterThanOrEqual(1);
  });

  it("ranks a platform's own candidates into a complete ordering, and refuses unknown ids", async () => {
    const user = dataset.users[10]!;
    const candidates = [...itemId.values()].slice(0, 20);
    const ranked = (await app.request({ method: 'POST', url: '/v1/rank', body: { userId: user.id, candidateIds: candidates, explain: true } })).json();
    expect(ranked.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual([...candidates].sort());
    const bad = await app.request({ method: 'POST', url: '/v1/rank', body: { userId: user.id, candidateIds: [candidates[0], 'itm_ghost'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('itm_ghost');
  });

  it('answers 404 for an unknown user and 400 for a bad limit', async () => {
    expect((await app.request({ method: 'GET', url: '/v1/users/nobody/recommendations' })).statusCode).toBe(404);
    expect((await app.request({ method: 'GET', url: `/v1/users/${dataset.users[0]!.id}/recommendations?limit=0` })).statusCode).toBe(400);
  });

  it('refits on demand and reports fit time and memory', async () => {
    const status = (await app.request({ method: 'POST', url: '/v1/recommender/refit' })).json();
    expect(status.items).toBe(150);
    expect(status.interactions).toBeGreaterThan(7000);
    expect(status.fitMs).toBeGreaterThan(0);
    expect(status.memoryBytes).toBeGreaterThan(0);
    expect(status.observedSinceFit).toBe(0);
  });

  it('refits fitted workspaces through the repeatable refit job', async () => {
    const queue = app.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));
    await expect.poll(async () => (await queue.getJobSchedulers()).map((s) => [s.key, s.every])).toContainEqual(
      ['refit-recommender', app.config.recommenderRefitMs],
    );
    const before = (await app.request({ method: 'GET', url: '/v1/recommender' })).json().fittedAt;
    // What the scheduler adds each interval, added now rather than waiting an hour for it.
    await queue.add(JobName.RefitRecommender, {});
    await expect
      .poll(async () => (await app.request({ method: 'GET', url: '/v1/recommender' })).json().fittedAt, { timeout: 10_000 })
      .not.toBe(before);
  });
});
