import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  JobName,
  ZFinishJobPayloadSchema,
  ZTextBatchJobPayloadSchema,
  ZVariantJobPayloadSchema,
} from '@persona/shared';
import type { AppConfig } from '../../config/app-config.js';
import { GenerationJobsRepository } from '../store/generation-jobs.repository.js';
import { GENERATION_QUEUE } from '../job-queues.js';
import { TextBatchRunner } from './text-batch.runner.js';
import { isRetryable, reasonOf, VariantChildRunner } from './variant-child.runner.js';

/**
 * Consumes the generation queue: the text, image and Batch API children of every job, and each
 * run's `finish` parent once its children are done. Any number of these, in any processes,
 * share the work through Redis.
 */
export class GenerationProcessor extends WorkerHost {
  private readonly logger = new Logger(GenerationProcessor.name);

  constructor(
    @Inject(VariantChildRunner) private readonly variants: VariantChildRunner,
    @Inject(TextBatchRunner) private readonly batches: TextBatchRunner,
    @Inject(GenerationJobsRepository) private readonly jobs: GenerationJobsRepository,
  ) {
    super();
  }

  /**
   * Worker settings come from the config, which Nest reads after decorators run: this applies the
   * @Processor decorator once the config is known, before the module is scanned.
   */
  static configure(config: AppConfig): typeof GenerationProcessor {
    Processor(GENERATION_QUEUE, {
      concurrency: config.jobs.concurrency,
      lockDuration: config.jobs.lockMs,
      stalledInterval: config.jobs.stalledIntervalMs,
      // A child that stalls twice (its worker died twice holding it) fails with that reason rather than loop.
      maxStalledCount: 2,
    })(GenerationProcessor);
    return GenerationProcessor;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      switch (job.name) {
        case JobName.Text:
        case JobName.Image:
          return await this.variants.run(job.name, ZVariantJobPayloadSchema.parse(job.data), { final, rerun: job.attemptsStarted > 1 });
        case JobName.TextBatch:
          return await this.batches.run(job, token, ZTextBatchJobPayloadSchema.parse(job.data));
        case JobName.Finish: {
          const { jobId } = ZFinishJobPayloadSchema.parse(job.data);
          await this.jobs.finish(jobId);
          return 'finished';
        }
        default:
          throw new UnrecoverableError(`Unknown job name "${job.name}"`);
      }
    } catch (error) {
      // BullMQ retries what may succeed later and stops at once on the rest.
      if (error instanceof UnrecoverableError || isRetryable(error)) throw error;
      throw new UnrecoverableError(reasonOf(error));
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`Job ${job?.id ?? '?'} (${job?.name ?? '?'}) attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`Worker: ${error.message}`);
  }
}
