import type { TEventType } from '@persona/shared';

/** An item as the recommender sees it; `id` is the platform's item id (events reference it). */
export interface CatalogItem {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: readonly string[];
  /** Epoch milliseconds. */
  publishedAt: number;
}

/** One user event; `at` is epoch milliseconds. `dismiss` is a negative signal: never recommended again. */
export interface Interaction {
  userId: string;
  itemId: string;
  type: TEventType;
  at: number;
}

export interface FitInput {
  items: readonly CatalogItem[];
  interactions: readonly Interaction[];
  /** Epoch milliseconds that popularity and recency decay are measured from. */
  now: number;
}

/** The recall sources; a candidate keeps the list of sources that found it. */
export type RecallSource = 'popularity' | 'item_cf' | 'content' | 'transition' | 'embedding';

/** Per-source weights of the classical ranker's linear blend over normalised recall scores. */
export type BlendWeights = Record<RecallSource, number>;

export interface RecommenderConfig {
  /** How much each event type counts as evidence of interest. */
  eventWeights: Record<TEventType, number>;
  /** Half-life of popularity, in days. */
  popularityHalfLifeDays: number;
  itemCf: {
    /** Half-life of the recency weight on a user's history when computing similarities, in days. */
    historyHalfLifeDays: number;
    /** Cosine shrinkage term (Koren): sim = dot / (|a||b| + shrinkage). */
    shrinkage: number;
    /** Neighbours kept per item. */
    neighbours: number;
    /** Only the newest events of a user feed co-occurrence, bounding fit cost for heavy users. */
    maxHistoryPerUser: number;
  };
  content: {
    /** Content neighbours kept per item. */
    neighbours: number;
    bm25K1: number;
    bm25B: number;
    /** Field weights: a token in the title counts `title` times. */
    fieldWeights: { title: number; tags: number; body: number };
  };
  transition: { neighbours: number };
  /** Half-life of a history event's influence on a recommendation, in number of events (newest = 1). */
  queryHistoryHalfLife: number;
  /** How many of the newest history events drive recall. */
  queryHistoryLength: number;
  /** Candidates each recall source contributes before merging. */
  recallPerSource: number;
  blend: BlendWeights;
}

export interface RerankOptions {
  /** MMR trade-off: 1 = pure relevance, 0 = pure diversity over category and tags. */
  diversityLambda: number;
  /** Freshness: adds boost × 2^(−age/halfLife) × the best candidate's score (0 = off). */
  freshnessBoost: number;
  freshnessHalfLifeDays: number;
  excludeItemIds: readonly string[];
  excludeCategories: readonly string[];
  excludeTags: readonly string[];
  /** Drop items the user already interacted with. */
  removeConsumed: boolean;
}

/** A segment the user belongs to, with how popular items are inside it (any non-negative scale). */
export interface SegmentContext {
  name: string;
  itemPopularity: Readonly<Record<string, number>>;
}

export type Engine = 'classical' | 'llm';

export interface RecommendRequest {
  userId: string;
  limit: number;
  /** 'llm' needs an LLM ranker; without one the answer is classical with a fallback reason. */
  engine?: Engine;
  rerank?: Partial<RerankOptions>;
  segment?: SegmentContext;
  /** Epoch milliseconds used for freshness; defaults to the model's fit time. */
  now?: number;
}

export interface RankOptions {
  engine?: Engine;
  segment?: SegmentContext;
  /** Rerank is off by default for `rank`: the platform's candidate set is taken as given. */
  rerank?: Partial<RerankOptions>;
  now?: number;
}

export type ExplanationKind =
  | 'similar_to'
  | 'next_after'
  | 'popular_with_segment'
  | 'popular'
  | 'content_match'
  | 'llm_reason'
  | 'new_item';

export interface Explanation {
  kind: ExplanationKind;
  text: string;
  /** The history item the explanation refers to, when there is one. */
  relatedItemId?: string;
}

export interface RecommendedItem {
  itemId: string;
  score: number;
  sources: RecallSource[];
  explanation: Explanation;
}

export type FallbackReason =
  | 'llm_not_configured'
  | 'llm_timeout'
  | 'llm_rate_limited'
  | 'llm_server_error'
  | 'llm_unavailable'
  | 'llm_bad_response'
  | 'llm_refused'
  | 'llm_unparseable';

export interface RecommendationResult {
  userId: string;
  engine: Engine;
  /** Set when the LLM engine was asked for and the classical ranking was served instead. */
  fallbackReason: FallbackReason | null;
  /** True when the user has no history and the list comes from popularity alone. */
  coldStart: boolean;
  items: RecommendedItem[];
  latencyMs: number;
  tokens: { prompt: number; completion: number };
  /** Ids the LLM answered with that were dropped or appended during grounding. */
  grounding: GroundingReport | null;
}

export interface GroundingReport {
  unknownIds: number;
  duplicateIds: number;
  appended: number;
  passes: number;
  cached: boolean;
  structuredOutput: boolean;
}

export interface RecommenderStats {
  fittedAt: number;
  fitMs: number;
  /** Bytes held by the model's arrays and maps (an estimate, not a heap snapshot). */
  memoryBytes: number;
  items: number;
  users: number;
  interactions: number;
  itemCfPairs: number;
  contentPairs: number;
  transitionPairs: number;
  observedSinceFit: number;
  /** Embedding recall at fit time: null when not configured or when it failed. */
  embeddings: EmbeddingFitReport | null;
  /** Why embedding recall is off although it was configured (the endpoint failed during the fit). */
  embeddingError: string | null;
}

export interface EmbeddingFitReport {
  model: string;
  /** Items embedded through the endpoint during this fit. */
  embedded: number;
  /** Items whose vectors came from the cache. */
  fromCache: number;
  tokens: number;
}
