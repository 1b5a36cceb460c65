import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { FlowProducer, Job, Queue, type FlowJobNode, type JobsOptions } from 'bullmq';
import { JobName, type TFinishJobPayload, type TTextBatchJobPayload, type TVariantJobPayload, type TVariantKind } from '@persona/shared';
import type { ChildKey } from '../store/generation-jobs.repository.js';
import { GENERATION_FLOW, GENERATION_QUEUE, jobIds } from '../job-queues.js';
import { RetryPolicy } from '../retry-policy.js';

type Child = Omit<ChildKey, 'jobId'>;
type Pair = Pick<ChildKey, 'itemId' | 'segmentId'>;

/** The run of an openai-batch job that sends its texts through the Batch API. */
export const BATCH_RUN = 'batch';
/** The run of an openai-batch job that makes its images once the batch's texts are stored. */
export const IMAGE_RUN = 'images';

// Enough finished jobs stay in Redis for Bull Board to show recent work; the database keeps the rest.
const KEEP_COMPLETED = { count: 1_000 };
const KEEP_FAILED = { count: 5_000 };

/**
 * The one place that queues a job's runs. A *run* is one pass over a job's children: the first
 * (`r0`), one per retry of its failed children (`r1`...), or an openai-batch job's `batch` and
 * `images` runs. Each run goes to Redis as one BullMQ flow (BullMQ's word for a parent with
 * children, used only for that mechanism here): a `finish` parent
 * over one child per (item, segment): the image child when images were asked for, holding its
 * text child (which it waits for, as it draws that text's headline), else the text child alone.
 * A child that finally fails does not block its parent (`ignoreDependencyOnFailure`): the
 * failure is recorded on the job's child row and the run still finishes.
 */
@Injectable()
export class GenerationRuns implements OnModuleInit {
  private readonly logger = new Logger(GenerationRuns.name);

  constructor(
    @Inject(RetryPolicy) private readonly retries: RetryPolicy,
    @InjectQueue(GENERATION_QUEUE) private readonly queue: Queue,
    @InjectFlowProducer(GENERATION_FLOW) private readonly flows: FlowProducer,
  ) {}

  onModuleInit(): void {
    // Connection errors are retried by ioredis; without a listener they would crash the process.
    const warn = (error: Error) => this.logger.warn(`Redis: ${error.message}`);
    this.queue.on('error', warn);
    this.flows.on('error', warn);
  }

  /** Adds one run of a job: its first (`r0`), a retry of its failed children (`r1`...), or a reconciler's run. */
  async addRun(workspaceId: string, jobId: string, run: string, children: readonly Child[]): Promise<void> {
    const counted = new Set(children.map((child) => `${child.itemId}|${child.segmentId}|${child.kind}`));
    const pairs = new Map<string, Pair & { image: boolean }>();
    for (const child of children) {
      const key = `${child.itemId}|${child.segmentId}`;
      const pair = pairs.get(key) ?? { itemId: child.itemId, segmentId: child.segmentId, image: false };
      pair.image ||= child.kind === 'image';
      pairs.set(key, pair);
    }
    const childJob = (pair: Pair, kind: TVariantKind): FlowJobNode =>
      this.variantChild(workspaceId, jobId, pair, kind, run, counted.has(`${pair.itemId}|${pair.segmentId}|${kind}`));
    const finish: TFinishJobPayload = { workspaceId, jobId };
    await this.flows.add({
      name: JobName.Finish,
      queueName: GENERATION_QUEUE,
      data: finish,
      opts: { jobId: jobIds.finish(jobId, run), ...this.retention() },
      children: [...pairs.values()].map((pair) =>
        pair.image ? { ...childJob(pair, 'image'), children: [childJob(pair, 'text')] } : childJob(pair, 'text'),
      ),
    });
  }

  /**
   * The openai-batch engine's flow: one job sends every pending text through the Batch API and
   * then adds the image children (which need the texts) as a run of their own.
   */
  async addBatchRun(workspaceId: string, jobId: string, run = BATCH_RUN): Promise<void> {
    const data: TTextBatchJobPayload = { workspaceId, jobId };
    const finish: TFinishJobPayload = { workspaceId, jobId };
    await this.flows.add({
      name: JobName.Finish,
      queueName: GENERATION_QUEUE,
      data: finish,
      opts: { jobId: jobIds.finish(jobId, run), ...this.retention() },
      children: [
        { name: JobName.TextBatch, queueName: GENERATION_QUEUE, data, opts: { ...this.childOptions(), jobId: jobIds.textBatch(jobId, run) } },
      ],
    });
  }

  /**
   * The image children of an openai-batch job, once the batch's texts are stored: a `finish`
   * parent over image children only (no text children: the image child finds its text by key).
   * Its ids are fixed, so adding it again (the batch job ran twice) adds nothing.
   */
  async addImageRun(workspaceId: string, jobId: string, children: readonly Pair[], run = IMAGE_RUN): Promise<void> {
    if (children.length === 0) return;
    const finish: TFinishJobPayload = { workspaceId, jobId };
    await this.flows.add({
      name: JobName.Finish,
      queueName: GENERATION_QUEUE,
      data: finish,
      opts: { jobId: jobIds.finish(jobId, run), ...this.retention() },
      children: children.map((pair) => this.variantChild(workspaceId, jobId, pair, 'image', run, true)),
    });
  }

  /**
   * Drops a canceled job's children that no worker has taken yet. Children already running are
   * locked and stay; they find the job canceled and write nothing (the database guarantees it).
   */
  async removePending(jobId: string, runs: readonly string[]): Promise<void> {
    for (const run of runs) {
      const parent = await Job.fromId(this.queue, jobIds.finish(jobId, run));
      if (!parent) continue;
      try {
        await parent.removeUnprocessedChildren();
        await parent.remove();
      } catch (error) {
        // A child still locked by its worker keeps the parent; the job's rows already say canceled.
        this.logger.debug(`Cancel of ${jobId} (${run}) left running children: ${(error as Error).message}`);
      }
    }
  }

  private variantChild(workspaceId: string, jobId: string, pair: Pair, kind: TVariantKind, run: string, counted: boolean): FlowJobNode {
    const data: TVariantJobPayload = { workspaceId, jobId, itemId: pair.itemId, segmentId: pair.segmentId, counted };
    return {
      name: kind === 'text' ? JobName.Text : JobName.Image,
      queueName: GENERATION_QUEUE,
      data,
      opts: { ...this.childOptions(), jobId: jobIds.variant(jobId, kind, pair.itemId, pair.segmentId, run) },
    };
  }

  private childOptions(): JobsOptions {
    return {
      ...this.retries.jobOptions(),
      ignoreDependencyOnFailure: true,
      ...this.retention(),
    };
  }

  private retention(): Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> {
    return { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
  }
}
