import type { LlmErrorKind } from '@persona/llm';
import { DEFAULT_RERANK_OPTIONS } from '../recommender.config.js';
import type { ListwiseRanker, ListwiseRankingOutcome } from '../llm-ranking/listwise-ranking.types.js';
import { explain } from '../ranking/explanation.builder.js';
import { ClassicalRanker, type RecallParts } from '../ranking/classical.ranker.js';
import { sourcesOf, type RankedCandidate } from '../ranking/ranked-candidate.js';
import type { UserContext } from '../ranking/user-context.js';
import { exclusionFilter, rerank } from '../rerank/rerank.js';
import type {
  BlendWeights,
  Engine,
  FallbackReason,
  GroundingReport,
  Interaction,
  RankOptions,
  RecommendationResult,
  RecommendRequest,
  RecommenderConfig,
  RecommenderStats,
  RerankOptions,
  SegmentContext,
} from '../recommender.types.js';
import { RecommenderError } from '../recommender.error.js';
import type { UserHistoryStore } from './user-history.store.js';

/** History titles handed to the LLM ranker (its token budget trims further). */
const LLM_HISTORY_ITEMS = 50;

export type ObserveOutcome = { applied: true } | { applied: false; reason: 'unknown_item' | 'invalid_event' | 'not_an_interaction' };

interface Ranking {
  engine: Engine;
  fallbackReason: FallbackReason | null;
  candidates: RankedCandidate[];
  tokens: { prompt: number; completion: number };
  grounding: GroundingReport | null;
}

/**
 * A fitted recommender: recall + classical (or LLM) ranking + rerank over an in-memory model.
 * Immutable apart from `observe`, which folds new events into histories and popularity until the
 * next refit replaces the whole model.
 */
export class RecommenderModel {
  private readonly classical: ClassicalRanker;
  private observed = 0;

  constructor(
    private readonly parts: RecallParts,
    private readonly histories: UserHistoryStore,
    readonly config: RecommenderConfig,
    private readonly fitInfo: { fittedAt: number; fitMs: number; interactions: number; embeddingError: LlmErrorKind | null },
    private readonly llmRanker: ListwiseRanker | null,
  ) {
    this.classical = new ClassicalRanker(parts, config);
  }

  /** The top `limit` items for a user, with scores, recall sources and explanations. */
  async recommend(request: RecommendRequest): Promise<RecommendationResult> {
    const started = performance.now();
    if (!Number.isInteger(request.limit) || request.limit < 1) {
      throw new RecommenderError('INVALID_INPUT', `limit must be a positive integer, got ${request.limit}`);
    }
    const options = { ...DEFAULT_RERANK_OPTIONS, ...request.rerank };
    const user = this.userContext(request.userId);
    const catalog = this.parts.catalog;
    const excluded = exclusionFilter(catalog, options, user.consumed);
    const classical = this.classical.recommend(user, request.limit, excluded);
    const ranking = await this.rankWith(request.engine ?? 'classical', user, classical);
    const final = rerank(ranking.candidates, request.limit, options, {
      catalog,
      consumed: user.consumed,
      now: request.now ?? this.fitInfo.fittedAt,
    });
    return this.result(request.userId, user, ranking, final, request.segment, started);
  }

  /** Orders the platform's own candidates for a user; unknown ids come last, in the order given. */
  async rank(userId: string, candidateIds: readonly string[], options: RankOptions = {}): Promise<RecommendationResult> {
    const started = performance.now();
    const user = this.userContext(userId);
    const known: number[] = [];
    const unknown: string[] = [];
    const seen = new Set<string>();
    for (const id of candidateIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      const item = this.parts.catalog.indexOf(id);
      if (item === undefined) unknown.push(id);
      else known.push(item);
    }
    const classical = this.classical.rank(user, known);
    const ranking = await this.rankWith(options.engine ?? 'classical', user, classical);
    const rerankOptions: RerankOptions = { ...DEFAULT_RERANK_OPTIONS, removeConsumed: false, ...options.rerank };
    const final = rerank(ranking.candidates, ranking.candidates.length, rerankOptions, {
      catalog: this.parts.catalog,
      consumed: user.consumed,
      now: options.now ?? this.fitInfo.fittedAt,
    });
    const result = this.result(userId, user, ranking, final, options.segment, started);
    for (const itemId of unknown) {
      result.items.push({ itemId, score: 0, sources: [], explanation: { kind: 'new_item', text: 'New to the catalog' } });
    }
    return result;
  }

  /** Folds an event in between refits: the user's history (and so CF, content and transition recall) and popularity. */
  observe(interaction: Interaction): ObserveOutcome {
    const item = this.parts.catalog.indexOf(interaction.itemId);
    if (item === undefined) return { applied: false, reason: 'unknown_item' };
    if (!Number.isFinite(interaction.at) || !(interaction.type in this.config.eventWeights)) {
      return { applied: false, reason: 'invalid_event' };
    }
    // An impression says the item was shown, not wanted: it must not mark the item as consumed.
    if (interaction.type === 'impression') return { applied: false, reason: 'not_an_interaction' };
    this.histories.append(interaction.userId, item, interaction);
    const weight = this.config.eventWeights[interaction.type];
    if (weight > 0) this.parts.popularity.observe(item, weight, interaction.at);
    this.observed++;
    return { applied: true };
  }

