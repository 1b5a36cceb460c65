import { Logger } from '@nestjs/common';
import { demoSegments } from '@persona/demo-data';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { variants } from '../../src/db/schema.js';
import { toProblem } from '../../src/errors/problem.filter.js';
import { availableDatabases, startTestApp, type TestApp } from '../support/test-app.js';

/** What a forged cursor looks like: base64url of whatever JSON an attacker likes. */
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const FORGED_CURSORS: [string, string][] = [
  ['a date in year 275760', forge(['+275760-09-13T00:00:00.000Z', 'itm_x'])],
  ['a negative year', forge(['-000001-01-01T00:00:00.000Z', 'itm_x'])],
  ['year 0', forge(['0000-01-01T00:00:00.000Z', 'itm_x'])],
  ['a date that does not exist', forge(['2026-02-30T00:00:00.000Z', 'itm_x'])],
  ['a NUL in the id', forge(['2026-01-01T00:00:00.000Z', 'itm_\u0000'])],
  ['a lone surrogate in the id', forge(['2026-01-01T00:00:00.000Z', 'itm_\ud800'])],
  ['the wrong shape', forge({ createdAt: '2026-01-01T00:00:00.000Z', id: 'x' })],
  ['numbers', forge([1e308, -1])],
  ['not JSON', Buffer.from('hello').toString('base64url')],
  ['a huge cursor', 'A'.repeat(100_000)],
];

const problemOf = (res: { statusCode: number; headers: Record<string, unknown>; json(): any }) => ({
  status: res.statusCode,
  type: String(res.headers['content-type']).split(';')[0],
  code: res.json().code,
  path: res.json().errors?.[0]?.path,
});

async function seedWorkspace(app: TestApp, key: string) {
  const as = (options: Parameters<TestApp['request']>[0]) => app.request({ ...options, key });
  const item = (await as({ method: 'POST', url: '/v1/items', body: { title: 'Bread', body: 'Knead the dough.', category: 'recipes' } })).json();
  const other = (await as({ method: 'POST', url: '/v1/items', body: { title: 'Soup', body: 'Simmer.', category: 'recipes' } })).json();
  const segment = (await as({ method: 'POST', url: '/v1/segments', body: demoSegments()[0] })).json();
  const preview = await as({ method: 'POST', url: `/v1/items/${item.id}/variants/preview`, body: { segmentIds: [segment.id], textEngine: 'template' } });
  return { item, other, segment, variant: preview.json().items[0] };
}

