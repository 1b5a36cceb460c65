import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from './support/multipart.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const segment = {
  name: 'Seniors',
  rule: { attr: 'age', gte: 65 },
  style: {
    persona: 'Retired readers who like clear, calm instructions.',
    readingGrade: 6,
    targetWords: 80,
    tone: 'calm',
    format: 'steps',
    visual: { palette: ['#1f3a5f'], fontScale: 1.6 },
  },
};

describe.each(await availableDatabases())('auth and workspace isolation (%s)', (kind) => {
  let app: TestApp;
  let otherKey: string;
  const ids: Record<string, string> = {};
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp(kind);
    otherKey = (await app.workspaces.createWorkspace('Other workspace')).admin.secret;
    for (const role of ['creator', 'service', 'viewer'] as const) {
      const res = await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: role, role } });
      expect(res.statusCode).toBe(201);
      keys[role] = res.json().secret;
    }
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#123456' } }).jpeg().toBuffer();
    ids.asset = (await app.request({ method: 'POST', url: '/v1/assets', ...multipartFile(jpeg, 'a.jpg', 'image/jpeg') })).json().id;
    ids.item = (await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Mine', category: 'c' } })).json().id;
    ids.segment = (await app.request({ method: 'POST', url: '/v1/segments', body: segment })).json().id;
    await app.request({ method: 'PUT', url: '/v1/users/u-1', body: { attributes: { age: 70 } } });
    ids.key = (await app.request({ method: 'GET', url: '/v1/api-keys' })).json()[1].id;
  });
  afterAll(() => app.close());

  it('answers 401 without a key, with an unknown key, and with a revoked key', async () => {
    expect((await app.request({ method: 'GET', url: '/v1/items', key: null })).json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await app.request({ method: 'GET', url: '/v1/items', key: 'pk_nope' })).statusCode).toBe(401);
    const temp = (await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: 'temp', role: 'viewer' } })).json();
    expect((await app.request({ method: 'GET', url: '/v1/items', key: temp.secret })).statusCode).toBe(200);
    expect((await app.request({ method: 'DELETE', url: `/v1/api-keys/${temp.apiKey.id}` })).statusCode).toBe(200);
    expect((await app.request({ method: 'GET', url: '/v1/items', key: temp.secret })).statusCode).toBe(401);
  });

  it('never returns secrets when listing keys, and stores them hashed', async () => {
    const listed = (await app.request({ method: 'GET', url: '/v1/api-keys' })).body;
    for (const secret of [app.adminKey, ...Object.values(keys)]) expect(listed).not.toContain(secret);
    const me = (await app.request({ method: 'GET', url: '/v1/me', key: keys.viewer })).json();
    expect(me.apiKey.role).toBe('viewer');
    expect(me.workspace.id).toBe(app.workspaceId);
  });

  it.each([
    ['viewer', 'POST', '/v1/items', { title: 'x', category: 'c' }, 403],
    ['viewer', 'GET', '/v1/items', undefined, 200],
    ['service', 'POST', '/v1/items', { title: 'x', category: 'c' }, 403],
    ['service', 'POST', '/v1/segments', segment, 403],
    ['service', 'GET', '/v1/items', undefined, 403],
    ['service', 'POST', '/v1/users/bulk', { users: [{ id: 'u-2', attributes: {} }] }, 200],
    ['service', 'GET', '/v1/api-keys', undefined, 403],
    ['creator', 'POST', '/v1/items', { title: 'x', category: 'c' }, 201],
    ['creator', 'POST', '/v1/api-keys', { name: 'n', role: 'admin' }, 403],
    ['viewer', 'POST', '/v1/events', { events: [] }, 403],
  ] as const)('a %s key: %s %s → %s', async (role, method, url, body, status) => {
    const res = await app.request({ method, url, key: keys[role]!, ...(body ? { body } : {}) });
    expect(res.statusCode).toBe(status);
    if (status === 403) expect(res.json().code).toBe('FORBIDDEN');
  });

  it('lets service keys send events, crediting only items of their own workspace', async () => {
    const res = await app.request({
      method: 'POST',
      url: '/v1/events',
      key: keys.service!,
      body: { events: [{ id: 'e-1', userId: 'u-1', itemId: ids.item, type: 'click' }] },
    });
    expect(res.json()).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });
    const foreign = await app.request({
      method: 'POST',
      url: '/v1/events',
      key: otherKey,
      body: { events: [{ id: 'e-1', userId: 'u-1', itemId: ids.item, type: 'click' }] },
    });
    expect(foreign.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, code: 'NOT_FOUND' }] });
  });

  it.each([
    ['GET', '/v1/items/{item}'],
    ['PATCH', '/v1/items/{item}', { title: 'stolen' }],
    ['DELETE', '/v1/items/{item}'],
    ['GET', '/v1/assets/{asset}'],
    ['GET', '/v1/assets/{asset}/content'],
    ['GET', '/v1/segments/{segment}'],
    ['GET', '/v1/segments/{segment}/preview'],
    ['PATCH', '/v1/segments/{segment}', { name: 'stolen' }],
    ['DELETE', '/v1/segments/{segment}'],
    ['GET', '/v1/users/u-1'],
    ['DELETE', '/v1/api-keys/{key}'],
  ] as const)("another workspace's key gets 404 for %s %s", async (method, template, body?: object) => {
    const url = template.replace(/\{(\w+)\}/, (_m, name: string) => ids[name]!);
    const res = await app.request({ method, url, key: otherKey, ...(body ? { body } : {}) });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    // …and the owner still sees it untouched.
    if (template.startsWith('/v1/api-keys')) {
      const listed = (await app.request({ method: 'GET', url: '/v1/api-keys' })).json();
      expect(listed.find((k: { id: string }) => k.id === ids.key).revokedAt).toBeNull();
    } else {
      const own = await app.request({ method: 'GET', url: url.replace(/\/preview$/, '') });
      expect(own.statusCode).toBe(200);
    }
  });
});
