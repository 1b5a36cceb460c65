import { LRUCache } from 'lru-cache';
import type { BanditArm } from './bandit-arm.js';
import { armProbabilities, stateKey, type BanditPolicy, type PolicyOptions } from './bandit-policy.js';

/**
 * Below this many observations per arm counts are used as they are; above it they are rounded down
 * to a power-of-two step of about 1/64 of the arm's total, so a busy test keeps hitting the cache
 * while its counters move. The rounding shifts a posterior far less than the Monte Carlo error.
 */
const EXACT_BELOW = 128;

function quantized(arm: BanditArm): BanditArm {
  const total = arm.successes + arm.failures;
  if (total < EXACT_BELOW) return arm;
  const step = 2 ** Math.floor(Math.log2(total / 64));
  const successes = Math.floor(arm.successes / step) * step;
  const failures = Math.floor(arm.failures / step) * step;
  return { ...arm, successes, failures };
}

/**
 * Thompson's probabilities cost `draws × arms` Beta draws; feeds ask for the same state again and
 * again, so vectors are kept by policy, options and (rounded, see EXACT_BELOW) state. The vector
 * is a pure function of that key — its sampler is seeded by the state — so every API instance
 * serves with the same probabilities, and the propensity logged is exactly the one served with.
 */
export class ArmProbabilityCache {
  private readonly cache: LRUCache<string, number[]>;
  private readonly recent: LRUCache<string, { arms: string; probabilities: number[] }> | null;

  /**
   * @param refreshMs when above 0, `forTest` reuses a test's vector for this long whatever its
   * counters did meanwhile: a hot test with small counts (every exposure a new state) costs one
   * Monte Carlo estimate per interval instead of one per request.
   */
  constructor(maxEntries = 20_000, refreshMs = 0) {
    this.cache = new LRUCache({ max: maxEntries });
    this.recent = refreshMs > 0 ? new LRUCache({ max: maxEntries, ttl: refreshMs }) : null;
  }

  /** Like `get`, for the arms of one test (`testKey`), reusing its vector within the refresh interval. */
  forTest(testKey: string, policy: BanditPolicy, arms: readonly BanditArm[], options: PolicyOptions): number[] {
    if (!this.recent || policy !== 'thompson' || arms.length < 2) return this.get(policy, arms, options);
    const key = `${testKey}/${options.explorationFloor}/${options.draws}`;
    const ids = arms.map((arm) => arm.id).join('|');
    const cached = this.recent.get(key);
    if (cached && cached.arms === ids) return cached.probabilities;
    const probabilities = this.get(policy, arms, options);
    this.recent.set(key, { arms: ids, probabilities });
    return probabilities;
  }

  get(policy: BanditPolicy, arms: readonly BanditArm[], options: PolicyOptions): number[] {
    if (policy !== 'thompson' || arms.length < 2) return armProbabilities(policy, arms, options);
    const state = arms.map(quantized);
    const key = `${options.explorationFloor}/${options.draws}/${stateKey(state)}`;
    let probabilities = this.cache.get(key);
    if (!probabilities) {
      probabilities = armProbabilities(policy, state, options);
      this.cache.set(key, probabilities);
    }
    return probabilities;
  }
}
