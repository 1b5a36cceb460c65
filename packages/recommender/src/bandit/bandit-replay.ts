import { sampleBeta, type Uniform } from './beta-sampler.js';
import { posteriorOf } from './bandit-arm.js';
import { withPooledPriors, type FamilyCounts } from './pooled-prior.js';

export interface ReplayTest {
  /** Each arm's true click probability. */
  armMeans: readonly number[];
  /** Decisions per day. */
  perDay: number;
  /**
   * The segment a test belongs to: with `pooledPriorStrength`, arm i of every test of a segment is
   * one family (the original, then each style), and learns from the others (withPooledPriors).
   */
  pool?: string;
}

export interface ReplayOptions {
  days: number;
  explorationFloor: number;
  random: Uniform;
  /** Pooled priors across a segment's tests, worth at most this many exposures; 0 or absent: Beta(1, 1). */
  pooledPriorStrength?: number;
}

export interface ReplayDay {
  decisions: number;
  /** Sums of the served arms' click probabilities, of the best arms', and of uniform's. */
  expected: number;
  oracle: number;
  uniform: number;
}

/**
 * Thompson sampling with an exploration floor, replayed offline on Bernoulli arms with every
 * outcome learned at once (no batching, no lag): the best a per-test Thompson policy can do with
 * this much traffic. With probability `floor` an arm is drawn uniformly, otherwise the arm with
 * the largest draw from its Beta(1 + clicks, 1 + non-clicks) posterior — the same distribution the
 * API serves from (armProbabilities, then sampleArm), without its Monte Carlo estimate.
 */
export function replayThompson(tests: readonly ReplayTest[], options: ReplayOptions): ReplayDay[] {
  const { random } = options;
  const state = tests.map((test) => test.armMeans.map(() => ({ clicks: 0, misses: 0 })));
  const families = new Map<string, FamilyCounts[]>();
  const familiesOf = (test: ReplayTest) => {
    if (!test.pool || !options.pooledPriorStrength) return null;
    let counts = families.get(test.pool);
    if (!counts) families.set(test.pool, (counts = []));
    while (counts.length < test.armMeans.length) counts.push({ successes: 0, failures: 0 });
    return counts;
  };
  const days: ReplayDay[] = [];
  for (let day = 0; day < options.days; day++) {
    const result: ReplayDay = { decisions: 0, expected: 0, oracle: 0, uniform: 0 };
    tests.forEach((test, t) => {
      const arms = state[t]!;
      const pool = familiesOf(test);
      const best = Math.max(...test.armMeans);
      const mean = test.armMeans.reduce((a, b) => a + b, 0) / test.armMeans.length;
      for (let n = 0; n < test.perDay; n++) {
        let chosen = 0;
        if (random() < options.explorationFloor) chosen = Math.min(arms.length - 1, Math.floor(random() * arms.length));
        else {
          let top = -1;
          const banditArms = arms.map((arm, i) => ({ id: String(i), successes: arm.clicks, failures: arm.misses }));
          const withPriors = pool ? withPooledPriors(banditArms, pool, options.pooledPriorStrength ?? 0) : banditArms;
          withPriors.forEach((arm, i) => {
            const { alpha, beta } = posteriorOf(arm);
            const draw = sampleBeta(alpha, beta, random);
            if (draw > top) [top, chosen] = [draw, i];
          });
        }
        const p = test.armMeans[chosen]!;
        const click = random() < p;
        if (click) arms[chosen]!.clicks += 1;
        else arms[chosen]!.misses += 1;
        if (pool) {
          if (click) pool[chosen]!.successes += 1;
          else pool[chosen]!.failures += 1;
        }
        result.decisions += 1;
        result.expected += p;
        result.oracle += best;
        result.uniform += mean;
      }
    });
    days.push(result);
  }
  return days;
}
