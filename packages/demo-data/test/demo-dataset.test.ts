import { createHash } from 'node:crypto';
import { ZEventTypeSchema, ZItemImportRowSchema, ZUserUpsertSchema } from '@persona/shared';
import { describe, expect, it } from 'vitest';
import { generateDemoDataset } from '../src/index.js';

const dataset = generateDemoDataset();
const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('generateDemoDataset sizes and validity', () => {
  it('meets the default sizes', () => {
    expect(dataset.items.length).toBeGreaterThanOrEqual(300);
    expect(dataset.users.length).toBeGreaterThanOrEqual(2000);
    expect(dataset.interactions.length).toBeGreaterThanOrEqual(50_000);
    expect(dataset.segments.length).toBeGreaterThanOrEqual(5);
    expect(new Set(dataset.items.map((i) => i.category)).size).toBeGreaterThanOrEqual(5);
  });

  it('writes unique titles and long, fact-bearing bodies that the API accepts', () => {
    expect(new Set(dataset.items.map((i) => i.title)).size).toBe(dataset.items.length);
    expect(new Set(dataset.items.map((i) => i.externalId)).size).toBe(dataset.items.length);
    for (const item of dataset.items) {
      expect(item.body.split(/\s+/).length, item.title).toBeGreaterThanOrEqual(120);
      expect((item.body.match(/\d+/g) ?? []).length, item.title).toBeGreaterThanOrEqual(5);
      expect(item.tags.length).toBeGreaterThan(0);
      ZItemImportRowSchema.parse(item);
    }
  });

  it('does not repeat the same body opening across a category', () => {
    for (const category of new Set(dataset.items.map((i) => i.category))) {
      const bodies = dataset.items.filter((i) => i.category === category).map((i) => i.body);
      expect(new Set(bodies).size).toBe(bodies.length);
      const firstSentences = new Set(bodies.map((b) => b.split('. ')[0]));
      expect(firstSentences.size, category).toBeGreaterThan(bodies.length / 3);
    }
  });

  it('gives users plausible, API-valid attributes with a real age spread', () => {
    for (const user of dataset.users) ZUserUpsertSchema.parse(user);
    const ages = dataset.users.map((u) => u.attributes.age);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(90);
    const share = (predicate: (age: number) => boolean) => ages.filter(predicate).length / ages.length;
    expect(share((a) => a >= 65)).toBeGreaterThan(0.12);
    expect(share((a) => a <= 29)).toBeGreaterThan(0.15);
    expect(new Set(dataset.users.map((u) => u.attributes.locale))).toContain('es-ES');
    expect(new Set(dataset.users.map((u) => u.attributes.device))).toEqual(new Set(['mobile', 'tablet', 'desktop']));
  });

  it('keeps interactions referentially valid, unique and in time order per user', () => {
    const userIds = new Set(dataset.users.map((u) => u.id));
    const items = new Map(dataset.items.map((i) => [i.externalId, i]));
    expect(new Set(dataset.interactions.map((e) => e.id)).size).toBe(dataset.interactions.length);
    const lastAt = new Map<string, string>();
    const problems: string[] = [];
    for (const event of dataset.interactions) {
      const item = items.get(event.itemExternalId);
      if (!userIds.has(event.userId)) problems.push(`${event.id}: unknown user`);
      if (!item) problems.push(`${event.id}: unknown item`);
      if (!ZEventTypeSchema.safeParse(event.type).success) problems.push(`${event.id}: bad type`);
      if (item && event.at < item.publishedAt) problems.push(`${event.id}: before the item was published`);
      if (event.at >= '2025-06-01T12:00:00.000Z') problems.push(`${event.id}: not before now`);
      if (event.at <= (lastAt.get(event.userId) ?? '')) problems.push(`${event.id}: out of order`);
      lastAt.set(event.userId, event.at);
    }
    expect(problems).toEqual([]);
    expect(lastAt.size).toBe(dataset.users.length);
  });

  it('is mostly views and clicks, with some likes, shares and purchases', () => {
    const counts = new Map<string, number>();
    for (const e of dataset.interactions) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    const share = (type: string) => (counts.get(type) ?? 0) / dataset.interactions.length;
    expect(share('view') + share('click')).toBeGreaterThan(0.7);
    for (const type of ['like', 'share', 'purchase']) expect(share(type)).toBeGreaterThan(0.01);
  });

  it('has a skewed item popularity and a series structure users follow', () => {
    const perItem = new Map<string, number>();
    for (const e of dataset.interactions) perItem.set(e.itemExternalId, (perItem.get(e.itemExternalId) ?? 0) + 1);
    const sorted = [...perItem.values()].sort((a, b) => b - a);
    const top10Percent = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((a, b) => a + b, 0);
    expect(top10Percent / dataset.interactions.length).toBeGreaterThan(0.25);

    const position = new Map(dataset.items.map((i) => [i.externalId, `${i.attributes.seriesId}#${i.attributes.seriesPart}`]));
    let nextPartFollows = 0;
    for (let i = 1; i < dataset.interactions.length; i++) {
      const [previous, current] = [dataset.interactions[i - 1], dataset.interactions[i]];
      if (previous?.userId !== current?.userId) continue;
      const [series, part] = (position.get(previous?.itemExternalId ?? '') ?? '').split('#');
      if (position.get(current?.itemExternalId ?? '') === `${series}#${Number(part) + 1}`) nextPartFollows++;
    }
    expect(nextPartFollows / dataset.interactions.length).toBeGreaterThan(0.1);
  });
});

describe('generateDemoDataset reproducibility', () => {
  it('returns byte-identical output for the same options', () => {
    const options = { seed: 7, items: 120, users: 300, interactions: 4000 };
    expect(hashOf(generateDemoDataset(options))).toBe(hashOf(generateDemoDataset(options)));
    expect(hashOf(generateDemoDataset())).toBe(hashOf(dataset));
  });

  it('changes with the seed and honours the requested sizes and now', () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const small = generateDemoDataset({ seed: 8, items: 120, users: 300, interactions: 4000, now });
    expect(hashOf(small)).not.toBe(hashOf(generateDemoDataset({ seed: 7, items: 120, users: 300, interactions: 4000, now })));
    expect([small.items.length, small.users.length, small.interactions.length]).toEqual([120, 300, 4000]);
    expect(small.interactions.every((e) => e.at < now.toISOString())).toBe(true);
    expect(small.items.every((i) => i.publishedAt < now.toISOString())).toBe(true);
  });
});
