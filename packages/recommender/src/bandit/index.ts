export { sampleBeta, sampleGamma, type Uniform } from './beta-sampler.js';
export { CONTROL_ARM, PRIOR, armFromCounts, posteriorOf, type BanditArm } from './bandit-arm.js';
export { withPooledPriors, type FamilyCounts } from './pooled-prior.js';
export { seededUniform, seedOf } from './seeded-uniform.js';
export {
  BANDIT_POLICIES,
  DEFAULT_POLICY_OPTIONS,
  armProbabilities,
  probabilityOfBeingBest,
  sampleArm,
  stateKey,
  type BanditPolicy,
  type PolicyOptions,
} from './bandit-policy.js';
export { Z95, chiSquaredSurvival, chiSquaredTest, logGamma, wilsonInterval } from './interval-statistics.js';
export { ArmProbabilityCache } from './arm-probability.cache.js';
export { compareArms, type ArmComparison } from './posterior-comparison.js';
export {
  estimateOffPolicy,
  replayTargetProbabilities,
  type Estimate,
  type LoggedDecision,
  type OffPolicyReport,
} from './off-policy.estimator.js';
export { replayThompson, type ReplayDay, type ReplayOptions, type ReplayTest } from './bandit-replay.js';
