import { describe, expect, it } from 'vitest';
import {
  ArmProbabilityCache,
  armFromCounts,
  armProbabilities,
  chiSquaredSurvival,
  chiSquaredTest,
  compareArms,
  logGamma,
  sampleArm,
  sampleBeta,
  sampleGamma,
  seededUniform,
  wilsonInterval,
  DEFAULT_POLICY_OPTIONS,
  estimateOffPolicy,
  powerLawExponent,
  replayTargetProbabilities,
  replayThompson,
  stateKey,
  withPooledPriors,
  type BanditArm,
  type LoggedDecision,
} from '../src/index.js';

function moments(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

/** Exact P(pB > pA) for independent Betas with integer alphaB (Evan Miller's formula). */
function probabilityBBeatsA(aA: number, bA: number, aB: number, bB: number): number {
  const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);
  let total = 0;
  for (let i = 0; i < aB; i++) total += Math.exp(logBeta(aA + i, bB + bA) - Math.log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA));
  return total;
}

describe('beta and gamma samplers', () => {
  it('match the moments of Beta(3, 7) and Gamma(0.5)', () => {
    const random = seededUniform(7);
    const beta = moments(Array.from({ length: 40_000 }, () => sampleBeta(3, 7, random)));
    expect(beta.mean).toBeCloseTo(0.3, 2);
    expect(beta.variance).toBeCloseTo((3 * 7) / (100 * 11), 3);
    const gamma = moments(Array.from({ length: 40_000 }, () => sampleGamma(0.5, random)));
    expect(gamma.mean).toBeCloseTo(0.5, 1);
    expect(gamma.variance).toBeCloseTo(0.5, 1);
  });

  it('repeat from a seed', () => {
    const a = seededUniform('seed');
    const b = seededUniform('seed');
    expect(Array.from({ length: 5 }, () => sampleBeta(2, 5, a))).toEqual(Array.from({ length: 5 }, () => sampleBeta(2, 5, b)));
  });

  it('refuse a shape that is not positive', () => {
    expect(() => sampleGamma(0, seededUniform(1))).toThrow(RangeError);
  });
});

