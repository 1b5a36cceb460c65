import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { LlmModule } from '../llm/llm.module.js';
import { VariantGenerationService } from './variant-generation.service.js';
import { VariantReviewService } from './variant-review.service.js';
import { VariantsController } from './variants.controller.js';
import { VariantsRepository } from './variants.repository.js';

@Module({
  imports: [CatalogModule, AudienceModule, LlmModule],
  controllers: [VariantsController],
  providers: [VariantsRepository, VariantGenerationService, VariantReviewService],
  exports: [VariantsRepository, VariantGenerationService],
})
export class GenerationModule {}