describe.each(await availableDatabases())('bad input is a typed 4xx (%s)', (kind) => {
  let app: TestApp;
  let document: any;
  let mine: Awaited<ReturnType<typeof seedWorkspace>>;
  let theirs: Awaited<ReturnType<typeof seedWorkspace>>;
  let jobId: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    document = (await app.request({ method: 'GET', url: '/docs/openapi.json' })).json();
    mine = await seedWorkspace(app, app.adminKey);
    const other = await app.workspaces.createWorkspace('Other workspace');
    theirs = await seedWorkspace(app, other.admin.secret);
    await app.request({ method: 'POST', url: '/v1/segments', body: demoSegments()[1] });
    for (let i = 0; i < 3; i += 1) {
      await app.request({ method: 'POST', url: '/v1/items', body: { title: `Filler ${i}`, category: 'c' } });
      await app.request({ method: 'PUT', url: `/v1/users/u${i}`, body: { attributes: {} } });
    }
    // A second variant, so the variant list has a second page whatever the jobs below have written yet.
    await app.request({ method: 'POST', url: `/v1/items/${mine.other.id}/variants/preview`, body: { segmentIds: [mine.segment.id], textEngine: 'template' } });
    // Two jobs (so the job list has a second page), the second with two children.
    await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: [mine.item.id] }, segmentIds: [mine.segment.id] } });
    const job = await app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { items: { ids: [mine.item.id, mine.other.id] }, segmentIds: [mine.segment.id] },
    });
    jobId = job.json().id;
  });
  afterAll(() => app?.close());

  const operations = () =>
    Object.entries<any>(document.paths).flatMap(([path, methods]) =>
      Object.entries<any>(methods).map(([method, operation]) => ({
        path,
        method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
        operation,
      })),
    );

  it('answers a NUL in the id of every id route with a 400 naming params.id, and a lone surrogate with a 400 naming the url', async () => {
    const idRoutes = operations().filter(({ path }) => path.includes('{id}'));
    expect(idRoutes.length).toBeGreaterThanOrEqual(20);
    for (const { path, method, operation } of idRoutes) {
      const hasBody = operation.requestBody?.content?.['application/json'];
      for (const [id, where] of [['a%00b', 'params.id'], ['a%ED%A0%80b', 'url']] as const) {
        const res = await app.request({ method, url: path.replace('{id}', id), ...(hasBody ? { body: {} } : {}) });
        expect({ route: `${method} ${path}`, ...problemOf(res) }).toEqual({
          route: `${method} ${path}`,
          status: 400,
          type: 'application/problem+json',
          code: 'VALIDATION_FAILED',
          path: where,
        });
      }
    }
  });

  it.each([
    ['a NUL in a body field', '/v1/items', JSON.stringify({ title: 'a\u0000b', category: 'c' }), 'body.title'],
    ['a "\\u0000" escape in the JSON text', '/v1/items', '{"title":"ok","category":"c\\u0000"}', 'body.category'],
    ['a lone surrogate escape in an attribute', '/v1/items', '{"title":"ok","category":"c","attributes":{"k":"\\ud800"}}', 'body.attributes.k'],
    ['a NUL in an attribute key', '/v1/users/bulk', '{"users":[{"id":"u1","attributes":{"a\\u0000":1}}]}', 'body.users.0.attributes.a\\u0000'],
    ['a NUL in an event id', '/v1/events', '{"events":[{"id":"e\\u0000","userId":"u","itemId":"i","type":"view"}]}', 'body.events.0.id'],
  ])('answers %s with a 400 naming the field', async (_name, url, payload, path) => {
    const res = await app.request({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
    expect(problemOf(res)).toEqual({ status: 400, type: 'application/problem+json', code: 'VALIDATION_FAILED', path });
  });

  it.each([
    ['year 0 (PostgreSQL has none)', '0000-01-01T00:00:00Z'],
    ['year 1 (JavaScript would read it back as 2001)', '0001-01-01T00:00:00Z'],
    ['year 10000', '+010000-01-01T00:00:00Z'],
  ])('answers a date in %s with a 400 naming the field', async (_name, date) => {
    const item = await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Old', category: 'c', publishedAt: date } });
    expect(problemOf(item)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', path: 'body.publishedAt' });
    const event = await app.request({
      method: 'POST',
      url: '/v1/events',
      body: { events: [{ id: 'old', userId: 'u', itemId: mine.item.id, type: 'view', at: date }] },
    });
    expect(problemOf(event)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', path: 'body.events.0.at' });
  });

  it('stores a date in year 1000 and reads it back unchanged', async () => {
    const res = await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Old', category: 'c', publishedAt: '1000-06-01T00:00:00Z' } });
    expect(res.statusCode).toBe(201);
    expect((await app.request({ method: 'GET', url: `/v1/items/${res.json().id}` })).json().publishedAt).toBe('1000-06-01T00:00:00.000Z');
  });

  it('answers a NUL in a query filter or an API key header without a 5xx', async () => {
    const filter = await app.request({ method: 'GET', url: '/v1/items?category=a%00b' });
    expect(problemOf(filter)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', path: 'query.category' });
    const key = await app.request({ method: 'GET', url: '/v1/items', key: null, headers: { 'x-api-key': 'pk_\u0000' } });
    expect(problemOf(key)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers every forged cursor on every list route with a 400 naming query.cursor, and still pages with real ones', async () => {
    const listRoutes = operations().filter(({ operation }) => operation.parameters?.some((p: any) => p.name === 'cursor'));
    expect(listRoutes.length).toBeGreaterThanOrEqual(5);
    for (const { path } of listRoutes) {
      // The review queue lists drafts by default, and a test here may have decided one: page through every status.
      const url = `${path.replace('{id}', jobId)}${path === '/v1/variants' ? '?status=any&' : '?'}`;
      const first = (await app.request({ method: 'GET', url: `${url}limit=1` })).json();
      expect(first.nextCursor, url).toEqual(expect.any(String));
      const second = await app.request({ method: 'GET', url: `${url}limit=1&cursor=${first.nextCursor}` });
      expect(second.statusCode, url).toBe(200);
      expect(second.json().items[0]).not.toEqual(first.items[0]);
      for (const [name, cursor] of FORGED_CURSORS) {
        const res = await app.request({ method: 'GET', url: `${url}cursor=${cursor}` });
        expect({ url, name, ...problemOf(res) }).toEqual({
          url,
          name,
          status: 400,
          type: 'application/problem+json',
          code: 'VALIDATION_FAILED',
          path: 'query.cursor',
        });
      }
    }
  });

  it('refuses an edit that is only markup with a 400 naming the field, and lists a stored empty field', async () => {
    const edit = await app.request({ method: 'PATCH', url: `/v1/variants/${mine.variant.id}`, body: { text: { cta: '<b></b>' } } });
    expect(problemOf(edit)).toEqual({ status: 400, type: 'application/problem+json', code: 'VALIDATION_FAILED', path: 'body.text.cta' });
    const unchanged = (await app.request({ method: 'GET', url: `/v1/items/${mine.item.id}/variants` })).json();
    expect(unchanged.items[0].text.cta).toBe(mine.variant.text.cta);

    // A row stored before edits were checked: the list still answers, and the row can be repaired.
    await app.database.db
      .update(variants)
      .set({ text: { ...mine.variant.text, cta: '' } })
      .where(eq(variants.id, mine.variant.id));
    const listed = await app.request({ method: 'GET', url: `/v1/items/${mine.item.id}/variants` });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items[0].text.cta).toBe('');
    const repaired = await app.request({ method: 'PATCH', url: `/v1/variants/${mine.variant.id}`, body: { text: { cta: 'Bake it' } } });
    expect(repaired.statusCode).toBe(200);
    expect(repaired.json().text.cta).toBe('Bake it');
  });

  it('answers an edit that takes another item\'s externalId with a 409, not a unique-violation 500', async () => {
    await app.request({ method: 'PATCH', url: `/v1/items/${mine.item.id}`, body: { externalId: 'taken-1' } });
    const res = await app.request({ method: 'PATCH', url: `/v1/items/${mine.other.id}`, body: { externalId: 'taken-1' } });
    expect(problemOf(res)).toMatchObject({ status: 409, type: 'application/problem+json', code: 'CONFLICT' });
  });

  it("rejects events that credit another workspace's variant, or another item's, and keeps the rest", async () => {
    const event = (id: string, itemId: string, variantId: string) => ({ id, userId: 'u-events', itemId, type: 'click', variantId });
    const res = await app.request({
      method: 'POST',
      url: '/v1/events',
      body: {
        events: [
          event('e-theirs', mine.item.id, theirs.variant.id),
          event('e-other-item', mine.other.id, mine.variant.id),
          event('e-unknown', mine.item.id, 'var_missing'),
          event('e-good', mine.item.id, mine.variant.id),
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [0, 'NOT_FOUND'],
      [1, 'NOT_FOUND'],
      [2, 'NOT_FOUND'],
    ]);
  });

  it('logs a database error by its SQLSTATE and statement, never its parameters', async () => {
    let failure: unknown;
    try {
      await app.database.db.execute(sql`select ${'secret-value-42'}::int as n from ${variants} where ${variants.id} = ${'another-secret'}`);
    } catch (error) {
      failure = error;
    }
    expect(String((failure as Error).message) + String((failure as Error & { cause?: Error }).cause?.message)).toContain('secret-value-42');
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      expect(toProblem(failure)).toMatchObject({ status: 500, code: 'INTERNAL' });
      const line = logged.mock.calls.map((call) => String(call[0])).join('\n');
      expect(line).toContain('SQLSTATE 22P02');
      expect(line).toContain('select … from variants');
      expect(line).not.toContain('secret-value-42');
      expect(line).not.toContain('another-secret');
    } finally {
      logged.mockRestore();
    }
  });
});
