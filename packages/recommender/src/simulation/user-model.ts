import type { CardStyle } from './card-style.js';

/** A simulated user: what the platform knows (attributes) and what only the simulator knows (taste). */
export interface SimulatedUser {
  id: string;
  attributes: { age: number; locale: string; interests: string[]; device: string; country: string };
  /** Latent taste from the demo data: cluster ("category/group") and category weights, each summing to 1. */
  taste: { clusters: { key: string; weight: number }[]; categories: { key: string; weight: number }[] };
}

/** The card as the user sees it in the feed. */
export interface SimulatedCard {
  itemId: string;
  category: string;
  /** The item's taste cluster (`attributes.group` of demo items). */
  group: string;
  title: string;
  body: string;
  position: number;
}

export interface Judgement {
  click: boolean;
  /** The model's click probability for this user and card (what regret is measured on). */
  probability: number;
  reason: string;
}

/** Judges a served card: click or skip. The statistical model and an LLM persona share this port. */
export interface UserModel {
  readonly name: string;
  /** The click probability, for models that have one: what the oracle, regret and control baseline are computed on. */
  probability?(user: SimulatedUser, card: SimulatedCard, style: CardStyle): number;
  judge(user: SimulatedUser, card: SimulatedCard, style: CardStyle, random: () => number): Promise<Judgement>;
}
