import { sampleBeta, type Uniform } from './beta-sampler.js';
import { posteriorOf, type BanditArm } from './bandit-arm.js';
import { seededUniform } from './seeded-uniform.js';

export const BANDIT_POLICIES = ['thompson', 'uniform', 'fixed'] as const;
export type BanditPolicy = (typeof BANDIT_POLICIES)[number];

export interface PolicyOptions {
  /**
   * Thompson only: this share of traffic is spread evenly over the arms, so every arm keeps a
   * propensity of at least floor / arms (an arm that starts unlucky is still seen, and off-policy
   * estimates never divide by zero).
   */
  explorationFloor: number;
  /** Thompson only: Monte Carlo draws behind the probabilities. */
  draws: number;
}

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = { explorationFloor: 0.1, draws: 1000 };

/**
 * The probability with which the policy serves each arm (same order as `arms`, summing to 1).
 * Serving samples an arm from this vector, so the propensity logged with an exposure is exactly
 * the probability the arm was served with.
 *
 * Thompson sampling serves an arm with the probability that its posterior draw (its prior,
 * Beta(1, 1) or a pooled one, plus its clicks and non-clicks) is the largest. That probability has
 * no closed form for more than two arms, so it is estimated from `draws` joint posterior draws
 * with a generator seeded by the state itself: the same posteriors always give the same vector
 * (reproducible and cacheable). Sampling the arm from
 * this vector is Thompson sampling up to the Monte Carlo error (±1.6 points at 1000 draws).
 */
export function armProbabilities(policy: BanditPolicy, arms: readonly BanditArm[], options: PolicyOptions = DEFAULT_POLICY_OPTIONS): number[] {
  const k = arms.length;
  if (k === 0) return [];
  if (k === 1) return [1];
  switch (policy) {
    case 'uniform':
      return arms.map(() => 1 / k);
    case 'fixed': {
      // The most recently approved variant; control (no approval time) only when nothing else is there.
      let best = 0;
      arms.forEach((arm, i) => {
        if ((arm.approvedAt ?? -Infinity) > (arms[best]!.approvedAt ?? -Infinity)) best = i;
      });
      return arms.map((_, i) => (i === best ? 1 : 0));
    }
    case 'thompson': {
      const floor = Math.min(1, Math.max(0, options.explorationFloor));
      const wins = probabilityOfBeingBest(arms, options.draws, seededUniform(stateKey(arms)));
      return wins.map((p) => floor / k + (1 - floor) * p);
    }
  }
}

/** Samples an arm index from a probability vector. */
export function sampleArm(probabilities: readonly number[], random: Uniform): number {
  const u = random();
  let cumulative = 0;
  for (let i = 0; i < probabilities.length; i++) {
    cumulative += probabilities[i]!;
    if (u < cumulative) return i;
  }
  // Rounding left a sliver above the last cumulative sum: the last arm with any mass takes it.
  for (let i = probabilities.length - 1; i >= 0; i--) if (probabilities[i]! > 0) return i;
  return 0;
}

/**
 * Share of joint posterior draws in which each arm's draw is the largest (ties to the first).
 * Also the insights' "probability to be best".
 */
export function probabilityOfBeingBest(arms: readonly BanditArm[], draws: number, random: Uniform): number[] {
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -1;
    for (let i = 0; i < arms.length; i++) {
      const { alpha, beta } = posteriorOf(arms[i]!);
      const value = sampleBeta(alpha, beta, random);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    wins[best]! += 1;
  }
  return wins.map((w) => w / draws);
}

/** The state a probability vector depends on, as a string: its cache key and its sampler's seed. */
export function stateKey(arms: readonly BanditArm[]): string {
  // Posteriors by position, not arm ids: every test in the same state (every new test, say) shares
  // one vector. A pooled prior is part of the state, to a tenth of an exposure (it moves slowly).
  const prior = (arm: BanditArm) => (arm.prior ? `:${arm.prior.alpha.toFixed(1)}:${arm.prior.beta.toFixed(1)}` : '');
  return arms.map((arm) => `${arm.successes}:${arm.failures}${prior(arm)}`).join('|');
}
