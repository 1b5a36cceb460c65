import type { BanditArm } from './bandit-arm.js';

/** Clicks and non-clicks of every arm of one family across a segment's tests. */
export interface FamilyCounts {
  successes: number;
  failures: number;
}

/**
 * Hierarchical Thompson sampling for dynamic creative optimization: a segment's variants come in
 * families (the original as control; each style a segment's variants were written to), and how a
 * family does for a segment carries over from item to item far better than an item's click rate
 * does. So each arm starts from a Beta prior whose mean is the test's own click level times its
 * family's lift within the segment, worth up to `strength` exposures, instead of Beta(1, 1):
 *
 *   rate(f)  = (S_f + 1) / (S_f + F_f + 2)   the family's click rate over the segment's OTHER items
 *   lift(a)  = rate(f_a) / mean of rate over the test's families
 *   level    = (C + k · r̄) / (E + k)         the test's own click rate, shrunk to r̄ with k = strength
 *   prior(a) = Beta(1 + m·μ, 1 + m·(1 − μ)),  μ = level · lift(a),  m = min(strength, S_f + F_f)
 *
 * Multiplying by the test's level keeps an item that everyone clicks (or nobody does) from
 * reading as a family effect. `pools[i]` is arm i's family counts over the segment including this
 * test (they are subtracted here); null (an arm in no family) keeps the flat prior.
 */
export function withPooledPriors(
  arms: readonly BanditArm[],
  pools: readonly (FamilyCounts | null)[],
  /** Pseudo-exposures a family's record is worth at most (a delivery setting, pooledPriorStrength). */
  strength: number,
): BanditArm[] {
  const others = arms.map((arm, i) => {
    const pool = pools[i];
    if (!pool) return null;
    const successes = Math.max(0, pool.successes - arm.successes);
    const failures = Math.max(0, pool.failures - arm.failures);
    return successes + failures > 0 ? { successes, failures } : null;
  });
  const rates = others.map((o) => (o ? (o.successes + 1) / (o.successes + o.failures + 2) : null));
  const known = rates.filter((r): r is number => r !== null);
  if (known.length === 0 || strength <= 0) return [...arms];
  const meanRate = known.reduce((a, b) => a + b, 0) / known.length;
  const clicks = arms.reduce((n, arm) => n + arm.successes, 0);
  const exposures = arms.reduce((n, arm) => n + arm.successes + arm.failures, 0);
  const level = (clicks + strength * meanRate) / (exposures + strength);
  return arms.map((arm, i) => {
    const rate = rates[i];
    const other = others[i];
    if (rate === null || rate === undefined || !other) return arm;
    const mean = Math.min(0.999, Math.max(0.001, (level * rate) / meanRate));
    const weight = Math.min(strength, other.successes + other.failures);
    return { ...arm, prior: { alpha: 1 + weight * mean, beta: 1 + weight * (1 - mean) } };
  });
}
