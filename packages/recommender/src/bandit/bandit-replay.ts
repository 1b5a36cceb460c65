import { sampleBeta, type Uniform } from './beta-sampler.js';
import { PRIOR } from './bandit-arm.js';

export interface ReplayTest {
  /** Each arm's true click probability. */
  armMeans: readonly number[];
  /** Decisions per day. */
  perDay: number;
}

export interface ReplayOptions {
  days: number;
  explorationFloor: number;
  random: Uniform;
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
  const days: ReplayDay[] = [];
  for (let day = 0; day < options.days; day++) {
    const result: ReplayDay = { decisions: 0, expected: 0, oracle: 0, uniform: 0 };
    tests.forEach((test, t) => {
      const arms = state[t]!;
      const best = Math.max(...test.armMeans);
      const mean = test.armMeans.reduce((a, b) => a + b, 0) / test.armMeans.length;
      for (let n = 0; n < test.perDay; n++) {
        let chosen = 0;
        if (random() < options.explorationFloor) chosen = Math.min(arms.length - 1, Math.floor(random() * arms.length));
        else {
          let top = -1;
          arms.forEach((arm, i) => {
            const draw = sampleBeta(PRIOR.alpha + arm.clicks, PRIOR.beta + arm.misses, random);
            if (draw > top) [top, chosen] = [draw, i];
          });
        }
        const p = test.armMeans[chosen]!;
        if (random() < p) arms[chosen]!.clicks += 1;
        else arms[chosen]!.misses += 1;
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