describe('arm probabilities', () => {
  const arms: BanditArm[] = [armFromCounts('control', 1000, 50), armFromCounts('var_a', 1000, 100, 10), armFromCounts('var_b', 1000, 52, 20)];

  it('uniform splits evenly and fixed serves the most recently approved variant', () => {
    expect(armProbabilities('uniform', arms)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(armProbabilities('fixed', arms)).toEqual([0, 0, 1]);
    expect(armProbabilities('fixed', [armFromCounts('control', 0, 0)])).toEqual([1]);
  });

  it('thompson favours the better arm, keeps the exploration floor, sums to one and repeats for the same state', () => {
    const p = armProbabilities('thompson', arms, { explorationFloor: 0.15, draws: 2000 });
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p[1]).toBeGreaterThan(0.85);
    for (const share of p) expect(share).toBeGreaterThanOrEqual(0.05 - 1e-12);
    expect(armProbabilities('thompson', arms, { explorationFloor: 0.15, draws: 2000 })).toEqual(p);
  });

  it('thompson without a floor matches the exact two-arm probability to within Monte Carlo error', () => {
    const two = [armFromCounts('a', 100, 10), armFromCounts('b', 100, 16)];
    const exact = probabilityBBeatsA(11, 91, 17, 85);
    const p = armProbabilities('thompson', two, { explorationFloor: 0, draws: 20_000 });
    expect(Math.abs(p[1]! - exact)).toBeLessThan(0.015);
  });

  it('sampling an arm follows the vector', () => {
    const random = seededUniform(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[sampleArm([0.2, 0.5, 0.3], random)]! += 1;
    expect(counts[0]! / 30_000).toBeCloseTo(0.2, 1);
    expect(counts[1]! / 30_000).toBeCloseTo(0.5, 1);
    expect(sampleArm([0, 0, 1], () => 0.999999999)).toBe(2);
  });

  it('a simulated thompson loop ends up serving the best arm most', () => {
    const truth = [0.04, 0.08, 0.05];
    const random = seededUniform(11);
    const state = truth.map((_, i) => ({ id: `arm${i}`, successes: 0, failures: 0 }));
    const served = [0, 0, 0];
    for (let round = 0; round < 4000; round++) {
      const p = armProbabilities('thompson', state, { explorationFloor: 0.05, draws: 200 });
      const arm = sampleArm(p, random);
      if (round >= 3000) served[arm]! += 1;
      if (random() < truth[arm]!) state[arm]!.successes += 1;
      else state[arm]!.failures += 1;
    }
    expect(served[1]! / 1000).toBeGreaterThan(0.6);
  });

  it('replayed with enough traffic per test, thompson reaches 90% of the oracle on the last day with sublinear regret; with a tenth of it, it cannot', () => {
    // Three arms per test as in the simulator (control and two variants), the best at 7%, the others at 60% and 43% of it.
    const tests = (perDay: number) => Array.from({ length: 10 }, (_, t) => ({ armMeans: [0.07, 0.042, 0.03].map((_, i, m) => m[(i + t) % 3]!), perDay }));
    const summary = (perDay: number, floor: number) => {
      const days = replayThompson(tests(perDay), { days: 12, explorationFloor: floor, random: seededUniform(`replay/${perDay}/${floor}`) });
      let regret = 0;
      const last = days.at(-1)!;
      return { share: last.expected / last.oracle, uniform: last.uniform / last.oracle, exponent: powerLawExponent(days.map((d, i) => ({ x: i + 1, y: (regret += d.oracle - d.expected) }))) };
    };
    const plenty = summary(400, 0.1);
    expect(plenty.share).toBeGreaterThanOrEqual(0.9);
    expect(plenty.exponent).toBeLessThan(0.85);
    const scarce = summary(40, 0.1);
    expect(scarce.share).toBeLessThan(0.9);
    expect(scarce.share).toBeGreaterThan(scarce.uniform);
  });

  it('with the scarce traffic, pooling a segment\'s tests (one style wins on every item) lifts the last day past 90%', () => {
    // Ten items of one segment: arm 1's style is the best on each, at an item-specific level (the item effect).
    const tests = Array.from({ length: 10 }, (_, t) => ({ armMeans: [0.6, 1, 0.43].map((m) => m * (0.04 + 0.01 * t)), perDay: 40, pool: 'seniors' }));
    const share = (pooledPriorStrength: number) => {
      const shares = [1, 2, 3, 4, 5].map((seed) => {
        const last = replayThompson(tests, { days: 12, explorationFloor: 0.1, pooledPriorStrength, random: seededUniform(`pooled/${seed}/${pooledPriorStrength}`) }).at(-1)!;
        return last.expected / last.oracle;
      });
      return shares.reduce((a, b) => a + b, 0) / shares.length;
    };
    const alone = share(0);
    const pooled = share(100);
    expect(alone).toBeLessThan(0.9);
    expect(pooled).toBeGreaterThanOrEqual(0.9);
  });
});

describe('pooled priors', () => {
  const arm = (id: string, successes: number, failures: number) => ({ id, successes, failures });

  it('leave arms without a family, or a family with no evidence beyond the arm itself, on Beta(1, 1)', () => {
    const arms = [arm('control', 2, 18), arm('v1', 1, 9)];
    expect(withPooledPriors(arms, [null, null], 100)).toEqual(arms);
    // The family's only evidence is this test's own: subtracted, nothing is left.
    expect(withPooledPriors(arms, [{ successes: 2, failures: 18 }, { successes: 1, failures: 9 }], 100)).toEqual(arms);
    expect(withPooledPriors(arms, [{ successes: 20, failures: 180 }, { successes: 10, failures: 90 }], 0)).toEqual(arms);
  });

  it('start each arm at the test\'s own level times its family\'s lift, worth at most the strength or the evidence', () => {
    // Elsewhere in the segment control clicks 5% and the variant's style 10%; this test has seen nothing.
    const pools = [{ successes: 50, failures: 950 }, { successes: 100, failures: 900 }];
    const [control, variant] = withPooledPriors([arm('control', 0, 0), arm('v1', 0, 0)], pools, 30);
    const mean = (a: { prior?: { alpha: number; beta: number } }) => (a.prior!.alpha - 1) / (a.prior!.alpha + a.prior!.beta - 2);
    expect(control!.prior!.alpha + control!.prior!.beta - 2).toBeCloseTo(30, 10);
    expect(mean(variant!) / mean(control!)).toBeCloseTo(101 / 1002 / (51 / 1002), 6);
    // A test whose item everyone clicks keeps the family's lift at its own, higher, level.
    // (The pools count this test too: the same evidence elsewhere plus its own 100 exposures per arm.)
    const hotPools = [{ successes: 90, failures: 1010 }, { successes: 140, failures: 960 }];
    const [hotControl, hotVariant] = withPooledPriors([arm('control', 40, 60), arm('v1', 40, 60)], hotPools, 30);
    expect(mean(hotControl!)).toBeGreaterThan(mean(control!) * 2);
    expect(mean(hotVariant!) / mean(hotControl!)).toBeCloseTo(mean(variant!) / mean(control!), 6);
    // Little evidence is worth only what it is: 10 exposures elsewhere, a prior of 10.
    const [thin] = withPooledPriors([arm('control', 0, 0), arm('v1', 0, 0)], [{ successes: 1, failures: 9 }, { successes: 50, failures: 950 }], 30);
    expect(thin!.prior!.alpha + thin!.prior!.beta - 2).toBeCloseTo(10, 10);
  });

  it('make thompson lean to the pooled winner before the test has data, and are part of the cached state', () => {
    const pools = [{ successes: 50, failures: 950 }, { successes: 100, failures: 900 }];
    const arms = withPooledPriors([arm('control', 0, 0), arm('v1', 0, 0)], pools, 100);
    const [pControl, pVariant] = armProbabilities('thompson', arms, { explorationFloor: 0, draws: 2000 });
    expect(pVariant!).toBeGreaterThan(0.85);
    expect(pControl!).toBeLessThan(0.15);
    expect(stateKey(arms)).not.toBe(stateKey([arm('control', 0, 0), arm('v1', 0, 0)]));
    // Arm ids are not: two new tests share one vector.
    expect(stateKey([arm('control', 0, 0), arm('v1', 0, 0)])).toBe(stateKey([arm('control', 0, 0), arm('v9', 0, 0)]));
  });
});

describe('interval statistics', () => {
  it('wilson interval matches published values', () => {
    const { low, high } = wilsonInterval(10, 100);
    expect(low).toBeCloseTo(0.0552, 4);
    expect(high).toBeCloseTo(0.1744, 4);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(wilsonInterval(0, 20).low).toBe(0);
  });

  it('chi-squared survival matches the tables', () => {
    expect(chiSquaredSurvival(3.841459, 1)).toBeCloseTo(0.05, 5);
    expect(chiSquaredSurvival(5.991465, 2)).toBeCloseTo(0.05, 5);
    expect(chiSquaredSurvival(11.0705, 5)).toBeCloseTo(0.05, 4);
    expect(chiSquaredSurvival(0.5, 3)).toBeCloseTo(0.918891, 5);
  });

  it('a sample-ratio test flags a 52/48 split of 10,000 and not a 50/50 one', () => {
    expect(chiSquaredTest([5000, 5000], [1, 1]).pValue).toBe(1);
    const skewed = chiSquaredTest([5200, 4800], [1, 1]);
    expect(skewed.statistic).toBeCloseTo(16, 10);
    expect(skewed.pValue).toBeCloseTo(6.334e-5, 7);
  });
});

describe('posterior comparison', () => {
  it('gives an uplift interval around zero for equal arms and above zero for a clearly better one', () => {
    const arms = [armFromCounts('control', 2000, 100), armFromCounts('same', 2000, 100), armFromCounts('better', 2000, 160)];
    const [control, same, better] = compareArms(arms, 'control', 4000, seededUniform(5));
    expect(control!.uplift).toBeNull();
    expect(same!.uplift!.low).toBeLessThan(0);
    expect(same!.uplift!.high).toBeGreaterThan(0);
    expect(better!.uplift!.low).toBeGreaterThan(0);
    expect(better!.uplift!.estimate).toBeCloseTo(0.6, 1);
    expect(better!.probabilityToBeBest).toBeGreaterThan(0.99);
    expect(control!.probabilityToBeBest + same!.probabilityToBeBest + better!.probabilityToBeBest).toBeCloseTo(1, 10);
  });
});

describe('off-policy estimates', () => {
  // Logged by a uniform test over two arms with true click rates 0.05 and 0.12.
  const random = seededUniform(21);
  const truth: Record<string, number> = { control: 0.05, var_b: 0.12 };
  const log: LoggedDecision[] = Array.from({ length: 20_000 }, (_, i) => {
    const arm = random() < 0.5 ? 'control' : 'var_b';
    return { testKey: 'item/segment', arm, propensity: 0.5, reward: random() < truth[arm]! ? 1 : 0, servedAt: i };
  });

  it('recover the click rate of a policy that always serves the better arm, and of the logging policy itself', () => {
    const fixed = replayTargetProbabilities(log, 'fixed', DEFAULT_POLICY_OPTIONS, new Map([['var_b', 1]]));
    const report = estimateOffPolicy(log, fixed);
    for (const estimate of [report.ips, report.snips]) {
      expect(estimate.low).toBeLessThan(0.12);
      expect(estimate.high).toBeGreaterThan(0.12);
      expect(estimate.high - estimate.low).toBeLessThan(0.02);
    }
    expect(report.effectiveSampleSize).toBeCloseTo(log.filter((d) => d.arm === 'var_b').length, 6);
    const uniform = estimateOffPolicy(log, replayTargetProbabilities(log, 'uniform', DEFAULT_POLICY_OPTIONS));
    expect(uniform.ips.estimate).toBeCloseTo(uniform.logged.estimate, 10);
    expect(uniform.snips.estimate).toBeCloseTo(uniform.logged.estimate, 10);
  });

  it('estimate thompson between the two arms and above uniform, as it learns from the replayed log', () => {
    const head = log.slice(0, 4000);
    const uniform = estimateOffPolicy(head, replayTargetProbabilities(head, 'uniform', DEFAULT_POLICY_OPTIONS));
    const thompson = estimateOffPolicy(head, replayTargetProbabilities(head, 'thompson', { explorationFloor: 0.1, draws: 200 }));
    expect(thompson.snips.estimate).toBeGreaterThan(uniform.snips.estimate + 0.015);
    expect(thompson.snips.estimate).toBeLessThan(0.13);
  }, 60_000);
});

describe('arm probability cache', () => {
  it('serves exact counts while they are small and one vector for a busy state that moves a little', () => {
    const cache = new ArmProbabilityCache();
    const options = { explorationFloor: 0.1, draws: 1000 };
    const small = [armFromCounts('control', 40, 2), armFromCounts('var', 40, 5)];
    expect(cache.get('thompson', small, options)).toEqual(armProbabilities('thompson', small, options));
    const busy = [armFromCounts('control', 6400, 320), armFromCounts('var', 6400, 384)];
    const moved = [armFromCounts('control', 6430, 321), armFromCounts('var', 6410, 385)];
    expect(cache.get('thompson', moved, options)).toBe(cache.get('thompson', busy, options));
    // Rounding moves the answer less than the Monte Carlo error of the exact state.
    const exact = armProbabilities('thompson', moved, options);
    cache.get('thompson', moved, options).forEach((p, i) => expect(Math.abs(p - exact[i]!)).toBeLessThan(0.05));
  });
});

describe('arm probability cache with a refresh interval', () => {
  it('reuses a test vector within the interval while its arms are the same, and recomputes for a new arm set', () => {
    const cache = new ArmProbabilityCache(100, 60_000);
    const options = { explorationFloor: 0.1, draws: 500 };
    const first = cache.forTest('itm/seg', 'thompson', [armFromCounts('control', 10, 1), armFromCounts('var', 10, 6)], options);
    const later = cache.forTest('itm/seg', 'thompson', [armFromCounts('control', 11, 1), armFromCounts('var', 12, 6)], options);
    expect(later).toBe(first);
    const grown = cache.forTest('itm/seg', 'thompson', [armFromCounts('control', 11, 1), armFromCounts('var', 12, 6), armFromCounts('var2', 0, 0)], options);
    expect(grown).toHaveLength(3);
    expect(new ArmProbabilityCache(100, 0).forTest('x', 'thompson', [armFromCounts('a', 11, 1), armFromCounts('b', 12, 6)], options)).toEqual(
      armProbabilities('thompson', [armFromCounts('a', 11, 1), armFromCounts('b', 12, 6)], options),
    );
  });
});
