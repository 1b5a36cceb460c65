import { LRUCache } from 'lru-cache';
import type { BanditArm } from './bandit-arm.js';
import { armProbabilities, stateKey, type BanditPolicy, type PolicyOptions } from './bandit-policy.js';

/**
 * Thompson's probabilities cost `draws × arms` Beta draws; feeds ask for the same state again and
 * again between clicks, so vectors are kept by policy, options and exact state (the vector is a
 * pure function of them, its sampler being seeded by the state).
 */
export class ArmProbabilityCache {
  private readonly cache: LRUCache<string, number[]>;

  constructor(maxEntries = 20_000) {
    this.cache = new LRUCache({ max: maxEntries });
  }

  get(policy: BanditPolicy, arms: readonly BanditArm[], options: PolicyOptions): number[] {
    if (policy !== 'thompson' || arms.length < 2) return armProbabilities(policy, arms, options);
    const key = `${options.explorationFloor}/${options.draws}/${stateKey(arms)}`;
    let probabilities = this.cache.get(key);
    if (!probabilities) {
      probabilities = armProbabilities(policy, arms, options);
      this.cache.set(key, probabilities);
    }
    return probabilities;
  }
}
