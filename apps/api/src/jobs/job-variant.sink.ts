import type { TVariant } from '@persona/shared';
import type { VariantSink } from '../generation/variant-generation.service.js';
import type { NewVariant, VariantKey, VariantsRepository } from '../generation/variants.repository.js';
import type { GenerationJobsRepository, TaskKey } from './generation-jobs.repository.js';

/** Thrown inside a variant write when the job was canceled: nothing is written. */
export class JobCanceledError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} was canceled`);
    this.name = 'JobCanceledError';
  }
}

/** How a child ended, for BullMQ's return value and the job's counts. */
export type ChildOutcome = 'done' | 'skipped' | 'failed' | 'canceled' | 'already-recorded';

export interface JobVariantSink {
  sink: VariantSink;
  /** How the last write through the sink ended for the job's counts ('already-recorded' before any). */
  outcome(): ChildOutcome;
}

/**
 * Where a job's variants go, whichever runner makes them (one child at a time, or a Batch API
 * run). Counted children record their outcome with the variant, in one transaction that a cancel
 * waits for; the text an image-only job needs is written the same guarded way, with no row. A
 * write for a canceled job writes nothing and throws JobCanceledError.
 */
export function jobVariantSink(
  jobs: GenerationJobsRepository,
  variants: VariantsRepository,
  key: TaskKey,
  counted: boolean,
  autoApprove: boolean,
): JobVariantSink {
  let outcome: ChildOutcome = 'already-recorded';
  const record = async (variant: TVariant | null, draft: (NewVariant & VariantKey) | null): Promise<TVariant> => {
    const recorded = await jobs.recordOutcome(key, async (tx) => {
      const stored = draft ? await variants.insertOrGet(approve(draft, autoApprove), tx) : { variant: variant!, created: false };
      const status = !stored.created ? 'skipped' : stored.variant.status === 'failed' ? 'failed' : 'done';
      return { ...stored, status, variantId: stored.variant.id, failureReason: stored.variant.failureReason };
    });
    if (recorded === null) throw new JobCanceledError(key.jobId);
    outcome = counted ? recorded.status : outcome;
    return recorded.variant;
  };
  return {
    sink: { reuse: (existing) => record(existing, null), store: (draft) => record(null, draft) },
    outcome: () => outcome,
  };
}

/** Auto-approval applies only to variants that passed every guardrail. */
function approve(draft: NewVariant & VariantKey, autoApprove: boolean): NewVariant & VariantKey {
  return autoApprove && draft.status === 'draft' && draft.guardrails.status === 'pass' ? { ...draft, status: 'approved' } : draft;
}
