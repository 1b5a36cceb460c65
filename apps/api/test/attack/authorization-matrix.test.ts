import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../support/multipart.js';
import { availableDatabases, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Route × caller × workspace. The routes come from the app's own OpenAPI document, with the roles
 * each declares (`x-roles`), so a new route is in the matrix without touching this file; a new
 * kind of path id needs one line in OWNED_IDS. Every route is called by: no key, each role's key of
 * workspace A, and workspace B's admin key, and must answer what its declared roles imply:
 *   no key → 401; a role not declared → 403; a declared role → neither 401, 403 nor 5xx;
 *   B's admin on a path naming A's resource → 404, and no response to B carries an id of A's that
 *   B did not send itself.
 * The queue board, outside the document, is in it too: no workspace key opens it.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Caller = 'none' | 'admin' | 'creator' | 'service' | 'viewer' | 'otherAdmin';
/** Public routes whose authority is a signature in the URL (feed image URLs), not an API key. */
const SIGNED_ROUTES = ['/v1/content/{assetId}'];

const ROLES = ['admin', 'creator', 'service', 'viewer'] as const;
const CALLERS: Caller[] = ['none', ...ROLES, 'otherAdmin'];

interface Route {
  method: Method;
  path: string;
  roles: readonly string[] | 'public';
  hasPathId: boolean;
}

const BOARD_KEY = 'operator-key-for-the-queue-board-0123456789';
const BOARD_ROUTES: Route[] = [
  { method: 'GET', path: '/admin/queues', roles: [], hasPathId: false },
  { method: 'GET', path: '/admin/queues/api/queues', roles: [], hasPathId: false },
  { method: 'GET', path: '/admin/queues/api/redis/stats', roles: [], hasPathId: false },
  { method: 'PUT', path: '/admin/queues/api/queues/generation/empty', roles: [], hasPathId: false },
];

/**
 * Upserts by a client-chosen id: another workspace's PUT writes a user of its own (ids are per
 * workspace), so it succeeds, and workspace A's user must stay as it was.
 */
const CLIENT_ID_UPSERTS = new Set(['PUT /v1/users/{id}']);

describe.each(await availableDatabases())('authorization matrix from /docs/openapi.json (%s)', (kind) => {
  let app: TestApp;
  const keys: Partial<Record<Caller, string>> = {};
  /** The resource of workspace A each path's {id} names, by the path's first segment. */
  const OWNED_IDS: Record<string, string> = {};
  let routes: Route[] = [];
  let bodies: Record<string, unknown> = {};
  const userId = `user-of-a-${randomUUID()}`;

  beforeAll(async () => {
    // With its own queue processors on either database, so the generation job below finishes.
    app = await startTestApp(kind, { QUEUE_BOARD_KEY: BOARD_KEY, EMBEDDED_WORKER: 'true' });
    keys.admin = app.adminKey;
    for (const role of ['creator', 'service', 'viewer'] as const) {
      keys[role] = (await app.workspaces.createApiKey(app.workspaceId, { name: role, role })).secret;
    }
    keys.otherAdmin = (await app.workspaces.createWorkspace('Workspace B')).admin.secret;

    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#123456' } }).jpeg().toBuffer();
    const asset = (await app.request({ method: 'POST', url: '/v1/assets', ...multipartFile(jpeg, 'a.jpg', 'image/jpeg') })).json();
    const item = (await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Lemon risotto', body: 'Toast 320 g of rice.', category: 'recipes' } })).json();
    const segment = (
      await app.request({
        method: 'POST',
        url: '/v1/segments',
        body: {
          name: 'Seniors',
          rule: { attr: 'age', gte: 65 },
          style: { persona: 'Retired readers.', readingGrade: 6, targetWords: 80, tone: 'calm', format: 'steps', visual: { palette: ['#1f3a5f'] } },
        },
      })
    ).json();
    expect((await app.request({ method: 'PUT', url: `/v1/users/${userId}`, body: { attributes: { age: 70 } } })).statusCode).toBe(200);
    const variants = await app.request({
      method: 'POST',
      url: `/v1/items/${item.id}/variants/preview`,
      body: { segmentIds: [segment.id], kinds: ['text'], textEngine: 'template' },
    });
    expect(variants.statusCode).toBe(200);
    const spareKey = (await app.workspaces.createApiKey(app.workspaceId, { name: 'spare', role: 'viewer' })).apiKey;
    const job = await app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { items: { ids: [item.id] }, segmentIds: [segment.id], kinds: ['text'], engine: 'template' },
    });
    expect(job.statusCode).toBe(202);
    // Finished, so its progress stream (GET …/events) ends at once.
    for (let waited = 0; ; waited += 200) {
      const status = (await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.json().id}` })).json().status;
      if (status === 'completed') break;
      if (waited > 30_000) throw new Error(`generation job still ${status} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    Object.assign(OWNED_IDS, {
      items: item.id,
      assets: asset.id,
      segments: segment.id,
      users: userId,
      variants: JSON.stringify(variants.json()).match(/"id":"(var_[^"]+)"/)![1]!,
      'api-keys': spareKey.id,
      'generation-jobs': job.json().id,
    });
    bodies = {
      'PATCH /v1/items/{id}': { title: 'Renamed' },
      'PATCH /v1/segments/{id}': { name: 'Renamed' },
      'PUT /v1/users/{id}': { attributes: { age: 30 } },
      'PATCH /v1/variants/{id}': { status: 'approved' },
      'POST /v1/items/{id}/variants/preview': { segmentIds: [segment.id], kinds: ['text'], textEngine: 'template' },
      'POST /v1/items': { title: 'Another', category: 'recipes' },
      'POST /v1/segments/preview': { rule: { attr: 'age', gte: 65 } },
      'POST /v1/api-keys': { name: 'made in the matrix', role: 'viewer' },
      'POST /v1/users/bulk': { users: [{ id: 'bulk-1', attributes: {} }] },
      'POST /v1/events': { events: [{ id: `ev-${randomUUID()}`, userId, itemId: item.id, type: 'click' }] },
      'POST /v1/rank': { userId, candidateIds: [item.id], engine: 'classical' },
    };

    const document = (await app.request({ method: 'GET', url: '/docs/openapi.json', key: null })).json();
    for (const [path, operations] of Object.entries<Record<string, { 'x-roles': Route['roles'] }>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        routes.push({ method: method.toUpperCase() as Method, path, roles: operation['x-roles'], hasPathId: path.includes('{id}') });
      }
    }
    // Reads first and deletions last, so what one call changes does not decide another's answer.
    const order = (route: Route) => (route.method === 'GET' ? 0 : route.method === 'DELETE' ? 2 : 1);
    routes = routes.sort((a, b) => order(a) - order(b));
  }, 120_000);
  afterAll(() => app?.close());

  const urlOf = (route: Route) =>
    route.path.replace('{id}', () => {
      const resource = route.path.split('/')[2]!;
      const id = OWNED_IDS[resource];
      if (!id) throw new Error(`No owned id for ${route.path}: add one for "${resource}" to OWNED_IDS`);
      return id;
    });

  const call = (route: Route, caller: Caller) => {
    const body = bodies[`${route.method} ${route.path}`];
    return app.request({
      method: route.method,
      url: urlOf(route),
      key: caller === 'none' ? null : keys[caller]!,
      ...(body !== undefined ? { body } : {}),
    });
  };

  it('reads every route and the roles it declares from the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    for (const route of routes) expect(route.roles === 'public' || (Array.isArray(route.roles) && route.roles.length > 0)).toBe(true);
    expect(routes.filter((r) => r.roles === 'public').map((r) => r.path).sort()).toEqual([
      '/healthz',
      '/readyz',
      ...SIGNED_ROUTES,
    ]);
  });

  it('answers every route × caller as the declared roles imply', async () => {
    const wrong: string[] = [];
    const ownedIds = () => Object.entries(OWNED_IDS).filter(([resource]) => resource !== 'users').map(([, id]) => id);
    const check = async (route: Route, caller: Caller) => {
      const res = await call(route, caller);
      const label = `${route.method} ${route.path} as ${caller} → ${res.statusCode} ${res.body.slice(0, 120)}`;
      if (res.statusCode >= 500) return wrong.push(`server error: ${label}`);
      // A signed route ignores keys: without a valid signature it refuses every caller, admin included.
      if (SIGNED_ROUTES.includes(route.path)) {
        return [400, 403].includes(res.statusCode) || wrong.push(`signed route served without a signature: ${label}`);
      }
      if (route.roles === 'public') return res.statusCode === 200 || wrong.push(`public route refused: ${label}`);
      if (caller === 'none') return res.statusCode === 401 || wrong.push(`expected 401: ${label}`);
      const role = caller === 'otherAdmin' ? 'admin' : caller;
      if (!route.roles.includes(role)) {
        return (res.statusCode === 403 && res.json().code === 'FORBIDDEN') || wrong.push(`expected 403: ${label}`);
      }
      if (res.statusCode === 401 || res.statusCode === 403) return wrong.push(`allowed role refused: ${label}`);
      if (caller !== 'otherAdmin') return;
      // An id the caller sent may be echoed back ("Item itm_… not found"); any other is a leak.
      const sent = urlOf(route) + JSON.stringify(bodies[`${route.method} ${route.path}`] ?? '');
      const leaked = ownedIds().filter((id) => res.body.includes(id) && !sent.includes(id));
      if (leaked.length) wrong.push(`workspace A's ids ${leaked.join(', ')} leaked: ${label}`);
      if (route.hasPathId && !CLIENT_ID_UPSERTS.has(`${route.method} ${route.path}`)) {
        if (res.statusCode !== 404 || res.json().code !== 'NOT_FOUND') wrong.push(`expected 404 for A's id: ${label}`);
      }
    };
    // Callers that must be refused first, then the allowed ones (whose calls may change or delete).
    for (const route of routes) for (const caller of ['none', 'creator', 'service', 'viewer', 'otherAdmin'] as Caller[]) {
      const role = caller === 'otherAdmin' ? 'admin' : caller;
      if (caller === 'none' || route.roles === 'public' || !route.roles.includes(role) || caller === 'otherAdmin') await check(route, caller);
    }
    // Refused calls changed nothing: B's PUT wrote a user of B's own, not A's.
    const user = (await app.request({ method: 'GET', url: `/v1/users/${userId}` })).json();
    if (user.attributes?.age !== 70) wrong.push(`A's user changed by a call that should not reach it: ${JSON.stringify(user)}`);
    for (const route of routes) for (const caller of ROLES) {
      if (route.roles !== 'public' && route.roles.includes(caller)) await check(route, caller);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('keeps the queue board shut to every workspace key', async () => {
    for (const route of BOARD_ROUTES) {
      for (const caller of CALLERS) {
        const res = await app.request({ method: route.method, url: route.path, key: caller === 'none' ? null : keys[caller]! });
        expect({ route: route.path, caller, status: res.statusCode }).toEqual({ route: route.path, caller, status: 401 });
      }
      const operator = await app.request({ method: route.method, url: route.path, key: BOARD_KEY });
      expect(operator.statusCode).toBe(route.method === 'GET' ? 200 : 403);
    }
  });
});
