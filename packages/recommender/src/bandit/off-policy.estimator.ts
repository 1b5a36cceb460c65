import { armFromCounts, CONTROL_ARM, type BanditArm } from './bandit-arm.js';
import { ArmProbabilityCache } from './arm-probability.cache.js';
import type { BanditPolicy, PolicyOptions } from './bandit-policy.js';
import { Z95 } from './interval-statistics.js';

/** One logged decision: the arm served, the probability it was served with, whether it was clicked. */
export interface LoggedDecision {
  /** The test: item and segment. */
  testKey: string;
  arm: string;
  propensity: number;
  reward: number;
  servedAt: number;
}

export interface Estimate {
  estimate: number;
  low: number;
  high: number;
}

export interface OffPolicyReport {
  decisions: number;
  /** Click rate the logging policies achieved on these decisions. */
  logged: Estimate;
  /** Inverse propensity scoring: mean of reward × π(a)/μ(a); unbiased, high variance. */
  ips: Estimate;
  /** Self-normalized IPS: divides by the sum of the weights instead of n; slightly biased, far steadier. */
  snips: Estimate;
  /** (Σw)² / Σw²: how many decisions the estimate is effectively worth. */
  effectiveSampleSize: number;
}

/**
 * The probability the target policy would have served each logged arm, replaying the log in time
 * order: at each decision the target sees the counters of every earlier decision of the same test
 * (what it would have known had it been learning from the same data). The arms of a test are the
 * arms its log contains; `approvedAt` orders them for `fixed`.
 */
export function replayTargetProbabilities(
  log: readonly LoggedDecision[],
  policy: BanditPolicy,
  options: PolicyOptions,
  approvedAt: ReadonlyMap<string, number> = new Map(),
): number[] {
  const armsOf = new Map<string, string[]>();
  for (const decision of log) {
    const arms = armsOf.get(decision.testKey) ?? [];
    if (!arms.includes(decision.arm)) arms.push(decision.arm);
    armsOf.set(decision.testKey, arms);
  }
  for (const arms of armsOf.values()) arms.sort((a, b) => (a === CONTROL_ARM ? -1 : b === CONTROL_ARM ? 1 : a.localeCompare(b)));
  const counters = new Map<string, { exposures: number; clicks: number }>();
  const cache = new ArmProbabilityCache();
  const order = log.map((_, i) => i).sort((a, b) => log[a]!.servedAt - log[b]!.servedAt || a - b);
  const target = new Array<number>(log.length);
  for (const i of order) {
    const decision = log[i]!;
    const ids = armsOf.get(decision.testKey)!;
    const arms: BanditArm[] = ids.map((id) => {
      const c = counters.get(`${decision.testKey}\u0000${id}`) ?? { exposures: 0, clicks: 0 };
      return armFromCounts(id, c.exposures, c.clicks, approvedAt.get(id));
    });
    target[i] = cache.get(policy, arms, options)[ids.indexOf(decision.arm)]!;
    const key = `${decision.testKey}\u0000${decision.arm}`;
    const c = counters.get(key) ?? { exposures: 0, clicks: 0 };
    counters.set(key, { exposures: c.exposures + 1, clicks: c.clicks + (decision.reward > 0 ? 1 : 0) });
  }
  return target;
}

/**
 * IPS and SNIPS estimates of a target policy's click rate from logged decisions and the target's
 * probabilities for the logged arms, with 95% normal intervals (SNIPS by the delta method).
 */
export function estimateOffPolicy(log: readonly LoggedDecision[], targetProbabilities: readonly number[]): OffPolicyReport {
  const n = log.length;
  if (n === 0) {
    const none = { estimate: 0, low: 0, high: 0 };
    return { decisions: 0, logged: none, ips: none, snips: none, effectiveSampleSize: 0 };
  }
  const weights = log.map((d, i) => targetProbabilities[i]! / d.propensity);
  const rewards = log.map((d) => d.reward);
  const weighted = rewards.map((r, i) => r * weights[i]!);
  const sumW = weights.reduce((a, b) => a + b, 0);
  const sumW2 = weights.reduce((a, b) => a + b * b, 0);
  const meanInterval = (values: number[]): Estimate => {
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
    const half = Z95 * Math.sqrt(variance / n);
    return { estimate: mean, low: mean - half, high: mean + half };
  };
  const snips = sumW > 0 ? weighted.reduce((a, b) => a + b, 0) / sumW : 0;
  const meanW = sumW / n;
  const snipsVariance = meanW > 0 ? weights.reduce((a, w, i) => a + (w * (rewards[i]! - snips)) ** 2, 0) / n / (meanW * meanW) : 0;
  const snipsHalf = Z95 * Math.sqrt(snipsVariance / n);
  return {
    decisions: n,
    logged: meanInterval(rewards),
    ips: meanInterval(weighted),
    snips: { estimate: snips, low: snips - snipsHalf, high: snips + snipsHalf },
    effectiveSampleSize: sumW2 > 0 ? (sumW * sumW) / sumW2 : 0,
  };
}
