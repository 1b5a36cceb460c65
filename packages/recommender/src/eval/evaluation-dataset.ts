import type { CatalogItem, Interaction } from '../recommender.types.js';

/** A catalog and its interaction log, as the harness evaluates it. */
export interface EvaluationDataset {
  name: string;
  items: CatalogItem[];
  interactions: Interaction[];
}
