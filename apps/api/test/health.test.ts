import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

describe.each(await availableDatabases())('health and docs (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  it('answers /healthz without a key', async () => {
    const res = await app.request({ method: 'GET', url: '/healthz', key: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('reports database and Redis readiness', async () => {
    const res = await app.request({ method: 'GET', url: '/readyz', key: null });
    expect(res.json().checks.database.ok).toBe(true);
    expect(res.json().checks.redis.ok).toBe(true);
    expect(res.statusCode).toBe(200);
  });

  it('serves an OpenAPI document generated from the contracts', async () => {
    const res = await app.request({ method: 'GET', url: '/docs/openapi.json', key: null });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/items'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ItemInput',
    );
    expect(doc.components.schemas.Item.required).toContain('title');
    const ui = await app.request({ method: 'GET', url: '/docs/', key: null });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('answers unknown routes with problem+json 404', async () => {
    const res = await app.request({ method: 'GET', url: '/v1/nope', key: null });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });
});

describe('readiness when Redis is gone', () => {
  let redis: PrivateRedis;
  let app: TestApp;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    app = await startTestApp('pglite', { REDIS_URL: redis.url, EMBEDDED_WORKER: 'false' });
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await redis.stop();
  }, 60_000);

  it('answers 503 naming the dependency, without its error text, and keeps serving requests', async () => {
    expect((await app.request({ method: 'GET', url: '/readyz', key: null })).statusCode).toBe(200);
    await redis.kill();
    const res = await app.request({ method: 'GET', url: '/readyz', key: null });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not_ready', checks: { database: { ok: true }, redis: { ok: false, detail: 'redis did not answer' } } });
    expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|connect|closed|stream|writeable/i);
    expect(res.body).not.toContain(String(redis.port));
    // The per-key rate limit lives in Redis too; without it requests are let through, not refused.
    expect((await app.request({ method: 'GET', url: '/healthz', key: null })).statusCode).toBe(200);
    expect((await app.request({ method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    // …and ready again once Redis is back (the queues then also close cleanly).
    await redis.restart();
    await expect.poll(async () => (await app.request({ method: 'GET', url: '/readyz', key: null })).statusCode, { timeout: 20_000, interval: 250 }).toBe(200);
  }, 40_000);
});
