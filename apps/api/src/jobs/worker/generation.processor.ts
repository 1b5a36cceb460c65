import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import {
  JobName,
  ZFinishJobPayloadSchema,
  ZTextBatchJobPayloadSchema,
  ZVariantJobPayloadSchema,
} from '@persona/shared';
import type { AppConfig } from '../../config/app-config.js';
import { JobHandlerRegistry } from '../job-handlers.js';
import { GENERATION_JOB_NAMES, GENERATION_QUEUE, type GenerationJobName } from '../job-queues.js';
import { RetryPolicy } from '../retry-policy.js';
import { GenerationJobsRepository } from '../store/generation-jobs.repository.js';
import { TextBatchRunner } from './text-batch.runner.js';
import { VariantChildRunner } from './variant-child.runner.js';
import { describeForLog } from '../../errors/loggable-error.js';

/** A failed attempt is logged as one line, and a database error without its statement's values. */
const oneLine = (error: Error): string => describeForLog(error).split('\n')[0]!;

/**
 * Consumes the generation queue: the text, image and Batch API children of every job, and each
 * run's `finish` parent once its children are done. Any number of these, in any processes,
 * share the work through Redis.
 */
export class GenerationProcessor extends WorkerHost {
  private readonly logger = new Logger(GenerationProcessor.name);
  /** Built with the processor, so a job name without a handler stops the process at boot. */
  readonly handlers: JobHandlerRegistry<GenerationJobName>;

  constructor(
    @Inject(VariantChildRunner) variants: VariantChildRunner,
    @Inject(TextBatchRunner) batches: TextBatchRunner,
    @Inject(GenerationJobsRepository) jobs: GenerationJobsRepository,
    @Inject(RetryPolicy) private readonly retries: RetryPolicy,
  ) {
    super();
    const variantChild = (job: Job) =>
      variants.run(job.name as 'text' | 'image', ZVariantJobPayloadSchema.parse(job.data), retries.attemptOf(job));
    this.handlers = new JobHandlerRegistry(GENERATION_QUEUE, GENERATION_JOB_NAMES, {
      [JobName.Text]: variantChild,
      [JobName.Image]: variantChild,
      [JobName.TextBatch]: (job, token) => batches.run(job, token, ZTextBatchJobPayloadSchema.parse(job.data)),
      [JobName.Finish]: async (job) => {
        await jobs.finish(ZFinishJobPayloadSchema.parse(job.data).jobId);
        return 'finished';
      },
    });
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
    try {
      return await this.handlers.run(job, token);
    } catch (error) {
      // BullMQ retries what may succeed later (the policy's allow-list) and stops at once on the rest.
      throw this.retries.toQueueError(error);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`Job ${job?.id ?? '?'} (${job?.name ?? '?'}) attempt ${job?.attemptsMade ?? '?'} failed: ${oneLine(error)}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`Worker: ${oneLine(error)}`);
  }
}
