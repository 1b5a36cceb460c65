import { Inject, Injectable } from '@nestjs/common';
import type { Engine, RecommendationResult, SegmentContext } from '@persona/recommender';
import {
  ErrorCode,
  PlatformError,
  type TRankingEngine,
  type TRankRequest,
  type TRecommendationQuery,
  type TRecommendationResponse,
  type TRecommenderStatus,
} from '@persona/shared';
import { CurrentSegments } from '../audience/current-segments.js';
import { UsersRepository } from '../audience/users.repository.js';
import { ItemsRepository } from '../catalog/items.repository.js';
import type { ItemSummary } from './recommender-data.repository.js';
import { RecommenderRegistry, type FittedRecommender } from './recommender-registry.service.js';
import { assignSegment, popularityAsFitted } from './segment-assignment.js';

@Injectable()
export class RecommendationsService {
  constructor(
    @Inject(RecommenderRegistry) private readonly registry: RecommenderRegistry,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ItemsRepository) private readonly items: ItemsRepository,
    @Inject(CurrentSegments) private readonly segments: CurrentSegments,
  ) {}

  async recommend(workspaceId: string, userId: string, query: TRecommendationQuery): Promise<TRecommendationResponse> {
    const { fitted, segment } = await this.context(workspaceId, userId);
    const result = await fitted.model.recommend({
      userId,
      limit: query.limit,
      engine: this.engineFor(query.engine),
      rerank: {
        ...(query.diversity !== undefined ? { diversityLambda: query.diversity } : {}),
        ...(query.excludeCategories ? { excludeCategories: query.excludeCategories } : {}),
      },
      ...(segment ? { segment: segment.context } : {}),
      now: Date.now(),
    });
    return this.toResponse(workspaceId, result, fitted, segment, query.explain);
  }

  async rank(workspaceId: string, request: TRankRequest): Promise<TRecommendationResponse> {
    const unique = [...new Set(request.candidateIds)];
    const known = await this.items.existingIds(workspaceId, unique);
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new PlatformError(ErrorCode.ValidationFailed, `Unknown candidate items: ${unknown.join(', ')}`, {
        errors: unknown.map((id) => ({ path: 'body.candidateIds', message: `unknown item ${id}` })),
      });
    }
    const { fitted, segment } = await this.context(workspaceId, request.userId);
    const result = await fitted.model.rank(request.userId, unique, {
      engine: this.engineFor(request.engine),
      ...(segment ? { segment: segment.context } : {}),
      now: Date.now(),
    });
    return this.toResponse(workspaceId, result, fitted, segment, request.explain);
  }

  async status(workspaceId: string, refit: boolean): Promise<TRecommenderStatus> {
    const { model } = refit ? await this.registry.refit(workspaceId) : await this.registry.get(workspaceId);
    const stats = model.stats();
    return {
      fittedAt: new Date(stats.fittedAt).toISOString(),
      fitMs: Math.round(stats.fitMs),
      memoryBytes: stats.memoryBytes,
      items: stats.items,
      users: stats.users,
      interactions: stats.interactions,
      observedSinceFit: stats.observedSinceFit,
      llmConfigured: this.registry.llmConfigured,
    };
  }

  /** `auto` means the LLM ranker when one is configured. */
  private engineFor(engine: TRankingEngine): Engine {
    if (engine === 'auto') return this.registry.llmConfigured ? 'llm' : 'classical';
    return engine;
  }

  /**
   * The model and the user's segment, assigned from the user's attributes and the workspace's
   * segments as they are now (not as at the fit): one database round trip reads the user with the
   * segments version, and the segments are read again only when that version has moved.
   */
  private async context(workspaceId: string, userId: string) {
    const found = await this.users.findWithSegmentsVersion(workspaceId, userId);
    if (!found) throw new PlatformError(ErrorCode.NotFound, `User ${userId} not found`);
    const [fitted, segments] = await Promise.all([
      this.registry.get(workspaceId),
      this.segments.at(workspaceId, found.segmentsVersion),
    ]);
    const assigned = assignSegment(segments, found.user.attributes);
    const segment = assigned
      ? {
          id: assigned.id,
          name: assigned.name,
          context: {
            name: assigned.name,
            itemPopularity: popularityAsFitted(assigned, fitted.segments, fitted.segmentPopularity),
          } satisfies SegmentContext,
        }
      : null;
    return { fitted, segment };
  }

  private async toResponse(
    workspaceId: string,
    result: RecommendationResult,
    fitted: FittedRecommender,
    segment: { id: string; name: string } | null,
    explain: boolean,
  ): Promise<TRecommendationResponse> {
    // Items created since the last fit are not in the model's catalog yet; read them directly.
    const sinceFit = new Map<string, ItemSummary>();
    for (const { itemId } of result.items) {
      if (fitted.summaries.has(itemId)) continue;
      const item = await this.items.find(workspaceId, itemId);
      if (item) sinceFit.set(itemId, item);
    }
    return {
      userId: result.userId,
      engine: result.engine,
      fallbackReason: result.fallbackReason,
      coldStart: result.coldStart,
      segment: segment ? { id: segment.id, name: segment.name } : null,
      latencyMs: Math.round(result.latencyMs * 100) / 100,
      tokens: result.tokens,
      items: result.items.map((recommended, index) => {
        const { title, category, tags, imageAssetId } = (fitted.summaries.get(recommended.itemId) ?? sinceFit.get(recommended.itemId))!;
        return {
          itemId: recommended.itemId,
          rank: index + 1,
          score: recommended.score,
          sources: recommended.sources,
          explanation: explain ? recommended.explanation : null,
          item: { title, category, tags, imageAssetId },
        };
      }),
    };
  }
}
