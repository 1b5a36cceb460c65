import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module.js';
import { EventsService } from '../audience/events.service.js';
import { ArmChooser } from './arm-chooser.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RecommendationsModule } from '../recommendations/recommendations.module.js';
import { ASSET_URL_SIGNER, AssetUrlSigner } from './asset-url.signer.js';
import { resolveAssetUrlSecret } from './asset-url-secret.js';
import { DeliverySettingsRepository } from './delivery-settings.repository.js';
import { DeliverySettingsService } from './delivery-settings.service.js';
import { ExposureLogRepository } from './exposure-log.repository.js';
import { FeedController } from './feed.controller.js';
import { FeedService } from './feed.service.js';
import { ServedAssetRepository } from './served-asset.repository.js';
import { ServedCandidatesRepository } from './served-candidates.repository.js';
import { SignedContentController } from './signed-content.controller.js';
import { STICKY_ASSIGNMENTS, StickyAssignmentsStore } from './sticky-assignments.store.js';

/** Serving variants, signed image URLs, the exposure log, attribution and the bandit's state. */
@Module({
  imports: [AudienceModule, RecommendationsModule],
  controllers: [FeedController, SignedContentController],
  providers: [
    FeedService,
    DeliverySettingsRepository,
    DeliverySettingsService,
    ExposureLogRepository,
    ServedCandidatesRepository,
    ServedAssetRepository,
    {
      provide: ASSET_URL_SIGNER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new AssetUrlSigner(resolveAssetUrlSecret(config), config.delivery.assetUrlTtlSeconds, config.delivery.publicApiUrl ?? ''),
    },
    { provide: ArmChooser, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ArmChooser(config.delivery.thompsonRefreshMs) },
    {
      provide: STICKY_ASSIGNMENTS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new StickyAssignmentsStore(config.redisUrl, config.jobs.queuePrefix),
    },
  ],
  exports: [ExposureLogRepository, DeliverySettingsService],
})
export class DeliveryModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(ExposureLogRepository) private readonly exposures: ExposureLogRepository,
    @Inject(STICKY_ASSIGNMENTS) private readonly stickiness: StickyAssignmentsStore,
  ) {}

  /** Events that carry a servedId are credited to their exposure as they are ingested. */
  onModuleInit(): void {
    this.events.attributeWith((workspaceId, rows) =>
      this.exposures.attribute(
        workspaceId,
        rows.flatMap((row) =>
          row.servedId
            ? [{ eventId: row.id, servedId: row.servedId, userId: row.userId, itemId: row.itemId, type: row.type, at: row.at! }]
            : [],
        ),
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.exposures.onApplicationShutdown();
    await this.stickiness.close();
  }
}
