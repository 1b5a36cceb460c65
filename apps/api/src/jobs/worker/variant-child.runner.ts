import { Inject, Injectable } from '@nestjs/common';
import type { LlmClient } from '@persona/llm';
import { type TSegment, type TVariantJobPayload, type TVariantKind } from '@persona/shared';
import { SegmentsService } from '../../audience/segments.service.js';
import { ItemsService } from '../../catalog/items.service.js';
import { VariantGenerationService, type VariantOptions } from '../../generation/variant-generation.service.js';
import { VariantsRepository, type VariantKey } from '../../generation/variants.repository.js';
import { imageEngineOf } from '../http/generation-estimator.js';
import { GenerationJobsRepository, type GenerationJobRow, type ChildKey } from '../store/generation-jobs.repository.js';
import { RetryPolicy, reasonOf, type Attempt } from '../retry-policy.js';
import { JobCanceledError, jobVariantSink, type ChildOutcome } from './job-variant.sink.js';
import { WORKER_LLM_CLIENT } from '../llm-budget/worker-llm.provider.js';

/**
 * How long a worker trusts what it read about a job (its request, its segments). Children of one
 * job come by the thousand and would otherwise each re-read the same rows; a cancel is not
 * delayed by it, since every write checks the job under a lock, whatever was cached.
 */
const JOB_CACHE_MS = 2_000;
const JOB_CACHE_ENTRIES = 64;

interface CachedJob {
  row: GenerationJobRow;
  segments: Map<string, Promise<TSegment>>;
  readAt: number;
}

/**
 * Runs one text or image child of a job. It may run twice (a worker died after writing, a stalled
 * lock was taken over): the variant's unique key and the child row's pending-only update make
 * the second run record nothing new.
 */
@Injectable()
export class VariantChildRunner {
  constructor(
    @Inject(GenerationJobsRepository) private readonly jobs: GenerationJobsRepository,
    @Inject(VariantGenerationService) private readonly generation: VariantGenerationService,
    @Inject(VariantsRepository) private readonly variants: VariantsRepository,
    @Inject(ItemsService) private readonly items: ItemsService,
    @Inject(SegmentsService) private readonly segments: SegmentsService,
    @Inject(WORKER_LLM_CLIENT) private readonly llm: LlmClient | null,
    @Inject(RetryPolicy) private readonly retries: RetryPolicy,
  ) {}

  private readonly cache = new Map<string, CachedJob>();

  async run(kind: TVariantKind, payload: TVariantJobPayload, attempt: Attempt): Promise<ChildOutcome> {
    const key: ChildKey = { jobId: payload.jobId, itemId: payload.itemId, segmentId: payload.segmentId, kind };
    const cached = await this.cachedJob(payload.jobId);
    if (!cached || cached.row.status === 'canceled') return 'canceled';
    const job = cached.row;
    // A first run finds its child pending; a re-run may find it recorded, and must not redo paid work.
    if (attempt.rerun && payload.counted && (await this.jobs.childStatus(key)) !== 'pending') return 'already-recorded';
    if (job.status === 'queued') {
      await this.jobs.markStarted(job.id);
      cached.row = { ...job, status: 'running' };
    }

    // Counted children record their outcome with the variant; see jobVariantSink.
    const sink = jobVariantSink(this.jobs, this.variants, key, payload.counted, job.request.autoApprove);
    const options: VariantOptions = {
      textEngine: job.request.engine === 'template' ? 'template' : 'openai',
      imageEngine: imageEngineOf(job.request),
      formats: job.request.formats,
      llm: this.llm,
      sink: sink.sink,
      // The policy decides: retry later, fall back on the last attempt, or fail at once.
      rethrow: this.retries.rethrowFor(attempt),
    };
    try {
      const item = await this.items.get(payload.workspaceId, payload.itemId);
      const segment = await this.segmentOf(cached, payload.workspaceId, payload.segmentId);
      if (kind === 'text') {
        await this.generation.textVariant(payload.workspaceId, item, segment, options);
      } else {
        const textKey = this.generation.textKey(payload.workspaceId, item, segment, options.textEngine);
        const text = await this.variants.findByKey(textKey);
        if (!text) throw new MissingTextError(textKey);
        await this.generation.imageVariant(payload.workspaceId, item, segment, text, options);
      }
      return sink.outcome();
    } catch (error) {
      if (error instanceof JobCanceledError) return 'canceled';
      if (payload.counted && this.retries.failsForGood(error, attempt)) await this.jobs.markFailed(key, reasonOf(error));
      throw error;
    }
  }

  private async cachedJob(jobId: string): Promise<CachedJob | null> {
    const hit = this.cache.get(jobId);
    if (hit && performance.now() - hit.readAt < JOB_CACHE_MS) return hit;
    const row = await this.jobs.findById(jobId);
    if (!row) return null;
    if (this.cache.size >= JOB_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    const entry: CachedJob = { row, segments: hit?.segments ?? new Map(), readAt: performance.now() };
    this.cache.delete(jobId);
    this.cache.set(jobId, entry);
    return entry;
  }

  private segmentOf(cached: CachedJob, workspaceId: string, segmentId: string): Promise<TSegment> {
    let segment = cached.segments.get(segmentId);
    if (!segment) {
      segment = this.segments.get(workspaceId, segmentId);
      // A failed read is not remembered: the next child asks again.
      segment.catch(() => cached.segments.delete(segmentId));
      cached.segments.set(segmentId, segment);
    }
    return segment;
  }
}

/** The text an image draws its headline from is missing: its text child failed for good. */
class MissingTextError extends Error {
  constructor(key: VariantKey) {
    super(`No text variant for item ${key.itemId} and segment ${key.segmentId}, so the image has no headline: the text child failed.`);
    this.name = 'MissingTextError';
  }
}
