import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  PlatformError,
  type TGenerationChildListQuery,
  type TGenerationJob,
  type TGenerationJobListQuery,
  type TGenerationJobPreview,
  type TGenerationJobRequest,
  type TItem,
} from '@persona/shared';
import { SegmentsService } from '../../audience/segments.service.js';
import { ItemsRepository } from '../../catalog/items.repository.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { estimateGeneration } from './generation-estimator.js';
import { BATCH_RUN, GenerationRuns, IMAGE_RUN } from '../runs/generation-runs.js';
import { QueueLedger } from '../runs/queue-ledger.js';
import { GenerationJobsRepository, type GenerationJobRow } from '../store/generation-jobs.repository.js';
import { runName } from '../job-queues.js';

/** Submits, reports on, retries and cancels batch generation jobs. */
@Injectable()
export class GenerationJobsService {
  private readonly logger = new Logger(GenerationJobsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GenerationJobsRepository) private readonly jobs: GenerationJobsRepository,
    @Inject(GenerationRuns) private readonly runs: GenerationRuns,
    @Inject(QueueLedger) private readonly ledger: QueueLedger,
    @Inject(ItemsRepository) private readonly items: ItemsRepository,
    @Inject(SegmentsService) private readonly segments: SegmentsService,
  ) {}

  /**
   * Creates the job and queues its flow. With an idempotency key, a repeat of the same request
   * returns the job the first one created; the same key with another request is a conflict.
   */
  async submit(
    workspaceId: string,
    request: TGenerationJobRequest,
    idempotencyKey: string | null,
  ): Promise<{ job: TGenerationJob; created: boolean }> {
    const { items, segments, kinds, estimate } = await this.plan(workspaceId, request);
    const children = items.flatMap((item) =>
      segments.flatMap((segment) => kinds.map((kind) => ({ itemId: item.id, segmentId: segment.id, kind }))),
    );
    const { row, created } = await this.jobs.create({ workspaceId, request, estimate, idempotencyKey, children });
    if (!created && !isDeepStrictEqual(row.request, request)) {
      throw new PlatformError(
        ErrorCode.Conflict,
        `Idempotency-Key "${idempotencyKey}" was used for a different request (job ${row.id}); use a new key for a new job.`,
      );
    }
    if (created) {
      try {
        await this.queueFirstRun(row, children);
      } catch (error) {
        // The job is accepted all the same: its row and children are stored, and the reconciler
        // queues a live job that Redis does not hold within two JOB_RECONCILE_MS intervals.
        this.logger.warn(`Job ${row.id} is stored but could not be queued now (${(error as Error).message}); the reconciler will queue it.`);
      }
    }
    return { job: await this.toJob(row), created };
  }

  /** What submitting the request would do, refused for the same reasons a submit is; nothing is stored or queued. */
  async preview(workspaceId: string, request: TGenerationJobRequest): Promise<TGenerationJobPreview> {
    const { items, segments, kinds, estimate } = await this.plan(workspaceId, request);
    return { items: items.length, segments: segments.length, kinds: kinds.length, estimate, maxChildren: this.config.jobs.maxChildren };
  }

  /** The items, segments and kinds a request crosses, checked, and the estimate of the job they make. */
  private async plan(workspaceId: string, request: TGenerationJobRequest) {
    // A request this server can never do (not a passing outage): a 409 the client can act on.
    if (request.engine === 'openai-batch' && this.config.llm === null) {
      throw new PlatformError(ErrorCode.Conflict, 'The openai-batch engine needs an LLM endpoint (set LLM_BASE_URL); this server has none.');
    }
    const segments = await Promise.all([...new Set(request.segmentIds)].map((id) => this.segments.get(workspaceId, id)));
    const items = await this.selectItems(workspaceId, request);
    const kinds = [...new Set(request.kinds)];
    const childCount = items.length * segments.length * kinds.length;
    if (childCount > this.config.jobs.maxChildren) {
      throw new PlatformError(
        ErrorCode.ValidationFailed,
        `The job would have ${childCount} children (items × segments × kinds); split it into jobs of at most ${this.config.jobs.maxChildren}.`,
        { errors: [{ path: 'body.items', message: 'too many children for one job' }] },
      );
    }
    const estimate = estimateGeneration({ ...request, kinds }, items, segments, this.config.llm?.chatModel ?? 'gpt-4o-mini');
    return { items, segments, kinds, estimate };
  }

  async get(workspaceId: string, id: string): Promise<TGenerationJob> {
    return this.toJob(await this.row(workspaceId, id));
  }

  async list(workspaceId: string, query: TGenerationJobListQuery) {
    const page = await this.jobs.list(workspaceId, query);
    return { items: await Promise.all(page.items.map((row) => this.toJob(row))), nextCursor: page.nextCursor };
  }

  async children(workspaceId: string, id: string, query: TGenerationChildListQuery) {
    await this.row(workspaceId, id);
    return this.jobs.listChildren(id, query);
  }

  /** Sends a finished job's failed children through the queue again, as a new run of the job. */
  async retryFailed(workspaceId: string, id: string): Promise<TGenerationJob> {
    const row = await this.row(workspaceId, id);
    const reopened = await this.jobs.reopenFailed(id);
    if (!reopened) {
      const why =
        row.status === 'canceled'
          ? 'it was canceled'
          : GenerationJobsRepository.isFinished(row.status)
            ? 'none of its children failed'
            : 'it is still running; retry once it has finished';
      throw new PlatformError(ErrorCode.Conflict, `Job ${id} has nothing to retry: ${why}.`);
    }
    await this.runs.addRun(workspaceId, id, runName(reopened.retry), reopened.children);
    return this.get(workspaceId, id);
  }

  /** Cancels a job: pending children are dropped, and once this returns no child writes a variant. */
  async cancel(workspaceId: string, id: string): Promise<TGenerationJob> {
    const row = await this.row(workspaceId, id);
    if (!(await this.jobs.cancel(id))) {
      if (row.status === 'canceled') return this.toJob(row);
      throw new PlatformError(ErrorCode.Conflict, `Job ${id} has already ${row.status === 'completed' ? 'completed' : 'failed'}.`);
    }
    // openai-batch jobs run as 'batch' (the Batch API child) then IMAGE_RUN; the others as r0, r1...;
    // and any of them may have runs the reconciler added.
    const runs = [
      BATCH_RUN,
      IMAGE_RUN,
      ...Array.from({ length: row.retries + 1 }, (_, retry) => runName(retry)),
      ...(await this.ledger.reconcilerRuns(id).catch(() => [])),
    ];
    await this.runs.removePending(id, runs);
    return this.get(workspaceId, id);
  }

  async toJob(row: GenerationJobRow): Promise<TGenerationJob> {
    const counts = await this.jobs.counts(row.id);
    const finished = counts.done + counts.failed + counts.skipped;
    const end = row.finishedAt ?? new Date();
    const elapsedSeconds = row.startedAt ? (end.getTime() - row.startedAt.getTime()) / 1000 : 0;
    const ratePerSecond = finished > 0 && elapsedSeconds > 0 ? finished / elapsedSeconds : null;
    return {
      id: row.id,
      status: row.status,
      request: row.request,
      estimate: row.estimate,
      counts,
      ratePerSecond,
      etaSeconds: GenerationJobsRepository.isFinished(row.status) ? 0 : ratePerSecond ? counts.pending / ratePerSecond : null,
      createdAt: row.createdAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  private async queueFirstRun(row: GenerationJobRow, children: Parameters<GenerationRuns['addRun']>[3]): Promise<void> {
    if (row.request.engine === 'openai-batch') await this.runs.addBatchRun(row.workspaceId, row.id);
    else await this.runs.addRun(row.workspaceId, row.id, runName(0), children);
  }

  private async row(workspaceId: string, id: string): Promise<GenerationJobRow> {
    const row = await this.jobs.find(workspaceId, id);
    if (!row) throw new PlatformError(ErrorCode.NotFound, `No generation job ${id} in this workspace.`);
    return row;
  }

  private async selectItems(workspaceId: string, request: TGenerationJobRequest): Promise<TItem[]> {
    if ('filter' in request.items) {
      const items = await this.items.select(workspaceId, { filter: request.items.filter });
      if (items.length === 0) {
        throw new PlatformError(ErrorCode.ValidationFailed, 'No item matches the filter, so the job would do nothing.', {
          errors: [{ path: 'body.items.filter', message: 'matches no item' }],
        });
      }
      return items;
    }
    const requested = request.items.ids;
    const ids = [...new Set(requested)];
    const items = await this.items.select(workspaceId, { ids });
    if (items.length < ids.length) {
      const found = new Set(items.map((item) => item.id));
      const missing = ids.filter((id) => !found.has(id));
      throw new PlatformError(ErrorCode.ValidationFailed, `${missing.length} item id(s) are not in this workspace's catalog.`, {
        errors: missing.slice(0, 20).map((id) => ({ path: `body.items.ids[${requested.indexOf(id)}]`, message: `unknown item ${id}` })),
      });
    }
    return items;
  }
}
