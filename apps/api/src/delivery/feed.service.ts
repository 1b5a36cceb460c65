import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, PlatformError } from '@persona/shared';
import { PRIOR } from '@persona/recommender';
import type { TBanditState, TBanditStateQuery, TFeedItem, TFeedQuery, TFeedResponse, TServedImage } from '@persona/shared';
import { RecommendationsService } from '../recommendations/recommendations.service.js';
import { ArmChooser, type ArmChoice } from './arm-chooser.js';
import { ASSET_URL_SIGNER, type AssetUrlSigner } from './asset-url.signer.js';
import { DeliverySettingsService } from './delivery-settings.service.js';
import { ExposureLogRepository, type Exposure } from './exposure-log.repository.js';
import { ServedCandidatesRepository, type ServedCandidate } from './served-candidates.repository.js';
import { STICKY_ASSIGNMENTS, type StickyAssignment, type StickyAssignmentsStore } from './sticky-assignments.store.js';

/**
 * `count` served ids of 16 random bytes each: unguessable, so a client cannot credit events to
 * exposures it was not served. One call to the random source per feed, not one per item.
 */
function newServedIds(count: number, preview: boolean): string[] {
  const bytes = randomBytes(16 * count);
  // A preview's id names no exposure; its own prefix says so to anyone reading an event log.
  const prefix = preview ? 'prv' : 'srv';
  return Array.from({ length: count }, (_, i) => `${prefix}_${bytes.subarray(16 * i, 16 * (i + 1)).toString('base64url')}`);
}

/**
 * The feed: the ranked items (RecommendationsService), each in the arm chosen for the user's
 * segment (ArmChooser), with signed image URLs. Reads: the candidates and counters (one database
 * round trip, one statement; the approved variants come from this instance's cache while the
 * workspace's variants version is unchanged, see ServedCandidatesRepository) and the sticky
 * assignments (one Redis round trip, in parallel with it). Writes never hold the response:
 * exposures go to the group-committed log, new sticky assignments to Redis. A preview reads the same state and chooses the same way but
 * writes neither, so a studio looking at a feed does not teach the bandit.
 */
@Injectable()
export class FeedService {
  constructor(
    @Inject(ArmChooser) private readonly chooser: ArmChooser,
    @Inject(RecommendationsService) private readonly recommendations: RecommendationsService,
    @Inject(ServedCandidatesRepository) private readonly candidates: ServedCandidatesRepository,
    @Inject(DeliverySettingsService) private readonly settings: DeliverySettingsService,
    @Inject(ExposureLogRepository) private readonly exposures: ExposureLogRepository,
    @Inject(STICKY_ASSIGNMENTS) private readonly stickiness: StickyAssignmentsStore,
    @Inject(ASSET_URL_SIGNER) private readonly signer: AssetUrlSigner,
  ) {}

