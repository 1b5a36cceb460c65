import { generateDemoDataset } from '@persona/demo-data';
import { describe, expect, it } from 'vitest';
import { evaluate, leaveLastOut, toMarkdown, type EvaluationDataset, type Interaction } from '../src/index.js';

function demoDataset(): EvaluationDataset {
  const demo = generateDemoDataset();
  return {
    name: 'demo',
    items: demo.items.map((item) => ({ id: item.externalId, title: item.title, body: item.body, category: item.category, tags: item.tags, publishedAt: Date.parse(item.publishedAt) })),
    interactions: demo.interactions.map((e) => ({ userId: e.userId, itemId: e.itemExternalId, type: e.type, at: Date.parse(e.at) })),
  };
}

describe('evaluation harness', () => {
  it('holds out each user’s newest positive event and trains on the rest', () => {
    const events: Interaction[] = [
      { userId: 'a', itemId: 'x', type: 'view', at: 3 },
      { userId: 'a', itemId: 'y', type: 'view', at: 1 },
      { userId: 'a', itemId: 'z', type: 'dismiss', at: 9 },
      { userId: 'b', itemId: 'x', type: 'view', at: 2 },
      { userId: 'c', itemId: 'x', type: 'view', at: 1 },
      { userId: 'c', itemId: 'x', type: 'like', at: 5 },
    ];
    const split = leaveLastOut(events, { seed: 1 });
    expect(split.cases).toEqual([{ userId: 'a', targetItemId: 'x', trainItems: new Set(['y']) }]);
    expect(split.train).toHaveLength(5);
    expect(split.now).toBe(9);
  });

  it('on demo data, full ranking: classical NDCG@10 beats popularity by ≥1.3× and plain ItemKNN by ≥1.05×', async () => {
    const report = await evaluate(demoDataset(), { engines: ['popularity', 'itemknn', 'classical'], protocols: ['full', 'listwise20'], maxUsers: 800 });
    const ndcg = (engine: string, protocol = 'full') => report.runs.find((r) => r.engine === engine && r.protocol === protocol)?.metrics.ndcg10 ?? 0;
    expect(ndcg('classical')).toBeGreaterThanOrEqual(1.3 * ndcg('popularity'));
    expect(ndcg('classical')).toBeGreaterThanOrEqual(1.05 * ndcg('itemknn'));
    expect(ndcg('classical', 'listwise20')).toBeGreaterThan(ndcg('itemknn', 'listwise20'));
    for (const run of report.runs) {
      expect(run.metrics.users).toBe(800);
      expect(run.metrics.hr10).toBeGreaterThanOrEqual(run.metrics.ndcg10);
      expect(run.metrics.coverage).toBeGreaterThan(0);
    }
    expect(toMarkdown(report)).toMatch(/\| full \| classical \| 0\.\d{4} .*\| \d+\.\d\d× \|/);
  });
});
