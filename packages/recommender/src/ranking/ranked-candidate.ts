import type { RecallSource } from '../recommender.types.js';

export const RECALL_SOURCES: readonly RecallSource[] = ['popularity', 'item_cf', 'content', 'transition', 'embedding'];

/** A candidate on its way through ranking and rerank, by integer item index. */
export interface RankedCandidate {
  item: number;
  score: number;
  /** Weighted, normalised score per source, in RECALL_SOURCES order (0 = the source did not find it). */
  contributions: Float32Array;
  /** Per source, the history item that contributed most (−1 when none). */
  relatedItems: Int32Array;
  /** The LLM's short reason for placing it, when the LLM ranked it. */
  llmReason?: string;
}

export function sourcesOf(candidate: RankedCandidate): RecallSource[] {
  return RECALL_SOURCES.filter((_, s) => (candidate.contributions[s] as number) > 0);
}
