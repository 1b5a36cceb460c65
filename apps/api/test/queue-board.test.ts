import { appRoutes } from '@bull-board/api/dist/routes.js';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATION_QUEUE, MAINTENANCE_QUEUE } from '../src/jobs/job-queues.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const OPERATOR_KEY = 'operator-key-for-the-queue-board-0123456789';
const basic = (password: string, user = 'operator') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface BoardRoute {
  method: Method;
  url: string;
}

/** A job of another workspace, delayed so no worker takes it: the board must not be able to touch it. */
const PROBE_JOB = 'other-workspace-probe';
const PARAMS: Record<string, string> = {
  queueName: GENERATION_QUEUE,
  jobId: PROBE_JOB,
  queueStatus: 'delayed',
  schedulerId: 'recommender-refit',
};

/**
 * Every route bull-board serves, from its own route table, so a route added by an upgrade is
 * covered too: the UI entry points, a static asset, every JSON API route, and an unknown path.
 */
function boardRoutes(): BoardRoute[] {
  const fill = (route: string) => route.replace(/:(\w+)/g, (_m, name: string) => PARAMS[name] ?? 'x');
  const entryPoints = [appRoutes.entryPoint.route].flat().map((route) => ({ method: 'GET' as const, url: fill(route) }));
  const api = appRoutes.api.flatMap((route) =>
    [route.method].flat().flatMap((method) => [route.route].flat().map((url) => ({ method: method.toUpperCase() as Method, url: fill(url) }))),
  );
  const all: BoardRoute[] = [...entryPoints, { method: 'GET', url: '/static/favicon-32x32.png' }, ...api, { method: 'GET', url: '/nope/nope' }];
  return all.map(
    (route) => ({ ...route, url: `/admin/queues${route.url === '/' ? '' : route.url}` }),
  );
}

const isWrite = (route: BoardRoute) => route.method !== 'GET';

/** A body the write routes accept, so a refusal is about access, not the payload. */
const bodyFor = (route: BoardRoute) => (isWrite(route) ? { payload: '{}', headers: { 'content-type': 'application/json' } } : {});

/** The ways a key can be presented: both cases of the Bearer scheme, x-api-key, and Basic auth. */
const presentations = (key: string): Record<string, string>[] => [
  { authorization: `Bearer ${key}` },
  { authorization: `bearer ${key}` },
  { authorization: `BEARER ${key}` },
  { 'x-api-key': key },
  { authorization: basic(key) },
];

async function workspaceKeys(app: TestApp): Promise<Record<string, string>> {
  const keys: Record<string, string> = { admin: app.adminKey };
  for (const role of ['creator', 'service', 'viewer'] as const) {
    const res = await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: role, role } });
    expect(res.statusCode).toBe(201);
    keys[role] = res.json().secret;
  }
  keys.otherWorkspaceAdmin = (await app.workspaces.createWorkspace('Other workspace')).admin.secret;
  keys.wrong = 'pk_not-a-key-of-anyone-at-all-000000000000';
  keys.almostOperator = `${OPERATOR_KEY.slice(0, -1)}X`;
  return keys;
}

async function send(app: TestApp, route: BoardRoute, headers: Record<string, string>) {
  const body = bodyFor(route);
  return app.request({ method: route.method, url: route.url, key: null, ...body, headers: { ...body.headers, ...headers } });
}

