import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName } from '@persona/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RecommenderRegistry } from '../../recommendations/recommender-registry.service.js';
import { MAINTENANCE_QUEUE } from '../job-queues.js';

const REFIT_SCHEDULER = 'refit-recommender';

/**
 * Refits the recommender on a BullMQ job scheduler, which adds one job per interval however many
 * API processes run. The model lives in the memory of the API that serves feeds, so this
 * processor runs in API processes, not in generation workers.
 */
@Processor(MAINTENANCE_QUEUE, { concurrency: 1 })
export class RecommenderRefitProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecommenderRefitProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    @Inject(RecommenderRegistry) private readonly registry: RecommenderRegistry,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.queue.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    this.worker.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    const every = this.config.recommenderRefitMs;
    // The API fits at start, so the first scheduled refit is one interval away. Not awaited: an
    // API whose Redis is down still starts (and says so on /readyz); ioredis sends this on reconnect.
    void this.queue.upsertJobScheduler(
      REFIT_SCHEDULER,
      { every, startDate: new Date(Date.now() + every) },
      { name: JobName.RefitRecommender, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    ).catch((error: unknown) => this.logger.warn(`Could not schedule the recommender refit: ${String(error)}`));
  }

  async process(): Promise<{ refitted: number; failed: number }> {
    const outcome = await this.registry.refitAll();
    this.logger.log(`Refit ${outcome.refitted} workspace model(s)${outcome.failed ? `, ${outcome.failed} failed` : ''}.`);
    return outcome;
  }
}
