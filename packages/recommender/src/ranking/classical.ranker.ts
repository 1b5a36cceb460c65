import type { ItemCatalogIndex } from '../model/item-catalog.index.js';
import type { NeighbourLists } from '../model/neighbour-lists.js';
import { selectTopK } from '../model/top-k.selector.js';
import type { EmbeddingIndex } from '../recall/embedding.index.js';
import type { PopularityRecall } from '../recall/popularity.recall.js';
import type { RecommenderConfig } from '../recommender.types.js';
import { RECALL_SOURCES, type RankedCandidate } from './ranked-candidate.js';
import type { UserContext } from './user-context.js';

export interface RecallParts {
  catalog: ItemCatalogIndex;
  popularity: PopularityRecall;
  itemCf: NeighbourLists;
  content: NeighbourLists;
  transitions: NeighbourLists;
  embeddings: EmbeddingIndex | null;
}

const POPULARITY = 0;
const ITEM_CF = 1;
const CONTENT = 2;
const TRANSITION = 3;
const EMBEDDING = 4;

/**
 * Recall and the classical ranker in one pass: each source writes scores into a dense scratch
 * array over item indices, candidates are the union of each source's best, and the ranking score
 * is a linear blend of the per-source scores normalised by that source's best score for this user.
 * Scratch arrays are reused across calls (the work is synchronous, so calls never interleave).
 */
export class ClassicalRanker {
  private readonly dense: Float32Array[];
  private readonly related: Int32Array[];
  private readonly bestContribution: Float32Array[];
  private readonly touched: number[][] = RECALL_SOURCES.map(() => []);
  private readonly weights: Float32Array;

  constructor(
    private readonly parts: RecallParts,
    private readonly config: RecommenderConfig,
  ) {
    const n = parts.catalog.size;
    this.dense = RECALL_SOURCES.map(() => new Float32Array(n));
    this.related = RECALL_SOURCES.map(() => new Int32Array(n).fill(-1));
    this.bestContribution = RECALL_SOURCES.map(() => new Float32Array(n));
    this.weights = Float32Array.from(RECALL_SOURCES, (source) => config.blend[source]);
  }

  /** The merged recall pool for the user, best first, without `exclude`d items; at least `limit` long when the catalog allows. */
  recommend(user: UserContext, limit: number, exclude: (item: number) => boolean): RankedCandidate[] {
    const max = this.scoreSources(user);
    const pool = new Set<number>();
    const perSource = this.config.recallPerSource;
    RECALL_SOURCES.forEach((_, s) => {
      if (s === POPULARITY || this.weights[s] === 0) return;
      const touched = this.touched[s] as number[];
      const open = touched.filter((item) => !exclude(item));
      for (const item of selectTopK(open, open.length, this.dense[s] as Float32Array, perSource)) pool.add(item);
    });
    let popular = 0;
    for (const item of this.parts.popularity.ranked()) {
      if (popular >= Math.max(perSource, limit)) break;
      if (exclude(item)) continue;
      pool.add(item);
      popular++;
    }
    const ranked = [...pool].map((item) => this.candidate(item, max));
    this.reset();
    return ranked.sort((a, b) => b.score - a.score || a.item - b.item);
  }

  /** Scores the given items (all of them, recalled or not), best first. */
  rank(user: UserContext, items: readonly number[]): RankedCandidate[] {
    const max = this.scoreSources(user);
    const ranked = items.map((item) => this.candidate(item, max));
    this.reset();
    return ranked.sort((a, b) => b.score - a.score || a.item - b.item);
  }

  private candidate(item: number, max: Float32Array): RankedCandidate {
    const contributions = new Float32Array(RECALL_SOURCES.length);
    const relatedItems = new Int32Array(RECALL_SOURCES.length).fill(-1);
    let score = 0;
    for (let s = 0; s < RECALL_SOURCES.length; s++) {
      const raw = s === POPULARITY ? (this.parts.popularity.scores[item] as number) : ((this.dense[s] as Float32Array)[item] as number);
      const m = max[s] as number;
      if (raw <= 0 || m <= 0) continue;
      const c = ((this.weights[s] as number) * raw) / m;
      contributions[s] = c === 0 ? Number.MIN_VALUE : c;
      relatedItems[s] = (this.related[s] as Int32Array)[item] as number;
      score += c;
    }
    return { item, score, contributions, relatedItems };
  }

  /** Fills the dense per-source scores; returns each source's maximum, the normaliser. */
  private scoreSources(user: UserContext): Float32Array {
    const max = new Float32Array(RECALL_SOURCES.length);
    const order = this.parts.popularity.ranked();
    max[POPULARITY] = order.length > 0 ? (this.parts.popularity.scores[order[0] as number] as number) : 0;
    user.recentItems.forEach((h, k) => {
      const w = user.recentWeights[k] as number;
      this.spread(ITEM_CF, this.parts.itemCf, h, w);
      this.spread(CONTENT, this.parts.content, h, w);
    });
    if (user.lastItem >= 0) this.spread(TRANSITION, this.parts.transitions, user.lastItem, 1);
    const embeddings = this.parts.embeddings;
    if (embeddings && user.recentItems.length > 0 && this.weights[EMBEDDING] !== 0) {
      const dense = this.dense[EMBEDDING] as Float32Array;
      embeddings.scoreAgainst(user.recentItems, user.recentWeights, dense);
      const touched = this.touched[EMBEDDING] as number[];
      for (let i = 0; i < dense.length; i++) if ((dense[i] as number) > 0) touched.push(i);
    }
    for (let s = 1; s < RECALL_SOURCES.length; s++) {
      const dense = this.dense[s] as Float32Array;
      let m = 0;
      for (const item of this.touched[s] as number[]) m = Math.max(m, dense[item] as number);
      max[s] = m;
    }
    return max;
  }

  private spread(source: number, lists: NeighbourLists, from: number, weight: number): void {
    const dense = this.dense[source] as Float32Array;
    const touched = this.touched[source] as number[];
    const related = this.related[source] as Int32Array;
    const best = this.bestContribution[source] as Float32Array;
    for (let p = lists.offsets[from] as number; p < (lists.offsets[from + 1] as number); p++) {
      const j = lists.ids[p] as number;
      const c = weight * (lists.scores[p] as number);
      if (dense[j] === 0) touched.push(j);
      dense[j] = (dense[j] as number) + c;
      if (c > (best[j] as number)) {
        best[j] = c;
        related[j] = from;
      }
    }
  }

  private reset(): void {
    RECALL_SOURCES.forEach((_, s) => {
      const dense = this.dense[s] as Float32Array;
      const related = this.related[s] as Int32Array;
      const best = this.bestContribution[s] as Float32Array;
      for (const item of this.touched[s] as number[]) {
        dense[item] = 0;
        related[item] = -1;
        best[item] = 0;
      }
      (this.touched[s] as number[]).length = 0;
    });
  }
}
