import { sampleBeta, type Uniform } from './beta-sampler.js';
import { PRIOR, type BanditArm } from './bandit-arm.js';

export interface ArmComparison {
  id: string;
  /** Share of joint posterior draws in which this arm's click rate is the highest. */
  probabilityToBeBest: number;
  /** Relative uplift of the click rate over the reference arm (0.1 = +10%): posterior median and 95% interval; null for the reference itself. */
  uplift: { estimate: number; low: number; high: number } | null;
}

/**
 * Compares arms by Monte Carlo over their Beta(1 + clicks, 1 + non-clicks) posteriors: the
 * probability each is best, and each one's uplift over `referenceId` (control) with a 95%
 * credible interval. Same draws for both, from the caller's (seeded) generator.
 */
export function compareArms(arms: readonly BanditArm[], referenceId: string | null, draws: number, random: Uniform): ArmComparison[] {
  const reference = referenceId === null ? -1 : arms.findIndex((arm) => arm.id === referenceId);
  const wins = new Array<number>(arms.length).fill(0);
  const ratios = arms.map(() => new Float64Array(draws));
  const sample = new Float64Array(arms.length);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    for (let i = 0; i < arms.length; i++) {
      const arm = arms[i]!;
      sample[i] = sampleBeta(PRIOR.alpha + arm.successes, PRIOR.beta + arm.failures, random);
      if (sample[i]! > sample[best]!) best = i;
    }
    wins[best]! += 1;
    if (reference >= 0) for (let i = 0; i < arms.length; i++) ratios[i]![d] = sample[i]! / sample[reference]! - 1;
  }
  return arms.map((arm, i) => ({
    id: arm.id,
    probabilityToBeBest: arms.length ? wins[i]! / draws : 0,
    uplift:
      reference < 0 || i === reference
        ? null
        : (() => {
            const sorted = ratios[i]!.sort();
            return { estimate: quantile(sorted, 0.5), low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
          })(),
  }));
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}
