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

  // The harness is deterministic (seeded split, seeded samples, deterministic fits), so these are
  // exact figures on 800 of the demo data's users, seed 7. Measured: classical NDCG@10 = 4.89×
  // popularity, 2.78× plain ItemKNN, 2.44× tuned ItemKNN; tuned ItemKNN 1.14× plain; without the
  // transition source 1.37× plain ItemKNN; list-wise 20 1.13× tuned ItemKNN. Each floor sits about
  // 10 % below its figure: room for a deliberate change of the demo data or the defaults, while a
  // regression of one source or of the blend shows. (All users: `npm run eval:rec -- --dataset demo`.)
  const users = 800;

  it('on demo data, full ranking: classical NDCG@10 stays near its measured lead over popularity and both ItemKNN baselines', async () => {
    const report = await evaluate(demoDataset(), {
      engines: ['popularity', 'itemknn', 'itemknn-tuned', 'classical'],
      protocols: ['full', 'listwise20'],
      maxUsers: users,
    });
    const ndcg = (engine: string, protocol = 'full') => report.runs.find((r) => r.engine === engine && r.protocol === protocol)?.metrics.ndcg10 ?? 0;
    expect(ndcg('classical')).toBeGreaterThanOrEqual(4.4 * ndcg('popularity'));
    expect(ndcg('classical')).toBeGreaterThanOrEqual(2.5 * ndcg('itemknn'));
    expect(ndcg('classical')).toBeGreaterThanOrEqual(2.2 * ndcg('itemknn-tuned'));
    // The classical engine's shrinkage, event weights and recency make item-item CF better on its own.
    expect(ndcg('itemknn-tuned')).toBeGreaterThanOrEqual(1.05 * ndcg('itemknn'));
    expect(ndcg('classical', 'listwise20')).toBeGreaterThanOrEqual(1.03 * ndcg('itemknn-tuned', 'listwise20'));
    for (const run of report.runs) {
      expect(run.metrics.users).toBe(users);
      expect(run.metrics.hr10).toBeGreaterThanOrEqual(run.metrics.ndcg10);
      expect(run.metrics.coverage).toBeGreaterThan(0);
    }
    expect(toMarkdown(report)).toMatch(/\| full \| classical \| 0\.\d{4} .*\| \d+\.\d\d× \| \d+\.\d\d× \| \d+\.\d\d× \|/);
  }, 60_000);

  it('on demo data without the transition source, the blend still leads plain ItemKNN', async () => {
    const report = await evaluate(demoDataset(), {
      engines: ['itemknn', 'classical'],
      protocols: ['full'],
      maxUsers: users,
      config: { blend: { transition: 0 } },
    });
    const ndcg = (engine: string) => report.runs.find((r) => r.engine === engine)?.metrics.ndcg10 ?? 0;
    expect(ndcg('classical')).toBeGreaterThanOrEqual(1.25 * ndcg('itemknn'));
  }, 60_000);
});
