/** The part of a user's history that drives one recommendation. */
export interface UserContext {
  /** Distinct history items, newest first, capped at the configured query length. */
  recentItems: number[];
  /** Recency weight of each recent item (newest = 1). */
  recentWeights: number[];
  /** The newest history item, or −1. */
  lastItem: number;
  consumed: Set<number>;
}
