export { measureCardStyle, type CardStyle } from './card-style.js';
export type { Judgement, SimulatedCard, SimulatedUser, UserModel } from './user-model.js';
export { STATISTICAL_USER_PARAMETERS, StatisticalUserModel, preferenceOf, relevance, styleFit, type StylePreference } from './statistical-user.model.js';
export { LlmPersonaUserModel, personaOf } from './llm-persona-user.model.js';
export { meanInterval, powerLawExponent } from './simulation-statistics.js';
