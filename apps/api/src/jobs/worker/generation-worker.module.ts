import { Module, type DynamicModule } from '@nestjs/common';
import { AudienceModule } from '../../audience/audience.module.js';
import { CatalogModule } from '../../catalog/catalog.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { GenerationModule } from '../../generation/generation.module.js';
import { GenerationProcessor } from './generation.processor.js';
import { JobsModule } from '../jobs.module.js';
import { TextBatchRunner } from './text-batch.runner.js';
import { VariantChildRunner } from './variant-child.runner.js';
import { workerLlmProviders } from '../llm-budget/worker-llm.provider.js';

/** The generation queue's processors: in `npm run worker` processes, or inside an API on PGlite. */
@Module({})
export class GenerationWorkerModule {
  static with(config: AppConfig): DynamicModule {
    return {
      module: GenerationWorkerModule,
      imports: [JobsModule, GenerationModule, CatalogModule, AudienceModule],
      providers: [...workerLlmProviders, VariantChildRunner, TextBatchRunner, GenerationProcessor.configure(config)],
    };
  }
}
