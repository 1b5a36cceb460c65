import { describe, expect, it } from 'vitest';
import { evaluate, generateSyntheticDataset, tuneBlend } from '../src/index.js';

const options = { items: 300, users: 400, interactions: 8_000, seed: 3 };

describe('synthetic dataset', () => {
  it('is deterministic per seed, sized as asked, and carries structure the classical ranker learns', async () => {
    const dataset = generateSyntheticDataset(options);
    expect(generateSyntheticDataset(options)).toEqual(dataset);
    expect(dataset.items).toHaveLength(300);
    expect(dataset.interactions.length).toBeGreaterThan(7_500);
    expect(dataset.interactions.length).toBeLessThanOrEqual(8_000);
    expect(new Set(dataset.interactions.map((e) => e.userId)).size).toBe(400);

    const report = await evaluate(dataset, { engines: ['popularity', 'classical'], protocols: ['full'] });
    const [popularity, classical] = report.runs.map((r) => r.metrics.ndcg10) as [number, number];
    expect(classical).toBeGreaterThan(popularity);
  }, 60_000);
});

describe('tuneBlend', () => {
  it('never ends below the validation score of the weights it started from', async () => {
    const tuning = await tuneBlend(generateSyntheticDataset(options), { rounds: 1, maxUsers: 200 });
    expect(tuning.tunedNdcg10).toBeGreaterThanOrEqual(tuning.baselineNdcg10);
    expect(tuning.blend.item_cf).toBe(1);
    expect(tuning.steps.length).toBeGreaterThan(20);
    const best = Math.max(tuning.baselineNdcg10, ...tuning.steps.map((s) => s.ndcg10));
    expect(tuning.tunedNdcg10).toBe(best);
  }, 60_000);
});
