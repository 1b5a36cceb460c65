import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { generateDemoWorld } from '@persona/demo-data';
import {
  CONTROL_ARM,
  measureCardStyle,
  seededUniform,
  type BanditPolicy,
  type CardStyle,
  type SimulatedCard,
  type SimulatedUser,
  type UserModel,
} from '@persona/recommender';
import { matchesRule, type TFeedResponse, type TSegmentInput, type TSegmentStyle } from '@persona/shared';
import { loadConfig } from '../src/config/app-config.js';
import { createApp } from '../src/create-app.js';

export interface SimulationOptions {
  policy: BanditPolicy;
  seed: number;
  users: number;
  days: number;
  items: number;
  /** Items per feed request. */
  feedSize: number;
  explorationFloor: number;
  /** The delivery setting: 0 lets every (item, segment) test learn alone. */
  pooledPriorStrength: number;
  model: UserModel;
  /** Requests in flight at once. */
  concurrency: number;
}

export interface DayResult {
  day: number;
  /** Served items where a policy chose among arms. */
  decisions: number;
  clicks: number;
  /**
   * Sums of the model's click probability on those decisions: served arm, segment oracle's arm,
   * control (NaN for oracle and control with a model without probabilities; served = clicks then).
   */
  expectedClicks: number;
  oracleClicks: number;
  controlClicks: number;
}

/**
 * Past interactions per user: about a third of the catalog, at most 10. Feeds never show what a
 * user has consumed, so a history of 10 on a 6-item catalog (as this once was) left most feeds
 * nearly empty — ~240 of 900 possible choices on the first day of 150 users × 6 items, falling as
 * simulated clicks consumed more — and starved every test of the traffic it learns from.
 */
export function historyPerUser(items: number): number {
  return Math.min(10, Math.max(1, Math.round(items / 3)));
}

/** A second style per segment, so every (item, segment) test has two variants besides control. */
function alternativeStyle(style: TSegmentStyle): TSegmentStyle {
  const formats = ['narrative', 'steps', 'bullets'] as const;
  return { ...style, targetWords: Math.min(2000, Math.round(style.targetWords * 1.8)), format: formats[(formats.indexOf(style.format) + 1) % 3]! };
}

/**
 * One closed-loop run against a real API (in this process, over HTTP on loopback, embedded
 * PGlite): the demo world's catalog, audience, segments and history are loaded through the API;
 * every (item, segment) gets two approved template variants; then each simulated day every user
 * asks for a feed, the user model judges each served card, and the impressions and clicks go back
 * through /v1/events with their servedIds, which is what the bandit learns from the next day.
 */
