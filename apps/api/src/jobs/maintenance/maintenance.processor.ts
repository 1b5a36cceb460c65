import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import { JobName } from '@persona/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RecommenderRegistry } from '../../recommendations/recommender-registry.service.js';
import { JobHandlerRegistry } from '../job-handlers.js';
import { MAINTENANCE_JOB_NAMES, MAINTENANCE_QUEUE, type MaintenanceJobName } from '../job-queues.js';
import { JobReconciler } from './job-reconciler.js';

const KEEP = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

/**
 * Platform upkeep on BullMQ job schedulers, which add one job per interval however many API
 * processes run: refitting the recommender (every RECOMMENDER_REFIT_MINUTES; the model lives in
 * the memory of the API that serves feeds, hence API processes, not generation workers) and
 * reconciling generation jobs with the queue (every JOB_RECONCILE_MS).
 *
 * The schedulers live in Redis, so a Redis that lost its data loses them too: every API process
 * checks on each reconcile interval that they exist, and puts back a missing one.
 */
@Processor(MAINTENANCE_QUEUE, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  readonly handlers: JobHandlerRegistry<MaintenanceJobName>;
  private watch: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    @Inject(RecommenderRegistry) registry: RecommenderRegistry,
    @Inject(JobReconciler) reconciler: JobReconciler,
  ) {
    super();
    this.handlers = new JobHandlerRegistry(MAINTENANCE_QUEUE, MAINTENANCE_JOB_NAMES, {
      [JobName.RefitRecommender]: async () => {
        const outcome = await registry.refitAll();
        this.logger.log(`Refit ${outcome.refitted} workspace model(s)${outcome.failed ? `, ${outcome.failed} failed` : ''}.`);
        return outcome;
      },
      [JobName.ReconcileJobs]: () => reconciler.reconcile(),
    });
  }

  onApplicationBootstrap(): void {
    this.queue.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    this.worker.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    // Not awaited: an API whose Redis is down still starts (and says so on /readyz); the watch retries.
    void this.ensureSchedulers();
    this.watch = setInterval(() => void this.ensureSchedulers(), this.config.jobs.reconcileMs);
    this.watch.unref();
  }

  onApplicationShutdown(): void {
    if (this.watch) clearInterval(this.watch);
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.handlers.run(job, token);
  }

  private async ensureSchedulers(): Promise<void> {
    // The API fits at start, so the first refit is one interval away; the first reconcile too.
    const schedules = [
      { id: JobName.RefitRecommender, every: this.config.recommenderRefitMs },
      { id: JobName.ReconcileJobs, every: this.config.jobs.reconcileMs },
    ];
    for (const { id, every } of schedules) {
      try {
        const existing = await this.queue.getJobScheduler(id);
        if (existing?.every === every) continue;
        await this.queue.upsertJobScheduler(id, { every, startDate: new Date(Date.now() + every) }, { name: id, data: {}, opts: KEEP });
      } catch (error) {
        this.logger.warn(`Could not schedule ${id}: ${String(error)}`);
      }
    }
  }
}
