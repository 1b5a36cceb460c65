import { Inject, Injectable, Logger } from '@nestjs/common';
import { fitRecommender, type FitPorts, type Interaction, type RecommenderModel } from '@persona/recommender';
import type { TSegment } from '@persona/shared';
import { SegmentsRepository } from '../audience/segments.repository.js';
import { RecommenderDataRepository, type ItemSummary } from './recommender-data.repository.js';
import { segmentPopularity } from './segment-assignment.js';

/** Injection token for the LLM-backed parts of a fit (ranker, embeddings); empty when offline. */
export const RECOMMENDER_PORTS = Symbol('RECOMMENDER_PORTS');

export interface FittedRecommender {
  model: RecommenderModel;
  summaries: Map<string, ItemSummary>;
  /** The segments as they were at the fit: what `segmentPopularity` was counted for (users are assigned from the current ones). */
  segments: TSegment[];
  segmentPopularity: Map<string, Record<string, number>>;
}

/**
 * One fitted model per workspace, held in memory. A fit reads the workspace's catalog and event
 * log; between fits, new events reach the model through `observe`. Concurrent callers share one
 * fit in progress, and a refit swaps the model only when it is complete.
 */
@Injectable()
export class RecommenderRegistry {
  private readonly logger = new Logger('Recommender');
  private readonly fitted = new Map<string, FittedRecommender>();
  private readonly fitting = new Map<string, Promise<FittedRecommender>>();

  constructor(
    @Inject(RecommenderDataRepository) private readonly data: RecommenderDataRepository,
    @Inject(SegmentsRepository) private readonly segments: SegmentsRepository,
    @Inject(RECOMMENDER_PORTS) private readonly ports: FitPorts,
  ) {}

  get llmConfigured(): boolean {
    return Boolean(this.ports.llmRanker);
  }

  async get(workspaceId: string): Promise<FittedRecommender> {
    return this.fitted.get(workspaceId) ?? this.refit(workspaceId);
  }

  refit(workspaceId: string): Promise<FittedRecommender> {
    const inProgress = this.fitting.get(workspaceId);
    if (inProgress) return inProgress;
    const fit = this.fit(workspaceId).finally(() => this.fitting.delete(workspaceId));
    this.fitting.set(workspaceId, fit);
    return fit;
  }

  /**
   * Refits every fitted workspace (the refit job's work), so what `observe` cannot fold in (new
   * neighbours, new items) arrives within one interval. A failed refit keeps the previous model.
   */
  async refitAll(): Promise<{ refitted: number; failed: number }> {
    const outcomes = await Promise.allSettled([...this.fitted.keys()].map((workspaceId) => this.refit(workspaceId)));
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    for (const failure of failed) this.logger.error(`Refit failed; keeping the previous model: ${String(failure.reason)}`);
    return { refitted: outcomes.length - failed.length, failed: failed.length };
  }

  /** Feeds new events to a fitted model; a workspace not fitted yet will read them at its fit. */
  observe(workspaceId: string, interactions: readonly Interaction[]): void {
    const current = this.fitted.get(workspaceId);
    if (!current) return;
    for (const interaction of interactions) current.model.observe(interaction);
  }

  private async fit(workspaceId: string): Promise<FittedRecommender> {
    const [{ items, summaries }, interactions, segments, users] = await Promise.all([
      this.data.catalog(workspaceId),
      this.data.interactions(workspaceId),
      this.segments.all(workspaceId),
      this.data.userAttributes(workspaceId),
    ]);
    const model = await fitRecommender({ items, interactions, now: Date.now() }, {}, this.ports);
    const fitted = { model, summaries, segments, segmentPopularity: segmentPopularity(segments, users, interactions) };
    this.fitted.set(workspaceId, fitted);
    const stats = model.stats();
    this.logger.log(
      `Fitted ${workspaceId}: ${stats.items} items, ${stats.users} users, ${stats.interactions} interactions in ${Math.round(stats.fitMs)} ms (~${Math.round(stats.memoryBytes / 1e6)} MB).`,
    );
    return fitted;
  }
}
