import { describe, expect, it } from 'vitest';
import { StatisticalUserModel } from '@persona/recommender';
import { runSimulation } from '../sim/simulation.runner.js';

describe('closed-loop simulator', () => {
  it('drives the real API: every served choice is logged, every simulated click credited once', async () => {
    const { days, logged } = await runSimulation({
      policy: 'thompson', seed: 3, users: 30, days: 2, items: 6, feedSize: 4, explorationFloor: 0.1, model: new StatisticalUserModel(), concurrency: 4,
    });
    expect(days).toHaveLength(2);
    for (const day of days) {
      expect(day.decisions).toBeGreaterThan(0);
      expect(day.expectedClicks).toBeGreaterThan(0);
      expect(day.expectedClicks).toBeLessThan(day.decisions);
      expect(day.controlClicks).toBeGreaterThan(0);
    }
    expect(logged.exposures).toBe(days.reduce((n, d) => n + d.decisions, 0));
    expect(logged.clicks).toBe(days.reduce((n, d) => n + d.clicks, 0));
    expect(logged.clicks).toBeGreaterThan(0);
  }, 240_000);
});