  async feed(workspaceId: string, userId: string, query: TFeedQuery): Promise<TFeedResponse> {
    const started = performance.now();
    const ranked = await this.recommendations.recommend(workspaceId, userId, query);
    const itemIds = ranked.items.map((item) => item.itemId);
    const segmentId = ranked.segment?.id ?? null;
    const [candidates, settings, sticky] = await Promise.all([
      this.candidates.load(workspaceId, itemIds, segmentId, query.format),
      this.settings.get(workspaceId),
      segmentId ? this.stickiness.read(workspaceId, segmentId, userId, itemIds) : Promise.resolve(new Map<string, StickyAssignment>()),
    ]);
    const servedAt = new Date();
    const exposures: Exposure[] = [];
    const newAssignments = new Map<string, StickyAssignment>();
    const items: TFeedItem[] = [];
    const servedIds = newServedIds(ranked.items.length, query.preview);
    for (const recommended of ranked.items) {
      const candidate = candidates.get(recommended.itemId);
      if (!candidate) continue; // deleted since it was ranked
      const kept = settings.stickyWindowSeconds > 0 ? sticky.get(recommended.itemId) : undefined;
      const choice = this.chooser.choose(candidate, segmentId, settings, kept, Math.random);
      const servedId = servedIds[items.length]!;
      exposures.push({
        workspaceId,
        servedId,
        userId,
        itemId: recommended.itemId,
        segmentId,
        arm: choice.arm,
        variantId: choice.variant?.id ?? null,
        imageVariantId: choice.variant?.image?.variantId ?? null,
        policy: choice.policy,
        reason: choice.reason,
        propensity: choice.propensity,
        position: items.length + 1,
        sticky: choice.sticky,
        servedAt,
      });
      if (segmentId && choice.policy && !choice.sticky) {
        newAssignments.set(recommended.itemId, { segmentId, arm: choice.arm, policy: choice.policy, propensity: choice.propensity });
      }
      items.push({
        servedId,
        itemId: recommended.itemId,
        rank: items.length + 1,
        score: recommended.score,
        sources: recommended.sources,
        explanation: recommended.explanation,
        variant: choice.variant
          ? { id: choice.variant.id, segmentId: segmentId!, imageVariantId: choice.variant.image?.variantId ?? null }
          : null,
        reason: choice.reason,
        policy: choice.policy,
        propensity: choice.propensity,
        sticky: choice.sticky,
        content: this.content(candidate, choice),
        image: this.image(candidate, choice),
      });
    }
    if (!query.preview) {
      this.exposures.record(exposures);
      void this.stickiness.write(workspaceId, userId, newAssignments, settings.stickyWindowSeconds);
    }
    return {
      userId: ranked.userId,
      engine: ranked.engine,
      fallbackReason: ranked.fallbackReason,
      coldStart: ranked.coldStart,
      segment: ranked.segment,
      format: query.format,
      preview: query.preview,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      items,
    };
  }

  /** What the bandit knows about an item for a segment, as every API instance sees it. */
  async banditState(workspaceId: string, query: TBanditStateQuery): Promise<TBanditState> {
    const [candidates, settings] = await Promise.all([
      this.candidates.load(workspaceId, [query.itemId], query.segmentId, 'square'),
      this.settings.get(workspaceId),
    ]);
    const candidate = candidates.get(query.itemId);
    if (!candidate) throw new PlatformError(ErrorCode.NotFound, `Item ${query.itemId} not found`);
    const arms = candidate.variants.length ? this.chooser.arms(candidate, settings) : [];
    const probabilities = this.chooser.probabilitiesOf(arms, settings);
    return {
      itemId: query.itemId,
      segmentId: query.segmentId,
      policy: settings.policy,
      arms: arms.map((arm, i) => ({
        arm: arm.id,
        exposures: arm.successes + arm.failures,
        clicks: arm.successes,
        prior: arm.prior ?? PRIOR,
        probability: probabilities[i]!,
      })),
    };
  }

  private content(candidate: ServedCandidate, choice: ArmChoice): TFeedItem['content'] {
    const { category, tags } = candidate.original;
    if (choice.variant) {
      const { title, summary, body, cta } = choice.variant.text;
      return { title, summary, body, cta, category, tags };
    }
    return { title: candidate.original.title, summary: null, body: candidate.original.body, cta: null, category, tags };
  }

  /** The variant's rendition in the format when it has one, otherwise the item's own image (which carries no headline). */
  private image(candidate: ServedCandidate, choice: ArmChoice): TServedImage | null {
    const rendition = choice.variant?.image?.rendition;
    if (rendition) {
      const { url, expiresAt } = this.signer.sign(rendition.assetId);
      return {
        assetId: rendition.assetId,
        url,
        expiresAt: expiresAt.toISOString(),
        channelFormat: rendition.channelFormat,
        width: rendition.width,
        height: rendition.height,
      };
    }
    const original = candidate.original.image;
    if (!original) return null;
    const { url, expiresAt } = this.signer.sign(original.assetId);
    return { assetId: original.assetId, url, expiresAt: expiresAt.toISOString(), channelFormat: null, width: original.width, height: original.height };
  }
}
