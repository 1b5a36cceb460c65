/**
 * The hidden side of a demo user: which taste clusters (category/group) they favour. Interactions
 * are sampled from it and the visible attributes (interests) are derived from it, so the observable
 * data carries real, learnable preference structure.
 */
export interface TasteProfile {
  userId: string;
  /** Cluster keys ("recipes/italian") with weights summing to 1. */
  clusters: { key: string; weight: number }[];
  /** Category keys with weights summing to 1, for exploration outside the favourite clusters. */
  categories: { key: string; weight: number }[];
  /** Relative number of interactions; heavy-tailed across users. */
  activity: number;
}
