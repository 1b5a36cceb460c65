import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateOffPolicy, replayTargetProbabilities, DEFAULT_POLICY_OPTIONS } from '@persona/recommender';
import { ExposureLogRepository, type Exposure } from '../src/delivery/exposure-log.repository.js';
import { LoggedDecisionsRepository } from '../src/delivery/logged-decisions.repository.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Known counts, logged through the same exposure log the feed writes to and credited through
 * the events API:
 *  - test 1 (item 1), uniform: control 1000 exposures / 50 clicks (600/30 on Nov 1, 400/20 on
 *    Nov 2), var_x 1000 / 80 (500/40 each day; with its image), var_y 1000 / 50 (Nov 1);
 *  - test 2 (item 2), uniform: control 1100 / 0 and var_z 900 / 0 chosen afresh, plus 100 sticky
 *    repeats of var_z: a split the sample-ratio test must flag;
 *  - 50 exposures without a choice (no approved variant), which insights leave out.
 */
describe.each(await availableDatabases())('insights (%s)', (kind) => {
  let app: TestApp;
  let items: string[];
  let segmentId: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    items = [];
    for (const title of ['Lemon risotto', 'Tomato soup']) {
      items.push((await app.request({ method: 'POST', url: '/v1/items', body: { title, body: `${title}, step by step.`, category: 'recipes' } })).json().id);
    }
    const segment = await app.request({
      method: 'POST',
      url: '/v1/segments',
      body: {
        name: 'Seniors',
        rule: { attr: 'age', gte: 65 },
        style: { persona: 'Calm readers', readingGrade: 6, targetWords: 80, tone: 'calm', format: 'steps', locale: 'en-US', mustInclude: [], mustAvoid: [], emoji: 'none', visual: { palette: ['#1f3a5f', '#f4efe6'], treatment: 'tint', contrast: 1.1, fontScale: 1.6, channelFormats: ['square'] } },
      },
    });
    expect(segment.statusCode).toBe(201);
    segmentId = segment.json().id;

    const log = app.app.get(ExposureLogRepository);
    const exposures: Exposure[] = [];
    const clicks: { id: string; userId: string; itemId: string; type: 'click'; servedId: string }[] = [];
    let n = 0;
    const add = (item: string, arm: string, day: string, count: number, clicked: number, extra: Partial<Exposure> = {}) => {
      for (let i = 0; i < count; i++) {
        const servedId = `srv_t${n++}`;
        exposures.push({
          workspaceId: app.workspaceId, servedId, userId: `u-${n}`, itemId: item, segmentId, arm,
          variantId: arm === 'control' ? null : arm, imageVariantId: arm === 'var_x' ? 'var_x_image' : null,
          policy: 'uniform', reason: arm === 'control' ? 'control' : null, propensity: 0.5, position: 1, sticky: false,
          servedAt: new Date(`${day}T12:00:00Z`), ...extra,
        });
        if (i < clicked) clicks.push({ id: `click-${servedId}`, userId: `u-${n}`, itemId: item, type: 'click', servedId });
      }
    };
    add(items[0]!, 'control', '2026-11-01', 600, 30);
    add(items[0]!, 'control', '2026-11-02', 400, 20);
    add(items[0]!, 'var_x', '2026-11-01', 500, 40);
    add(items[0]!, 'var_x', '2026-11-02', 500, 40);
    add(items[0]!, 'var_y', '2026-11-01', 1000, 50);
    add(items[1]!, 'control', '2026-11-01', 1100, 0);
    add(items[1]!, 'var_z', '2026-11-01', 900, 0);
    add(items[1]!, 'var_z', '2026-11-01', 100, 0, { sticky: true });
    add(items[1]!, 'control', '2026-11-01', 50, 10, { policy: null, reason: 'no_approved_variant' });
    log.record(exposures);
    await log.drain();
    const res = await app.request({ method: 'POST', url: '/v1/events', body: { events: clicks } });
    expect(res.json().attribution).toEqual({ attributed: 190, duplicates: 0, withoutExposure: 0 });
  }, 120_000);
  afterAll(() => app?.close());

  const variants = async (query = '') => {
    const res = await app.request({ method: 'GET', url: `/v1/insights/variants?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('reports CTR with Wilson intervals, probability to be best, uplift over control and a daily series', async () => {
    const { tests } = await variants();
    expect(tests.map((t: { itemId: string; exposures: number }) => [t.itemId, t.exposures])).toEqual([[items[0], 3000], [items[1], 2100]]);
    const [control, x, y] = tests[0].arms;
    expect(tests[0].policies).toEqual(['uniform']);
    expect(control).toMatchObject({ arm: 'control', variantId: null, exposures: 1000, clicks: 50, ctr: 0.05, uplift: null });
    expect(control.ctrInterval.low).toBeCloseTo(0.03813, 5);
    expect(control.ctrInterval.high).toBeCloseTo(0.06531, 5);
    expect(control.daily).toEqual([
      { day: '2026-11-01', exposures: 600, clicks: 30, ctr: 0.05 },
      { day: '2026-11-02', exposures: 400, clicks: 20, ctr: 0.05 },
    ]);
    expect(x).toMatchObject({ arm: 'var_x', variantId: 'var_x', exposures: 1000, clicks: 80, ctr: 0.08 });
    expect(x.ctrInterval.low).toBeCloseTo(0.06475, 5);
    expect(x.ctrInterval.high).toBeCloseTo(0.09847, 5);
    expect(x.probabilityToBeBest).toBeGreaterThan(0.98);
    // Posterior means 81/1002 over 51/1002: about +59%, an interval clear of zero.
    expect(x.uplift.estimate).toBeGreaterThan(0.45);
    expect(x.uplift.estimate).toBeLessThan(0.75);
    expect(x.uplift.low).toBeGreaterThan(0.05);
    expect(y).toMatchObject({ exposures: 1000, clicks: 50 });
    expect(y.uplift.low).toBeLessThan(0);
    expect(y.uplift.high).toBeGreaterThan(0);
    expect(control.probabilityToBeBest + x.probabilityToBeBest + y.probabilityToBeBest).toBeCloseTo(1, 10);
    expect(await variants()).toEqual({ from: null, to: null, tests }); // seeded: the same data gives the same answer
  });

  it('flags a uniform split that is off, counting only fresh choices', async () => {
    const { tests } = await variants();
    expect(tests[0].sampleRatio).toMatchObject({ observed: { control: 1000, var_x: 1000, var_y: 1000 }, statistic: 0, pValue: 1, mismatch: false });
    const srm = tests[1].sampleRatio;
    expect(srm.observed).toEqual({ control: 1100, var_z: 900 });
    expect(srm.statistic).toBeCloseTo(20, 10);
    expect(srm.pValue).toBeCloseTo(7.74e-6, 7);
    expect(srm.mismatch).toBe(true);
  });

  it('filters by item, variant, segment and time range', async () => {
    expect((await variants(`itemId=${items[1]}`)).tests.map((t: { itemId: string }) => t.itemId)).toEqual([items[1]]);
    expect((await variants('variantId=var_x')).tests.map((t: { itemId: string }) => t.itemId)).toEqual([items[0]]);
    expect((await variants('segmentId=seg_none')).tests).toEqual([]);
    const later = await variants(`itemId=${items[0]}&from=2026-11-02T00:00:00Z`);
    expect(later.tests[0].arms.map((a: { arm: string; exposures: number }) => [a.arm, a.exposures])).toEqual([['control', 400], ['var_x', 500]]);
    const earlier = await variants(`itemId=${items[0]}&to=2026-11-02T00:00:00Z`);
    expect(earlier.tests[0].exposures).toBe(2100);
    expect((await app.request({ method: 'GET', url: '/v1/insights/variants?from=yesterday' })).statusCode).toBe(400);
  });

  it('compares personalized variants with control per segment and kind', async () => {
    const res = await app.request({ method: 'GET', url: '/v1/insights/overview' });
    expect(res.statusCode).toBe(200);
    const [segment] = res.json().segments;
    expect(segment).toMatchObject({
      segmentId,
      segmentName: 'Seniors',
      control: { exposures: 2100, clicks: 50 },
      personalized: { exposures: 3000, clicks: 130 },
    });
    expect(segment.byKind.map((k: { kind: string; exposures: number; clicks: number }) => [k.kind, k.exposures, k.clicks])).toEqual([
      ['text', 2000, 50],
      ['text_and_image', 1000, 80],
    ]);
    // 130/3000 against 50/2100: about +82%.
    expect(segment.uplift.low).toBeGreaterThan(0.2);
    expect(segment.uplift.estimate).toBeCloseTo(130 / 3000 / (50 / 2100) - 1, 0);
  });

  it('reads the fresh logged decisions with their clicks for off-policy evaluation', async () => {
    const { log } = await new LoggedDecisionsRepository(app.database).decisions(app.workspaceId, {});
    expect(log).toHaveLength(5000); // sticky repeats and exposures without a choice left out
    expect(log.reduce((n, d) => n + d.reward, 0)).toBe(180);
    // Logged with propensity 0.5: a target that serves var_x whenever it is an arm of test 1 weighs its 1000 decisions by 2.
    const target = log.map((d) => (d.testKey.startsWith(items[0]!) ? (d.arm === 'var_x' ? 1 : 0) : 0.5));
    const report = estimateOffPolicy(log, target);
    expect(report.ips.estimate).toBeCloseTo((80 * 2 + 0) / 5000, 10);
    const uniform = estimateOffPolicy(log, replayTargetProbabilities(log, 'uniform', DEFAULT_POLICY_OPTIONS));
    expect(uniform.decisions).toBe(5000);
  });
});