describe('queue board, read-only (default) with QUEUE_BOARD_KEY', () => {
  let app: TestApp;
  let keys: Record<string, string>;
  let generation: Queue;

  beforeAll(async () => {
    app = await startTestApp('pglite', { QUEUE_BOARD_KEY: OPERATOR_KEY });
    keys = await workspaceKeys(app);
    generation = app.app.get<Queue>(getQueueToken(GENERATION_QUEUE));
    await generation.add('other-workspace-job', { workspaceId: 'ws_other' }, { jobId: PROBE_JOB, delay: 10 * 60_000 });
  });
  afterAll(async () => {
    await generation.remove(PROBE_JOB).catch(() => undefined);
    await app.close();
  });

  const operatorGet = async (url: string) => {
    const res = await app.request({ method: 'GET', url, key: OPERATOR_KEY });
    expect(res.statusCode).toBe(200);
    return res;
  };

  it('covers every board route bull-board declares, write routes included', () => {
    const routes = boardRoutes();
    expect(routes.length).toBeGreaterThan(35);
    for (const url of ['/admin/queues/api/queues/generation/empty', '/admin/queues/api/queues/generation/pause', '/admin/queues/api/queues/generation/resume']) {
      expect(routes).toContainEqual({ method: 'PUT', url });
    }
    expect(routes).toContainEqual({ method: 'PUT', url: `/admin/queues/api/queues/generation/${PROBE_JOB}/retry` });
    expect(routes).toContainEqual({ method: 'PUT', url: '/admin/queues/api/queues/generation/clean/delayed' });
  });

  it('opens to no workspace key — admin, creator, service, viewer, another workspace’s admin — nor to a wrong key or none, in any scheme', async () => {
    const refused: string[] = [];
    for (const route of boardRoutes()) {
      const attempts: [string, Record<string, string>][] = [['no key', {}]];
      for (const [who, key] of Object.entries(keys)) {
        for (const headers of presentations(key)) attempts.push([`${who} ${JSON.stringify(headers).slice(2, 20)}`, headers]);
      }
      for (const [who, headers] of attempts) {
        const res = await send(app, route, headers);
        if (res.statusCode !== 401 || res.json().code !== 'UNAUTHENTICATED') {
          refused.push(`${route.method} ${route.url} as ${who} → ${res.statusCode}`);
        }
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.headers['www-authenticate']).toBe('Basic realm="Persona queue board"');
      }
    }
    expect(refused).toEqual([]);
    expect((await generation.getJob(PROBE_JOB))?.data).toEqual({ workspaceId: 'ws_other' });
  });

  it('opens to the operator key in every presentation, and the /v1 guard reads the scheme the same way', async () => {
    for (const headers of presentations(OPERATOR_KEY)) {
      const res = await app.request({ method: 'GET', url: '/admin/queues', key: null, headers });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<base href="/admin/queues/" />');
    }
    for (const headers of presentations(keys.admin!).slice(0, 4)) {
      const res = await app.request({ method: 'GET', url: '/v1/me', key: null, headers });
      expect(res.statusCode).toBe(200);
    }
    const asset = await operatorGet('/admin/queues/static/favicon-32x32.png');
    expect(asset.headers['content-type']).toBe('image/png');
    const unknown = await app.request({ method: 'GET', url: '/admin/queues/nope/nope', key: OPERATOR_KEY });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses every write route to the operator key while read-only, and the other workspace’s job stays', async () => {
    const writes = boardRoutes().filter(isWrite);
    for (const route of writes) {
      const res = await send(app, route, { authorization: `Bearer ${OPERATOR_KEY}` });
      expect({ route, status: res.statusCode, code: res.json().code }).toEqual({ route, status: 403, code: 'FORBIDDEN' });
      expect(res.json().detail).toContain('QUEUE_BOARD_WRITE=true');
    }
    const job = await generation.getJob(PROBE_JOB);
    expect(job?.data).toEqual({ workspaceId: 'ws_other' });
    expect(await job!.getState()).toBe('delayed');
    expect(await generation.isPaused()).toBe(false);
  });

  it('answers every read route to the operator key without a server error', async () => {
    for (const route of boardRoutes().filter((r) => !isWrite(r) && !r.url.endsWith('/nope/nope'))) {
      const res = await send(app, route, { authorization: `Bearer ${OPERATOR_KEY}` });
      expect({ url: route.url, ok: res.statusCode < 500 && res.statusCode !== 401 && res.statusCode !== 403 }).toEqual({ url: route.url, ok: true });
    }
  });

  it('lists both queues and shows the delayed job in its JSON API, with read-only mode on', async () => {
    const res = await operatorGet(`/admin/queues/api/queues?activeQueue=${GENERATION_QUEUE}&status=delayed&page=1&jobsPerPage=10`);
    const queues: { name: string; readOnlyMode: boolean; jobs: { id: string }[] }[] = res.json().queues;
    expect(queues.map((q) => q.name).sort()).toEqual([GENERATION_QUEUE, MAINTENANCE_QUEUE].sort());
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    expect(queues.find((q) => q.name === GENERATION_QUEUE)!.jobs.map((j) => j.id)).toEqual([PROBE_JOB]);
  });

  it('shows the flow of a generation job submitted through the API', async () => {
    const item = (await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Lemon risotto', body: 'Toast 320 g of rice.', category: 'recipes' } })).json();
    const segment = (
      await app.request({
        method: 'POST',
        url: '/v1/segments',
        body: {
          name: 'Seniors',
          rule: { attr: 'age', gte: 65 },
          style: { persona: 'Retired readers.', readingGrade: 6, targetWords: 80, tone: 'calm', format: 'steps', visual: { palette: ['#1f3a5f'], fontScale: 1.6 } },
        },
      })
    ).json();
    const submitted = await app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { items: { ids: [item.id] }, segmentIds: [segment.id], kinds: ['text'], engine: 'template' },
    });
    expect(submitted.statusCode).toBe(202);
    const jobId: string = submitted.json().id;
    await expect
      .poll(
        async () => {
          const queues: { name: string; jobs: { id: string }[] }[] = (
            await operatorGet(`/admin/queues/api/queues?activeQueue=${GENERATION_QUEUE}&status=latest&page=1&jobsPerPage=50`)
          ).json().queues;
          return queues.find((q) => q.name === GENERATION_QUEUE)!.jobs.map((j) => j.id);
        },
        { timeout: 20_000, interval: 200 },
      )
      .toContain(`${jobId}.finish.r0`);
  });
});

