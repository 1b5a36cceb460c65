import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfflineOpenApiDocument } from '../src/openapi/offline-document.js';
import type { buildOpenApiDocument } from '../src/openapi/openapi.document.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Operation = { operationId: string; tags: string[] };

function operations(document: { paths: Record<string, Record<string, unknown>> }) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, ...(operation as Operation) })),
  );
}

describe('OpenAPI document', () => {
  let app: TestApp;
  let served: ReturnType<typeof buildOpenApiDocument>;
  beforeAll(async () => {
    app = await startTestApp('pglite');
    served = (await app.request({ method: 'GET', url: '/docs/openapi.json', key: null })).json();
  });
  afterAll(() => app.close());

  it('gives every operation its own id, so a generated client cannot mistake one for another', () => {
    const ids = operations(served).map((o) => o.operationId);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(duplicates).toEqual([]);
    expect(ids.length).toBeGreaterThan(30);
  });

  it('names operations after their controller and handler, and tags them by controller', () => {
    const byRoute = new Map(operations(served).map((o) => [`${o.method} ${o.path}`, o]));
    expect(byRoute.get('get /v1/api-keys')).toMatchObject({ operationId: 'apiKeys_list', tags: ['api-keys'] });
    expect(byRoute.get('get /v1/items/{id}/variants')).toMatchObject({ operationId: 'variants_listForItem', tags: ['variants'] });
    expect(byRoute.get('get /v1/items')).toMatchObject({ operationId: 'items_list', tags: ['items'] });
    expect(byRoute.get('get /healthz')).toMatchObject({ operationId: 'health_health', tags: ['health'] });
    for (const operation of byRoute.values()) expect(operation.operationId).toMatch(/^[a-z][A-Za-z]*_[a-z][A-Za-z]*$/);
  });

  it('is the same document when built from the module metadata alone (no server), as the client generator does', () => {
    expect(JSON.parse(JSON.stringify(buildOfflineOpenApiDocument()))).toEqual(served);
  });
});
