import { describe, expect, it } from 'vitest';
import { fitRecommender, RecommenderError, type RecommenderModel } from '../src/index.js';
import { CATALOG, interactionsFor, NOW } from './fixtures.js';

async function fitted(): Promise<RecommenderModel> {
  return fitRecommender({ items: CATALOG, interactions: interactionsFor(), now: NOW });
}

describe('classical recommender', () => {
  it('recommends what similar users liked, never what the user already consumed', async () => {
    const model = await fitted();
    const newCook = 'new-cook';
    model.observe({ userId: newCook, itemId: 'pasta-1', type: 'like', at: NOW });
    const result = await model.recommend({ userId: newCook, limit: 4 });

    expect(result.engine).toBe('classical');
    expect(result.fallbackReason).toBeNull();
    const ids = result.items.map((i) => i.itemId);
    expect(ids).not.toContain('pasta-1');
    expect(ids[0]).toBe('pasta-2');
    const top = result.items[0];
    expect(top?.sources).toEqual(expect.arrayContaining(['item_cf', 'transition']));
    expect(['similar_to', 'next_after']).toContain(top?.explanation.kind);
    expect(top?.explanation.relatedItemId).toBe('pasta-1');
    expect(top?.explanation.text).toContain('Fresh egg pasta by hand');
  });

  it('recalls a brand-new item with no interactions through content similarity', async () => {
    const model = await fitted();
    const result = await model.recommend({ userId: 'cook-0', limit: 5 });
    const fresh = result.items.find((i) => i.itemId === 'pasta-new');
    expect(fresh).toBeDefined();
    expect(fresh?.sources).toEqual(['content']);
  });

  it('puts the next part of a series first after the previous part', async () => {
    const model = await fitted();
    model.observe({ userId: 'reader', itemId: 'series-1', type: 'view', at: NOW });
    model.observe({ userId: 'reader', itemId: 'series-2', type: 'view', at: NOW + 1000 });
    const result = await model.recommend({ userId: 'reader', limit: 3 });
    expect(result.items[0]?.itemId).toBe('series-3');
    expect(result.items[0]?.sources).toContain('transition');
    expect(result.items[0]?.explanation).toMatchObject({ kind: 'next_after', relatedItemId: 'series-2' });
  });

  it('serves an unknown user popular items, explained by their segment when the caller passes one', async () => {
    const model = await fitted();
    const plain = await model.recommend({ userId: 'stranger', limit: 3 });
    expect(plain.coldStart).toBe(true);
    expect(plain.items[0]?.itemId).toBe('viral');
    expect(plain.items[0]?.explanation.kind).toBe('popular');

    const segment = { name: 'Home cooks', itemPopularity: { viral: 30, 'pasta-1': 12 } };
    const withSegment = await model.recommend({ userId: 'stranger', limit: 3, segment });
    expect(withSegment.items[0]?.explanation).toEqual({ kind: 'popular_with_segment', text: 'Popular with Home cooks' });
  });

  it('applies exclusion filters, MMR diversity and the freshness boost', async () => {
    const model = await fitted();
    const excluded = await model.recommend({
      userId: 'stranger',
      limit: 10,
      rerank: { excludeCategories: ['recipes'], excludeTags: ['HACKS'], excludeItemIds: ['run-1'] },
    });
    const ids = excluded.items.map((i) => i.itemId);
    expect(ids.some((id) => id.startsWith('pasta') || id === 'viral' || id === 'run-1')).toBe(false);

    const cook = 'cook-0';
    const focused = await model.recommend({ userId: cook, limit: 3, rerank: { diversityLambda: 1 } });
    const diverse = await model.recommend({ userId: cook, limit: 3, rerank: { diversityLambda: 0.3 } });
    const categories = (r: typeof focused) => new Set(r.items.map((i) => CATALOG.find((c) => c.id === i.itemId)?.category)).size;
    expect(categories(diverse)).toBeGreaterThan(categories(focused));

    const fresh = await model.recommend({ userId: 'stranger', limit: 1, rerank: { freshnessBoost: 2, freshnessHalfLifeDays: 2 } });
    expect(fresh.items[0]?.itemId).toBe('pasta-new');
  });

  it('ranks platform-supplied candidates, keeping unknown ids at the end', async () => {
    const model = await fitted();
    const result = await model.rank('runner-1', ['series-1', 'not-in-catalog', 'pasta-2', 'run-3', 'run-3']);
    const ids = result.items.map((i) => i.itemId);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe('run-3');
    expect(ids[3]).toBe('not-in-catalog');
    expect(result.items[3]).toMatchObject({ score: 0, sources: [], explanation: { kind: 'new_item' } });
  });

  it('folds observed events in between refits and reports what it ignored', async () => {
    const model = await fitted();
    expect(model.observe({ userId: 'u', itemId: 'nope', type: 'view', at: NOW })).toEqual({ applied: false, reason: 'unknown_item' });
    expect(model.observe({ userId: 'u', itemId: 'run-1', type: 'view', at: Number.NaN })).toEqual({ applied: false, reason: 'invalid_event' });
    expect(model.observe({ userId: 'runner-1', itemId: 'run-3', type: 'dismiss', at: NOW })).toEqual({ applied: true });
    const after = await model.recommend({ userId: 'runner-1', limit: 10 });
    expect(after.items.map((i) => i.itemId)).not.toContain('run-3');
    expect(model.stats().observedSinceFit).toBe(1);
  });

  it('reports fit time, memory and counts', async () => {
    const model = await fitted();
    const stats = model.stats();
    expect(stats).toMatchObject({ items: CATALOG.length, users: 66, interactions: interactionsFor().length, fittedAt: NOW });
    expect(stats.fitMs).toBeGreaterThan(0);
    expect(stats.memoryBytes).toBeGreaterThan(0);
    expect(stats.itemCfPairs).toBeGreaterThan(0);
    expect(stats.transitionPairs).toBeGreaterThan(0);
  });

  it('skips events it cannot use instead of scoring with them', async () => {
    const undated = { ...CATALOG[0], id: 'undated', publishedAt: Number.NaN } as (typeof CATALOG)[number];
    const events = [
      ...interactionsFor(),
      { userId: 'odd', itemId: 'run-1', type: 'teleport' as never, at: NOW },
      { userId: 'odd', itemId: 'ghost', type: 'view' as const, at: NOW },
    ];
    const model = await fitRecommender({ items: [...CATALOG, undated], interactions: events, now: NOW });
    expect(model.stats().interactions).toBe(interactionsFor().length);
    const result = await model.recommend({ userId: 'cook-1', limit: 12, rerank: { freshnessBoost: 1 } });
    expect(result.items.every((i) => Number.isFinite(i.score))).toBe(true);
  });

  it('rejects an empty catalog and a bad limit with typed errors', async () => {
    await expect(fitRecommender({ items: [], interactions: [], now: NOW })).rejects.toMatchObject({ reason: 'EMPTY_CATALOG', code: 'CONFLICT' });
    const model = await fitted();
    await expect(model.recommend({ userId: 'x', limit: 0 })).rejects.toBeInstanceOf(RecommenderError);
  });
});
