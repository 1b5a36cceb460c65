import { matchesRule, type TSegmentRule } from '@persona/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

/** A deterministic spread of attributes, including missing and oddly typed ones. */
function population(n: number) {
  const locales = ['en-US', 'en-GB', 'es-ES', 'de-DE'];
  const interests = ['cooking', 'travel', 'fitness', 'gardening', 'finance'];
  return Array.from({ length: n }, (_, i) => ({
    id: `u-${i}`,
    attributes: {
      ...(i % 17 === 0 ? {} : { age: 18 + ((i * 37) % 70) }),
      locale: locales[i % locales.length]!,
      interests: interests.filter((_, j) => (i >> j) % 2 === 1),
      device: i % 3 === 0 ? 'mobile' : i % 3 === 1 ? 'tablet' : 'desktop',
      ...(i % 11 === 0 ? { age: 'unknown' } : {}),
      premium: i % 4 === 0,
    },
  }));
}

const rules: TSegmentRule[] = [
  { attr: 'age', gte: 65 },
  { all: [{ attr: 'age', gte: 18 }, { attr: 'age', lte: 29 }] },
  { attr: 'locale', eq: 'es-ES' },
  { attr: 'locale', contains: 'en' },
  { attr: 'device', in: ['tablet', 'desktop'] },
  { attr: 'interests', contains: 'cooking' },
  { attr: 'premium', eq: true },
  { not: { attr: 'age', gte: 30 } },
  { any: [{ attr: 'interests', contains: 'fitness' }, { not: { attr: 'device', eq: 'mobile' } }] },
  { attr: 'nonexistent', eq: 'x' },
];

describe.each(await availableDatabases())('audience (%s)', (kind) => {
  let app: TestApp;
  const users = population(600);
  beforeAll(async () => {
    app = await startTestApp(kind);
    const res = await app.request({ method: 'POST', url: '/v1/users/bulk', body: { users } });
    expect(res.json()).toEqual({ upserted: 600 });
  });
  afterAll(() => app.close());

  it.each(rules.map((rule) => [JSON.stringify(rule), rule] as const))(
    'previews %s with the same users as the reference evaluator',
    async (_label, rule) => {
      const expected = users.filter((u) => matchesRule(rule, u.attributes)).map((u) => u.id).sort();
      const res = await app.request({ method: 'POST', url: '/v1/segments/preview', body: { rule, sampleSize: 200 } });
      expect(res.statusCode).toBe(200);
      const preview = res.json();
      expect(preview.total).toBe(600);
      expect(preview.matched).toBe(expected.length);
      expect(preview.sample.map((u: { id: string }) => u.id)).toEqual(expected.slice(0, 200));
    },
  );

  it('creates, previews, patches and deletes a segment; a bad rule is a 400 naming the field', async () => {
    const body = {
      name: 'Young adults',
      rule: { all: [{ attr: 'age', gte: 18 }, { attr: 'age', lte: 29 }] },
      style: {
        persona: 'Busy 20-somethings who skim on their phones.',
        readingGrade: 8,
        targetWords: 60,
        tone: 'playful',
        format: 'bullets',
        emoji: 'sparse',
        visual: { palette: ['#ff5a5f', '#00a699'], channelFormats: ['story', 'square'] },
      },
    };
    const created = await app.request({ method: 'POST', url: '/v1/segments', body });
    expect(created.statusCode).toBe(201);
    const segment = created.json();
    expect(segment).toMatchObject({ priority: 100, description: '', style: { locale: 'en-US', mustAvoid: [] } });

    const preview = (await app.request({ method: 'GET', url: `/v1/segments/${segment.id}/preview?sampleSize=3` })).json();
    expect(preview.sample).toHaveLength(3);
    expect(preview.matched).toBe(users.filter((u) => matchesRule(body.rule, u.attributes)).length);

    const patched = (await app.request({ method: 'PATCH', url: `/v1/segments/${segment.id}`, body: { priority: 500 } })).json();
    expect(patched).toMatchObject({ priority: 500, name: 'Young adults', description: '' });

    const bad = await app.request({ method: 'POST', url: '/v1/segments', body: { ...body, rule: { attr: 'age', between: [1, 2] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/^body\.rule/);

    expect((await app.request({ method: 'DELETE', url: `/v1/segments/${segment.id}` })).statusCode).toBe(204);
  });

  it('upserts users: later attributes replace earlier ones', async () => {
    await app.request({ method: 'PUT', url: '/v1/users/u-1', body: { attributes: { age: 71, locale: 'fr-FR' } } });
    expect((await app.request({ method: 'GET', url: '/v1/users/u-1' })).json().attributes).toEqual({ age: 71, locale: 'fr-FR' });
    expect((await app.request({ method: 'GET', url: '/v1/users/nobody' })).statusCode).toBe(404);
  });

  it('does not count a retried event batch twice, rejects unknown items and creates unseen users', async () => {
    const item = (await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Clickable', category: 'c' } })).json();
    const batch = {
      events: [
        { id: 'ev-1', userId: 'u-5', itemId: item.id, type: 'view' },
        { id: 'ev-2', userId: 'newcomer', itemId: item.id, type: 'click', at: '2026-11-01T10:00:00Z' },
        { id: 'ev-3', userId: 'u-5', itemId: 'itm_missing', type: 'click' },
        { id: 'ev-1', userId: 'u-5', itemId: item.id, type: 'view' },
      ],
    };
    const first = (await app.request({ method: 'POST', url: '/v1/events', body: batch })).json();
    expect(first).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(first.rejected).toEqual([{ index: 2, id: 'ev-3', code: 'NOT_FOUND', detail: 'unknown item itm_missing' }]);
    const retry = (await app.request({ method: 'POST', url: '/v1/events', body: batch })).json();
    expect(retry).toMatchObject({ accepted: 0, duplicates: 3 });
    expect((await app.request({ method: 'GET', url: '/v1/users/newcomer' })).statusCode).toBe(200);
  });
});
