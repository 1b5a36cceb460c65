import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

describe.each(await availableDatabases())("an item's event counts (%s)", (kind) => {
  let app: TestApp;
  let itemId: string;
  let otherItemId: string;
  let viewerKey: string;
  beforeAll(async () => {
    app = await startTestApp(kind);
    const create = (title: string) => app.request({ method: 'POST', url: '/v1/items', body: { title, category: 'recipes' } });
    itemId = (await create('Counted')).json().id;
    otherItemId = (await create('Elsewhere')).json().id;
    viewerKey = (await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: 'viewer', role: 'viewer' } })).json().secret;
    const events = [
      ...['view', 'view', 'view', 'click', 'purchase'].map((type, i) => ({ id: `e${i}`, userId: `u${i % 2}`, itemId, type })),
      { id: 'other', userId: 'u1', itemId: otherItemId, type: 'click' },
    ];
    const ingest = await app.request({ method: 'POST', url: '/v1/events', body: { events } });
    expect(ingest.json().accepted).toBe(6);
  });
  afterAll(() => app.close());

  it('counts each type for that item only, with zeros for types never seen', async () => {
    const res = await app.request({ method: 'GET', url: `/v1/events/counts?itemId=${itemId}`, key: viewerKey });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      itemId,
      counts: { view: 3, click: 1, like: 0, share: 0, purchase: 1, dismiss: 0, impression: 0, conversion: 0 },
      total: 5,
    });
  });

  it('answers 404 for an unknown item and 400 without one', async () => {
    const unknown = await app.request({ method: 'GET', url: '/v1/events/counts?itemId=itm_nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
    const missing = await app.request({ method: 'GET', url: '/v1/events/counts' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('query.itemId');
  });
});
