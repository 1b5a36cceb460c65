import { ArmProbabilityCache, CONTROL_ARM, armFromCounts, sampleArm, withPooledPriors, type BanditArm, type FamilyCounts, type Uniform } from '@persona/recommender';
import type { TDeliveryPolicy, TDeliverySettings, TServedReason } from '@persona/shared';
import type { ApprovedVariant, ServedCandidate } from './served-candidates.repository.js';
import type { StickyAssignment } from './sticky-assignments.store.js';

export interface ArmChoice {
  arm: string;
  variant: ApprovedVariant | null;
  policy: TDeliveryPolicy | null;
  reason: TServedReason | null;
  propensity: number;
  sticky: boolean;
}

/**
 * Monte Carlo draws behind Thompson's serving probabilities: at most ±2.5 points of error (95%),
 * well inside the exploration floor, for a fraction of a millisecond per test.
 */
export const THOMPSON_DRAWS = 400;
/**
 * Chooses the arm an item is served in for a user of `segmentId`: the original when the user has
 * no segment or the item no approved variant for it; otherwise the arm kept for the user within
 * the sticky window if it is still an arm, else one sampled with the workspace's policy. The
 * propensity is the probability the arm was served with (for a sticky arm, the one it was first
 * chosen with).
 */
export class ArmChooser {
  private readonly probabilities: ArmProbabilityCache;

  /** @param refreshMs how long a test's Thompson vector is reused (the THOMPSON_REFRESH_MS setting). */
  constructor(refreshMs: number) {
    this.probabilities = new ArmProbabilityCache(20_000, refreshMs);
  }

  choose(
    candidate: ServedCandidate,
    segmentId: string | null,
    settings: TDeliverySettings,
    sticky: StickyAssignment | undefined,
    random: Uniform,
  ): ArmChoice {
    if (!segmentId) return { arm: CONTROL_ARM, variant: null, policy: null, reason: 'no_segment', propensity: 1, sticky: false };
    if (candidate.variants.length === 0) {
      return { arm: CONTROL_ARM, variant: null, policy: null, reason: 'no_approved_variant', propensity: 1, sticky: false };
    }
    const arms = this.arms(candidate, settings);
    const answer = (arm: string, propensity: number, policy: TDeliveryPolicy, isSticky: boolean): ArmChoice => ({
      arm,
      variant: candidate.variants.find((variant) => variant.id === arm) ?? null,
      policy,
      reason: arm === CONTROL_ARM ? 'control' : null,
      propensity,
      sticky: isSticky,
    });
    if (sticky && sticky.segmentId === segmentId && arms.some((arm) => arm.id === sticky.arm)) {
      return answer(sticky.arm, sticky.propensity, sticky.policy, true);
    }
    const probabilities = this.probabilities.forTest(`${candidate.itemId}/${segmentId}`, settings.policy, arms, {
      explorationFloor: settings.explorationFloor,
      draws: THOMPSON_DRAWS,
    });
    const chosen = sampleArm(probabilities, random);
    return answer(arms[chosen]!.id, probabilities[chosen]!, settings.policy, false);
  }

  /**
   * The arms of an item for a segment: control first (when enabled), then the approved variants.
   * Under `thompson` each starts from its family's pooled prior (withPooledPriors) unless the
   * workspace set pooledPriorStrength to 0.
   */
  arms(candidate: ServedCandidate, settings: TDeliverySettings): BanditArm[] {
    const armOf = (id: string, approvedAt?: number) => {
      const counts = candidate.counters.get(id) ?? { exposures: 0, clicks: 0 };
      return armFromCounts(id, counts.exposures, counts.clicks, approvedAt);
    };
    const arms = candidate.variants.map((variant) => armOf(variant.id, variant.approvedAt));
    const families = candidate.variants.map((variant) => variant.styleKey);
    if (settings.controlEnabled) {
      arms.unshift(armOf(CONTROL_ARM));
      families.unshift(CONTROL_ARM);
    }
    if (settings.policy !== 'thompson' || settings.pooledPriorStrength === 0) return arms;
    const pools = families.map((family): FamilyCounts | null => {
      const counts = family === null ? undefined : candidate.families.get(family);
      return counts ? armFromCounts(family!, counts.exposures, counts.clicks) : null;
    });
    return withPooledPriors(arms, pools, settings.pooledPriorStrength);
  }

  /**
   * The probability each arm would be served with from the shared state as it is now: a pure
   * function of it, so every instance computes the same (serving reuses a test's vector for up to
   * THOMPSON_REFRESH_MS).
   */
  probabilitiesOf(arms: readonly BanditArm[], settings: TDeliverySettings): number[] {
    return this.probabilities.get(settings.policy, arms, { explorationFloor: settings.explorationFloor, draws: THOMPSON_DRAWS });
  }
}
