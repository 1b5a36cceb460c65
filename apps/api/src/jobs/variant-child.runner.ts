import { Inject, Injectable } from '@nestjs/common';
import { LlmError, type LlmClient } from '@persona/llm';
import { PlatformError, type TVariantJobPayload, type TVariantKind } from '@persona/shared';
import { SegmentsService } from '../audience/segments.service.js';
import { ItemsService } from '../catalog/items.service.js';
import { VariantGenerationService, type VariantOptions } from '../generation/variant-generation.service.js';
import { VariantsRepository, type VariantKey } from '../generation/variants.repository.js';
import { imageEngineOf } from './generation-estimator.js';
import { GenerationJobsRepository, type TaskKey } from './generation-jobs.repository.js';
import { JobCanceledError, jobVariantSink, type ChildOutcome } from './job-variant.sink.js';
import { WORKER_LLM_CLIENT } from './worker-llm.provider.js';

export interface Attempt {
  /** Whether BullMQ will try this child again if it throws now. */
  final: boolean;
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
  ) {}

  async run(kind: TVariantKind, payload: TVariantJobPayload, attempt: Attempt): Promise<ChildOutcome> {
    const key: TaskKey = { jobId: payload.jobId, itemId: payload.itemId, segmentId: payload.segmentId, kind };
    const job = await this.jobs.findById(payload.jobId);
    if (!job || job.status === 'canceled') return 'canceled';
    if (payload.counted && (await this.jobs.childStatus(key)) !== 'pending') return 'already-recorded';
    if (job.status === 'queued') await this.jobs.markStarted(job.id);

    // Counted children record their outcome with the variant; see jobVariantSink.
    const sink = jobVariantSink(this.jobs, this.variants, key, payload.counted, job.request.autoApprove);
    const options: VariantOptions = {
      textEngine: job.request.engine === 'template' ? 'template' : 'openai',
      imageEngine: imageEngineOf(job.request),
      formats: job.request.formats,
      llm: this.llm,
      sink: sink.sink,
      // Until the last attempt, a busy or failing endpoint is retried later; the last one falls back.
      rethrow: (error) => error.retryable && !attempt.final,
    };
    try {
      const item = await this.items.get(payload.workspaceId, payload.itemId);
      const segment = await this.segments.get(payload.workspaceId, payload.segmentId);
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
      if (payload.counted && (attempt.final || !isRetryable(error))) await this.jobs.markFailed(key, reasonOf(error));
      throw error;
    }
  }
}

/** The text an image draws its headline from is missing: its text child failed for good. */
class MissingTextError extends Error {
  constructor(key: VariantKey) {
    super(`No text variant for item ${key.itemId} and segment ${key.segmentId}, so the image has no headline: the text child failed.`);
    this.name = 'MissingTextError';
  }
}

/**
 * Whether trying again later may help: a busy or unreachable endpoint or store may recover; a
 * permanent refusal, a bad request or missing data will not.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof LlmError) return error.retryable;
  if (error instanceof MissingTextError) return false;
  if (error instanceof PlatformError) return error.code === 'DEPENDENCY_UNAVAILABLE' || error.code === 'RATE_LIMITED';
  return !(error instanceof TypeError || error instanceof RangeError);
}

export function reasonOf(error: unknown): string {
  if (error instanceof LlmError) return `LLM ${error.kind}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