describe('queue board with QUEUE_BOARD_WRITE=true', () => {
  let app: TestApp;
  let keys: Record<string, string>;
  let generation: Queue;

  beforeAll(async () => {
    app = await startTestApp('pglite', { QUEUE_BOARD_KEY: OPERATOR_KEY, QUEUE_BOARD_WRITE: 'true' });
    keys = await workspaceKeys(app);
    generation = app.app.get<Queue>(getQueueToken(GENERATION_QUEUE));
    await generation.add('other-workspace-job', { workspaceId: 'ws_other' }, { jobId: PROBE_JOB, delay: 10 * 60_000 });
  });
  afterAll(async () => {
    await generation.resume();
    await generation.remove(PROBE_JOB).catch(() => undefined);
    await app.close();
  });

  it('still refuses every write route to every workspace key, in any scheme', async () => {
    for (const route of boardRoutes().filter(isWrite)) {
      for (const key of Object.values(keys)) {
        for (const headers of presentations(key)) {
          const res = await send(app, route, headers);
          expect({ route, status: res.statusCode }).toEqual({ route, status: 401 });
        }
      }
    }
    expect(await generation.isPaused()).toBe(false);
    expect(await generation.getJob(PROBE_JOB)).toBeDefined();
  });

  it('lets the operator key pause, empty and resume a queue', async () => {
    const put = (action: string) => app.request({ method: 'PUT', url: `/admin/queues/api/queues/${GENERATION_QUEUE}/${action}`, key: OPERATOR_KEY });
    expect((await put('pause')).statusCode).toBe(200);
    expect(await generation.isPaused()).toBe(true);
    // Paused, so it waits (no worker takes it) until emptied.
    await generation.add('waiting-probe', {}, { jobId: 'waiting-probe' });
    expect((await put('empty')).statusCode).toBe(200);
    expect(await generation.getJob('waiting-probe')).toBeUndefined();
    expect((await put('resume')).statusCode).toBe(200);
    expect(await generation.isPaused()).toBe(false);
  });
});

describe('queue board without QUEUE_BOARD_KEY', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(() => app.close());

  it('is off: every path answers 404 problem+json saying how to turn it on, whatever the key', async () => {
    for (const route of boardRoutes()) {
      for (const key of [app.adminKey, null]) {
        const res = await app.request({ method: route.method, url: route.url, key });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', detail: expect.stringContaining('QUEUE_BOARD_KEY') });
      }
    }
  });
});
