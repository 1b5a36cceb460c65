import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
