import type { CardStyle } from './card-style.js';
import type { Judgement, SimulatedCard, SimulatedUser, UserModel } from './user-model.js';

/**
 * The statistical user: P(click) = base × relevance(user, item) × fit(card style, user's preferences).
 *
 * - relevance = floor + (1 − floor) × min(1, clusterWeight × clusterBoost + categoryWeight), from
 *   the user's latent taste (the demo data's), so ranking quality matters;
 * - preferences follow the user's attributes (the hypotheses the demo segments were designed on,
 *   which the users only roughly share): 65+ want ~90 words in steps of ~8-word sentences; 18–29
 *   ~80 words in bullets of ~15; parents (28–50, interested in family, kids or quick meals) ~120
 *   words in steps of ~9; desktop users of 30–64 ~220 words of narrative with ~22-word sentences;
 *   everyone else ~135 words of narrative with ~15; each user's preferred length varies by a
 *   stable ±20% of their own;
 * - fit = exp(−½ (ln(words / preferred) / lengthTolerance)²) × exp(−½ ((wordsPerSentence −
 *   preferred) / sentenceTolerance)²) × (formatMatch ? 1 : formatMismatch).
 *
 * Locale is not modelled: the offline variants are never translated, so it cannot tell arms apart.
 */
export const STATISTICAL_USER_PARAMETERS = {
  base: 0.5,
  relevanceFloor: 0.15,
  clusterBoost: 2,
  lengthTolerance: 0.45,
  sentenceTolerance: 8,
  formatMismatch: 0.75,
  lengthJitter: 0.2,
} as const;

export interface StylePreference {
  words: number;
  wordsPerSentence: number;
  format: CardStyle['format'];
}

export function preferenceOf(user: SimulatedUser): StylePreference {
  const { age, interests, device } = user.attributes;
  const parent = age >= 28 && age <= 50 && interests.some((i) => i === 'family' || i === 'kids' || i === 'quick-meals');
  const base: StylePreference =
    age >= 65 ? { words: 90, wordsPerSentence: 8, format: 'steps' }
    : age <= 29 ? { words: 80, wordsPerSentence: 15, format: 'bullets' }
    : parent ? { words: 120, wordsPerSentence: 9, format: 'steps' }
    : device === 'desktop' && age <= 64 ? { words: 220, wordsPerSentence: 22, format: 'narrative' }
    : { words: 135, wordsPerSentence: 15, format: 'narrative' };
  // A stable per-user jitter (from the id, not the run's generator), so the same user keeps the same taste.
  let hash = 0x811c9dc5;
  for (let i = 0; i < user.id.length; i++) hash = Math.imul(hash ^ user.id.charCodeAt(i), 0x01000193);
  const jitter = 1 + STATISTICAL_USER_PARAMETERS.lengthJitter * (((hash >>> 0) / 4294967296) * 2 - 1);
  return { ...base, words: base.words * jitter };
}

export function relevance(user: SimulatedUser, card: SimulatedCard): number {
  const p = STATISTICAL_USER_PARAMETERS;
  const cluster = user.taste.clusters.find((c) => c.key === card.group)?.weight ?? 0;
  const category = user.taste.categories.find((c) => c.key === card.category)?.weight ?? 0;
  return p.relevanceFloor + (1 - p.relevanceFloor) * Math.min(1, cluster * p.clusterBoost + category);
}

export function styleFit(preference: StylePreference, style: CardStyle): number {
  const p = STATISTICAL_USER_PARAMETERS;
  const length = Math.log(Math.max(1, style.words) / preference.words) / p.lengthTolerance;
  const sentence = (style.wordsPerSentence - preference.wordsPerSentence) / p.sentenceTolerance;
  return Math.exp(-0.5 * length * length) * Math.exp(-0.5 * sentence * sentence) * (style.format === preference.format ? 1 : p.formatMismatch);
}

export class StatisticalUserModel implements UserModel {
  readonly name = 'statistical';

  probability(user: SimulatedUser, card: SimulatedCard, style: CardStyle): number {
    return STATISTICAL_USER_PARAMETERS.base * relevance(user, card) * styleFit(preferenceOf(user), style);
  }

  async judge(user: SimulatedUser, card: SimulatedCard, style: CardStyle, random: () => number): Promise<Judgement> {
    const probability = this.probability(user, card, style);
    const click = random() < probability;
    return { click, probability, reason: `p=${probability.toFixed(3)} (${style.words} words, ${style.format})` };
  }
}
