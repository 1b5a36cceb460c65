import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { GenerationRuns } from './runs/generation-runs.js';
import { QueueLedger } from './runs/queue-ledger.js';
import { GenerationJobsController } from './http/generation-jobs.controller.js';
import { GenerationJobsRepository } from './store/generation-jobs.repository.js';
import { GenerationJobsService } from './http/generation-jobs.service.js';
import { RetryPolicy } from './retry-policy.js';
import { bullConnection, GENERATION_FLOW, GENERATION_QUEUE, MAINTENANCE_QUEUE } from './job-queues.js';

/** The queues and the HTTP side of batch generation: submitting, watching, retrying, canceling. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: bullConnection(config.redisUrl), prefix: config.jobs.queuePrefix }),
    }),
    BullModule.registerQueue({ name: GENERATION_QUEUE }, { name: MAINTENANCE_QUEUE }),
    // The flow producer fails fast when Redis is away (no offline queue): a POST must not hang on
    // it, and a job it could not queue is queued by the reconciler once Redis is back.
    BullModule.registerFlowProducerAsync({
      name: GENERATION_FLOW,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { ...bullConnection(config.redisUrl), enableOfflineQueue: false },
        prefix: config.jobs.queuePrefix,
      }),
    }),
    CatalogModule,
    AudienceModule,
  ],
  controllers: [GenerationJobsController],
  providers: [
    { provide: RetryPolicy, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new RetryPolicy(config.jobs) },
    GenerationJobsRepository,
    GenerationRuns,
    QueueLedger,
    GenerationJobsService,
  ],
  exports: [BullModule, RetryPolicy, GenerationJobsRepository, GenerationRuns, QueueLedger],
})
export class JobsModule {}
