import type { FallbackReason, GroundingReport } from '../recommender.types.js';

export interface ListwiseCandidate {
  itemId: string;
  title: string;
  category: string;
}

export interface ListwiseRankingInput {
  /** Titles of the user's history, oldest first (the newest is last). */
  history: readonly string[];
  /** Candidates in classical order: grounding appends what the LLM left out in this order. */
  candidates: readonly ListwiseCandidate[];
  /** Classical scores of the candidates (same order), the prior an LLM ranking may be blended with. */
  priorScores: readonly number[];
  /** Seeds the shuffles of the bootstrapped passes, so a user's ranking is reproducible. */
  seedKey: string;
}

export type ListwiseRankingOutcome =
  | {
      ok: true;
      /** Candidate positions (into `candidates`), best first: always a full permutation. */
      order: number[];
      /** Final score per candidate position, higher is better. */
      scores: number[];
      reasons: (string | undefined)[];
      tokens: { prompt: number; completion: number };
      grounding: GroundingReport;
    }
  | { ok: false; fallbackReason: FallbackReason; tokens: { prompt: number; completion: number } };

/** The ranking stage the model hands its top candidates to when the LLM engine is asked for. */
export interface ListwiseRanker {
  /** How many of the classical top candidates it reorders. */
  readonly candidateCount: number;
  rank(input: ListwiseRankingInput): Promise<ListwiseRankingOutcome>;
}
