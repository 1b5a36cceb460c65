import { matchesRule, type TSegmentInput } from '@persona/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainStyle } from './support/plain-style.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const style = plainStyle(120);

/** Overlapping rules: an older and a newer segment share a priority, a third outranks both for some users. */
const segmentInputs: TSegmentInput[] = [
  { name: 'Adults', description: '', priority: 100, rule: { attr: 'age', gte: 18 }, style },
  { name: 'Cooks', description: '', priority: 100, rule: { attr: 'interests', contains: 'cooking' }, style },
  { name: 'Seniors', description: '', priority: 300, rule: { attr: 'age', gte: 65 }, style },
];

const users = Array.from({ length: 40 }, (_, i) => ({
  id: `${i % 2 === 0 ? 'Member' : 'guest'}-${String(i).padStart(2, '0')}`,
  attributes: { ...(i % 5 === 0 ? {} : { age: 10 + i * 2 }), interests: i % 3 === 0 ? ['cooking'] : ['travel'] },
}));

describe.each(await availableDatabases())('users list with segments (%s)', (kind) => {
  let app: TestApp;
  const created: { id: string; name: string; priority: number; rule: TSegmentInput['rule'] }[] = [];

  beforeAll(async () => {
    app = await startTestApp(kind);
    // One at a time, so creation order (the tie-break) is the array's order.
    for (const input of segmentInputs) created.push((await app.request({ method: 'POST', url: '/v1/segments', body: input })).json());
    await app.request({ method: 'POST', url: '/v1/users/bulk', body: { users } });
    // The feed needs a catalog to rank.
    for (const title of ['Lentil soup', 'Night train to Vienna', 'Ten-minute stretch']) {
      await app.request({ method: 'POST', url: '/v1/items', body: { title, category: 'misc', body: title } });
    }
  });
  afterAll(() => app.close());

  /** The documented precedence: highest priority first, the older segment on a tie. */
  function expectedSegment(attributes: Record<string, unknown>) {
    const ordered = [...created].sort((a, b) => b.priority - a.priority);
    return ordered.find((s) => matchesRule(s.rule, attributes as never)) ?? null;
  }

  it('gives each user the segment the feed would assign, across keyset pages', async () => {
    const seen: { id: string; segment: { id: string; name: string } | null }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await app.request({ method: 'GET', url: `/v1/users?${query}` });
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((u) => u.id).sort()).toEqual(users.map((u) => u.id).sort());
    for (const user of seen) {
      const expected = expectedSegment(users.find((u) => u.id === user.id)!.attributes);
      expect(user.segment, user.id).toEqual(expected ? { id: expected.id, name: expected.name } : null);
    }
    // Every branch of the precedence is exercised: a tie won by the older, a higher priority, and none.
    const names = new Set(seen.map((u) => u.segment?.name ?? null));
    expect(names).toEqual(new Set(['Adults', 'Cooks', 'Seniors', null]));
    const adultCook = seen.find((u) => u.id === 'Member-06')!;
    expect(adultCook.segment?.name).toBe('Adults');

    // The feed assigns the same segments to the same users.
    for (const id of ['Member-06', 'Member-28', 'Member-00']) {
      const listed = seen.find((u) => u.id === id)!;
      const feed = await app.request({ method: 'GET', url: `/v1/users/${id}/recommendations` });
      expect(feed.statusCode).toBe(200);
      expect(feed.json().segment, id).toEqual(listed.segment);
    }
  });

  it('finds users by a part of their id, ignoring case, and pages the matches', async () => {
    const first = (await app.request({ method: 'GET', url: '/v1/users?q=MEMBER&limit=15' })).json();
    expect(first.items).toHaveLength(15);
    expect(first.items.every((u: { id: string }) => u.id.startsWith('Member-'))).toBe(true);
    const rest = (await app.request({ method: 'GET', url: `/v1/users?q=MEMBER&limit=15&cursor=${encodeURIComponent(first.nextCursor)}` })).json();
    expect(rest.items).toHaveLength(5);
    expect(rest.nextCursor).toBeNull();
    // LIKE wildcards are plain characters here.
    expect((await app.request({ method: 'GET', url: '/v1/users?q=%25' })).json().items).toEqual([]);
    expect((await app.request({ method: 'GET', url: '/v1/users?q=_' })).json().items).toEqual([]);
  });

  it('refuses an unbounded or empty search as a typed 400', async () => {
    for (const q of ['x'.repeat(201), '   ']) {
      const res = await app.request({ method: 'GET', url: `/v1/users?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('query.q');
    }
  });
});
