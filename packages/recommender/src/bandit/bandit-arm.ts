/** One arm of a (item, segment) test: an approved variant, or the original item as control. */
export interface BanditArm {
  id: string;
  /** Exposures that led to a click. */
  successes: number;
  /** Exposures without a click. */
  failures: number;
  /** When the variant was approved (ms since epoch); control has none. Orders `fixed`. */
  approvedAt?: number;
  /** The Beta prior the counts add to; Beta(1, 1) without one (see withPooledPriors). */
  prior?: { alpha: number; beta: number };
}

export const CONTROL_ARM = 'control';

/** Beta(1, 1): every arm starts from a uniform belief about its click rate. */
export const PRIOR = { alpha: 1, beta: 1 } as const;

/** An arm's posterior: its prior plus its counts. */
export function posteriorOf(arm: BanditArm): { alpha: number; beta: number } {
  const prior = arm.prior ?? PRIOR;
  return { alpha: prior.alpha + arm.successes, beta: prior.beta + arm.failures };
}

/** Arm state from exposure and click counters, clamped so a click counted before its exposure cannot go negative. */
export function armFromCounts(id: string, exposures: number, clicks: number, approvedAt?: number): BanditArm {
  const successes = Math.max(0, Math.min(clicks, exposures));
  return { id, successes, failures: Math.max(0, exposures - successes), ...(approvedAt !== undefined ? { approvedAt } : {}) };
}
