import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const recipe = {
  externalId: 'r-1',
  title: 'Lemon risotto',
  body: 'Toast 320 g of arborio rice, then add 1.2 litres of stock over 18 minutes.',
  category: 'recipes',
  tags: ['italian', 'vegetarian'],
};

describe.each(await availableDatabases())('catalog (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  it('creates, reads, patches and deletes an item', async () => {
    const created = await app.request({ method: 'POST', url: '/v1/items', body: recipe });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ ...recipe, imageAssetId: null, attributes: {} });

    const patched = await app.request({ method: 'PATCH', url: `/v1/items/${item.id}`, body: { title: 'Lemon & pea risotto' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Lemon & pea risotto', body: recipe.body, tags: recipe.tags });

    expect((await app.request({ method: 'DELETE', url: `/v1/items/${item.id}` })).statusCode).toBe(204);
    const gone = await app.request({ method: 'GET', url: `/v1/items/${item.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('rejects an invalid body with the failing fields, and malformed JSON, as problem+json', async () => {
    const invalid = await app.request({ method: 'POST', url: '/v1/items', body: { title: '', tags: 'x' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    const paths = invalid.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.category', 'body.tags']));

    const malformed = await app.request({
      method: 'POST',
      url: '/v1/items',
      payload: '{"title": "oops",',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'MALFORMED_JSON', status: 400 });
  });

  it('rejects a duplicate externalId with 409 and an unknown image asset with 400', async () => {
    await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'dup' } });
    const again = await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'dup' } });
    expect(again.statusCode).toBe(409);
    const badAsset = await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'a', imageAssetId: 'ast_nope' } });
    expect(badAsset.statusCode).toBe(400);
    expect(badAsset.json().detail).toContain('ast_nope');
  });

  it('pages with a cursor and filters by category, tag and text', async () => {
    const lines = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({
        externalId: `page-${i}`,
        title: i % 5 === 0 ? `Alpine hiking route ${i}` : `Weeknight pasta ${i}`,
        body: i % 5 === 0 ? 'A 14 km ridge walk above Chamonix.' : 'Boil 200 g of spaghetti for 9 minutes.',
        category: i % 5 === 0 ? 'travel' : 'recipes',
        tags: i % 2 === 0 ? ['even'] : ['odd'],
      }),
    );
    const imported = await app.request({
      method: 'POST',
      url: '/v1/items/import',
      payload: lines.join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(imported.json()).toMatchObject({ created: 25, failed: 0 });

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json(): { items: { id: string }[]; nextCursor: string | null } } = await app.request({
        method: 'GET',
        url: `/v1/items?category=recipes&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(page.statusCode).toBe(200);
      for (const item of page.json().items) seen.add(item.id);
      cursor = page.json().nextCursor;
    } while (cursor);
    const allRecipes = (await app.request({ method: 'GET', url: '/v1/items?category=recipes&limit=500' })).json().items;
    expect(seen.size).toBe(allRecipes.length);

    const travel = (await app.request({ method: 'GET', url: '/v1/items?q=ridge%20walk' })).json().items;
    expect(travel.map((i: { category: string }) => i.category)).toEqual(Array(5).fill('travel'));
    const odd = (await app.request({ method: 'GET', url: '/v1/items?tag=odd&limit=500' })).json().items;
    expect(odd.every((i: { tags: string[] }) => i.tags.includes('odd'))).toBe(true);
    expect(odd).toHaveLength(12);

    const badCursor = await app.request({ method: 'GET', url: '/v1/items?cursor=garbage' });
    expect(badCursor.statusCode).toBe(400);
  });
});