  stats(): RecommenderStats {
    const { catalog, popularity, itemCf, content, transitions, embeddings } = this.parts;
    return {
      fittedAt: this.fitInfo.fittedAt,
      fitMs: this.fitInfo.fitMs,
      memoryBytes:
        catalog.bytes + this.histories.bytes + popularity.bytes + itemCf.bytes + content.bytes + transitions.bytes + (embeddings?.bytes ?? 0),
      items: catalog.size,
      users: this.histories.userCount,
      interactions: this.fitInfo.interactions,
      itemCfPairs: itemCf.pairs,
      contentPairs: content.pairs,
      transitionPairs: transitions.pairs,
      observedSinceFit: this.observed,
      embeddings: embeddings?.report ?? null,
      embeddingError: this.fitInfo.embeddingError,
    };
  }

  /**
   * The same fitted model ranked with other blend weights (no refit): for tuning and A/B tests.
   * It shares histories and popularity with this model, so events observed on either reach both.
   */
  withBlend(blend: Partial<BlendWeights>): RecommenderModel {
    return new RecommenderModel(this.parts, this.histories, { ...this.config, blend: { ...this.config.blend, ...blend } }, this.fitInfo, this.llmRanker);
  }

  /** Item ids in the catalog the model was fitted on. */
  itemIds(): readonly string[] {
    return this.parts.catalog.ids;
  }

  private async rankWith(engine: Engine, user: UserContext, classical: RankedCandidate[]): Promise<Ranking> {
    const none = { prompt: 0, completion: 0 };
    const classicalRanking: Ranking = { engine: 'classical', fallbackReason: null, candidates: classical, tokens: none, grounding: null };
    if (engine === 'classical' || classical.length === 0) return classicalRanking;
    if (!this.llmRanker) return { ...classicalRanking, fallbackReason: 'llm_not_configured' };
    const head = classical.slice(0, this.llmRanker.candidateCount);
    const catalog = this.parts.catalog;
    const history = user.recentItems.slice(0, LLM_HISTORY_ITEMS).reverse().map((item) => catalog.titles[item] as string);
    const outcome: ListwiseRankingOutcome = await this.llmRanker.rank({
      history,
      candidates: head.map((c) => ({ itemId: catalog.idAt(c.item), title: catalog.titles[c.item] as string, category: catalog.categories[c.item] as string })),
      priorScores: head.map((c) => c.score),
      seedKey: `${user.lastItem}:${head.map((c) => c.item).join(',')}`,
    });
    if (!outcome.ok) return { ...classicalRanking, fallbackReason: outcome.fallbackReason, tokens: outcome.tokens };
    // Scores are placed above every classical-only score so the LLM head stays ahead of the tail.
    const tailTop = classical[head.length]?.score ?? 0;
    const reordered = outcome.order.map((position) => {
      const candidate = head[position] as RankedCandidate;
      const reason = outcome.reasons[position];
      return { ...candidate, score: tailTop + 1 + (outcome.scores[position] as number), ...(reason ? { llmReason: reason } : {}) };
    });
    return {
      engine: 'llm',
      fallbackReason: null,
      candidates: [...reordered, ...classical.slice(head.length)],
      tokens: outcome.tokens,
      grounding: outcome.grounding,
    };
  }

  private result(
    userId: string,
    user: UserContext,
    ranking: Ranking,
    final: RankedCandidate[],
    segment: SegmentContext | undefined,
    started: number,
  ): RecommendationResult {
    const catalog = this.parts.catalog;
    return {
      userId,
      engine: ranking.engine,
      fallbackReason: ranking.fallbackReason,
      coldStart: user.recentItems.length === 0,
      items: final.map((c) => ({
        itemId: catalog.idAt(c.item),
        score: c.score,
        sources: sourcesOf(c),
        explanation: explain(c, catalog, segment),
      })),
      latencyMs: performance.now() - started,
      tokens: ranking.tokens,
      grounding: ranking.grounding,
    };
  }

  private userContext(userId: string): UserContext {
    const index = this.histories.indexOf(userId);
    if (index === undefined) return { recentItems: [], recentWeights: [], lastItem: -1, consumed: new Set() };
    const events = this.histories.eventsOf(index);
    const recentItems: number[] = [];
    const recentWeights: number[] = [];
    const seen = new Set<number>();
    const halfLife = this.config.queryHistoryHalfLife;
    for (let k = events.length - 1; k >= 0 && recentItems.length < this.config.queryHistoryLength; k--) {
      const item = events.items[k] as number;
      if (seen.has(item)) continue;
      seen.add(item);
      recentWeights.push(Math.pow(2, -recentItems.length / halfLife) * Math.sqrt(events.weights[k] as number));
      recentItems.push(item);
    }
    return { recentItems, recentWeights, lastItem: recentItems[0] ?? -1, consumed: this.histories.consumedBy(index) };
  }
}