export interface SimulationResult {
  days: DayResult[];
  /** What the API's insights counted over the run (exposures where a policy chose, and their credited clicks). */
  logged: { exposures: number; clicks: number };
  /**
   * Each (item, segment) test as the oracle sees it: the segment's size and each arm's mean click
   * probability over its members (control first) — what an offline replay of the policy needs
   * (packages/recommender/scripts/bandit-horizon.script.ts). Empty without a probability model.
   */
  tests: { itemId: string; segmentId: string; members: number; armMeans: number[] }[];
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const world = generateDemoWorld({ seed: options.seed, items: options.items, users: options.users, interactions: options.users * historyPerUser(options.items) });
  const dataDir = mkdtempSync(join(tmpdir(), 'persona-sim-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'false',
    // One key stands for a whole platform's users here; the per-key limit is for real callers.
    RATE_LIMIT_PER_MINUTE: '1000000',
    // A simulated day passes in seconds: a Thompson vector reused for a second would stand for hours of traffic.
    THOMPSON_REFRESH_MS: '0',
    QUEUE_PREFIX: `persona-sim-${randomUUID()}`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  const platform = await createApp({ ...config, pgliteDir: null });
  try {
    const { admin } = await platform.workspaces.createWorkspace(`sim ${options.policy} ${options.seed}`);
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const base = (platform.app.getHttpServer().address() as { port: number }).port;
    const call = async <T = unknown>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> => {
      const res = await fetch(`http://127.0.0.1:${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin.secret}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<T>;
    };

    // The world, through the API.
    await call('POST', '/v1/items/import', world.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n'), 'application/x-ndjson');
    type CatalogItem = { id: string; externalId: string; body: string; category: string; attributes: { group: string } };
    const catalog = (await call<{ items: CatalogItem[] }>('GET', '/v1/items?limit=500')).items;
    const itemId = new Map(catalog.map((item) => [item.externalId, item.id]));
    await call('POST', '/v1/users/bulk', { users: world.users });
    const segments: (TSegmentInput & { id: string })[] = [];
    for (const segment of world.segments) segments.push({ ...segment, id: (await call<{ id: string }>('POST', '/v1/segments', segment)).id });
    const events = world.interactions.map((e) => ({ id: e.id, userId: e.userId, itemId: itemId.get(e.itemExternalId)!, type: e.type, at: e.at }));
    for (let start = 0; start < events.length; start += 5000) await call('POST', '/v1/events', { events: events.slice(start, start + 5000) });

    // Two approved variants per (item, segment): each segment's own style, then an alternative.
    const segmentIds = segments.map((s) => s.id);
    for (const restyle of [false, true]) {
      if (restyle) for (const s of segments) await call('PATCH', `/v1/segments/${s.id}`, { style: alternativeStyle(s.style as TSegmentStyle) });
      for (const item of catalog) {
        const generated = (await call<{ items: { id: string; status: string }[] }>('POST', `/v1/items/${item.id}/variants/preview`, { segmentIds, kinds: ['text'], textEngine: 'template' })).items;
        for (const variant of generated) if (variant.status !== 'failed') await call('PATCH', `/v1/variants/${variant.id}`, { status: 'approved' });
      }
    }
    await call('PATCH', '/v1/delivery/settings', { policy: options.policy, controlEnabled: true, explorationFloor: options.explorationFloor, pooledPriorStrength: options.pooledPriorStrength, stickyWindowSeconds: 0 });

    // What the oracle knows: every arm's text, and which segment each user is in (the API's rule: highest priority first).
    const arms = new Map<string, { arm: string; style: CardStyle }[]>(); // key: item/segment
    for (const item of catalog) {
      const approved = (await call<{ items: { id: string; segmentId: string; text: { body: string } }[] }>('GET', `/v1/items/${item.id}/variants?kind=text&status=approved`)).items;
      for (const segment of segments) {
        arms.set(`${item.id}/${segment.id}`, [
          { arm: CONTROL_ARM, style: measureCardStyle(item.body) },
          ...approved.filter((v) => v.segmentId === segment.id).map((v) => ({ arm: v.id, style: measureCardStyle(v.text.body) })),
        ]);
      }
    }
    const tasteOf = new Map(world.tastes.map((t) => [t.userId, t]));
    const users: SimulatedUser[] = world.users.map((u) => ({ id: u.id, attributes: u.attributes, taste: tasteOf.get(u.id)! }));
    const bySegmentOrder = [...segments].sort((a, b) => (b.priority ?? 100) - (a.priority ?? 100));
    const segmentOf = new Map(users.map((u) => [u.id, bySegmentOrder.find((s) => matchesRule(s.rule, u.attributes))?.id ?? null]));
    const cardOf = (item: CatalogItem, position: number, body: string, title = ''): SimulatedCard => ({
      itemId: item.id, category: item.category, group: String(item.attributes.group), title, body, position,
    });
    // Oracle, regret and the control baseline need the model's click probability; an LLM persona has none.
    const probability = options.model.probability?.bind(options.model);
    const oracle = new Map<string, string>();
    const tests: SimulationResult['tests'] = [];
    for (const item of probability ? catalog : []) {
      for (const segment of segments) {
        const members = users.filter((u) => segmentOf.get(u.id) === segment.id);
        let best = { arm: CONTROL_ARM, value: -1 };
        const armMeans: number[] = [];
        for (const { arm, style } of arms.get(`${item.id}/${segment.id}`)!) {
          let value = 0;
          for (const user of members) value += probability!(user, cardOf(item, 1, ''), style);
          armMeans.push(members.length ? value / members.length : 0);
          if (value > best.value) best = { arm, value };
        }
        oracle.set(`${item.id}/${segment.id}`, best.arm);
        tests.push({ itemId: item.id, segmentId: segment.id, members: members.length, armMeans });
      }
    }
    const itemById = new Map(catalog.map((item) => [item.id, item]));

    const results: DayResult[] = [];
    for (let day = 1; day <= options.days; day++) {
      const result: DayResult = { day, decisions: 0, clicks: 0, expectedClicks: 0, oracleClicks: 0, controlClicks: 0 };
      const visit = async (user: SimulatedUser) => {
        const random = seededUniform(`${options.seed}/${day}/${user.id}`);
        const feed = await call<TFeedResponse>('GET', `/v1/users/${encodeURIComponent(user.id)}/feed?limit=${options.feedSize}`);
        const events: object[] = [];
        for (const served of feed.items) {
          const item = itemById.get(served.itemId)!;
          const style = measureCardStyle(served.content.body);
          // The card as served: an LLM persona reads its title and body (the statistical user, its style).
          const card = cardOf(item, served.rank, served.content.body, served.content.title);
          const judgement = await options.model.judge(user, card, style, random);
          events.push({ id: `${served.servedId}-i`, userId: user.id, itemId: item.id, type: 'impression', servedId: served.servedId });
          if (judgement.click) events.push({ id: `${served.servedId}-c`, userId: user.id, itemId: item.id, type: 'click', servedId: served.servedId });
          if (served.policy && feed.segment) {
            const key = `${item.id}/${feed.segment.id}`;
            const options = arms.get(key)!;
            result.decisions += 1;
            result.clicks += judgement.click ? 1 : 0;
            result.expectedClicks += probability ? judgement.probability : judgement.click ? 1 : 0;
            result.oracleClicks += probability ? probability(user, card, options.find((a) => a.arm === oracle.get(key))!.style) : Number.NaN;
            result.controlClicks += probability ? probability(user, card, options[0]!.style) : Number.NaN;
          }
        }
        if (events.length) await call('POST', '/v1/events', { events });
      };
      for (let start = 0; start < users.length; start += options.concurrency) {
        await Promise.all(users.slice(start, start + options.concurrency).map(visit));
      }
      results.push(result);
    }
    const overview = await call<{ segments: { control: { exposures: number; clicks: number }; personalized: { exposures: number; clicks: number } }[] }>('GET', '/v1/insights/overview');
    const logged = { exposures: 0, clicks: 0 };
    for (const segment of overview.segments) {
      logged.exposures += segment.control.exposures + segment.personalized.exposures;
      logged.clicks += segment.control.clicks + segment.personalized.clicks;
    }
    return { days: results, logged, tests };
  } finally {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
