import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module.js';
import { EventsService } from '../audience/events.service.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { LlmModule } from '../llm/llm.module.js';
import { EmbeddingCacheRepository } from './embedding-cache.repository.js';
import { RecommendationsController } from './recommendations.controller.js';
import { RecommendationsService } from './recommendations.service.js';
import { RecommenderDataRepository } from './recommender-data.repository.js';
import { RecommenderRegistry } from './recommender-registry.service.js';
import { recommenderPortsProvider } from './recommender-ports.provider.js';

@Module({
  imports: [AudienceModule, CatalogModule, LlmModule],
  controllers: [RecommendationsController],
  providers: [
    RecommenderDataRepository,
    RecommenderRegistry,
    RecommendationsService,
    EmbeddingCacheRepository,
    recommenderPortsProvider,
  ],
  exports: [RecommenderRegistry, RecommendationsService],
})
export class RecommendationsModule implements OnModuleInit {
  constructor(
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(RecommenderRegistry) private readonly registry: RecommenderRegistry,
  ) {}

  /** Stored events reach the fitted model at once, so feeds react before the next refit. */
  onModuleInit(): void {
    this.events.onIngested((workspaceId, rows) =>
      this.registry.observe(
        workspaceId,
        rows.map((row) => ({ userId: row.userId, itemId: row.itemId, type: row.type, at: row.at!.getTime() })),
      ),
    );
  }
}
