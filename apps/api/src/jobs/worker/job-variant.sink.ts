import { mayAutoApprove } from '@persona/generator';
import type { TVariant } from '@persona/shared';
import type { VariantSink } from '../../generation/variant-generation.service.js';
import type { NewVariant, VariantKey, VariantsRepository } from '../../generation/variants.repository.js';
import type { GenerationJobsRepository, ChildKey } from '../store/generation-jobs.repository.js';

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
 * run). Counted children record their outcome with the variant, in one statement under the job-row
 * lock that a cancel waits for; the text an image-only job needs is written the same guarded way, with no row. A
 * write for a canceled job writes nothing and throws JobCanceledError.
 */
export function jobVariantSink(
  jobs: GenerationJobsRepository,
  variants: VariantsRepository,
  key: ChildKey,
  counted: boolean,
  autoApprove: boolean,
): JobVariantSink {
  let outcome: ChildOutcome = 'already-recorded';
  // A variant that exists already is the child's outcome too: recorded as skipped, under the same lock.
  const reuse = async (variant: TVariant): Promise<TVariant> => {
    if (!(await jobs.recordSkipped(key, variant))) throw new JobCanceledError(key.jobId);
    outcome = counted ? 'skipped' : outcome;
    return variant;
  };
  const store = async (draft: NewVariant & VariantKey): Promise<TVariant> => {
    const approved = approve(draft, autoApprove);
    const written = await jobs.writeNewVariant(key, approved);
    if (written.state === 'canceled') throw new JobCanceledError(key.jobId);
    // Another writer got the key first (the same inputs in two jobs at once): theirs counts.
    if (written.state === 'exists') return reuse((await variants.findByKey(approved))!);
    outcome = counted ? (approved.status === 'failed' ? 'failed' : 'done') : outcome;
    const at = written.createdAt.toISOString();
    return {
      id: written.id,
      itemId: approved.itemId,
      segmentId: approved.segmentId,
      kind: approved.kind,
      status: approved.status,
      text: approved.text ?? null,
      images: approved.images ?? [],
      provenance: approved.provenance,
      guardrails: approved.guardrails,
      failureReason: approved.failureReason ?? null,
      editedByHuman: false,
      createdAt: at,
      updatedAt: at,
    };
  };
  return {
    sink: { reuse, store },
    outcome: () => outcome,
  };
}

/** Auto-approval follows the generator's one rule: a draft whose every check passed. */
function approve(draft: NewVariant & VariantKey, autoApprove: boolean): NewVariant & VariantKey {
  return autoApprove && mayAutoApprove(draft) ? { ...draft, status: 'approved' } : draft;
}
