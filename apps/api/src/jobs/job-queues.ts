import type { RedisOptions } from 'bullmq';
import { JobName, type TVariantKind } from '@persona/shared';

/** Generation work: each job's flow parent and its text, image and Batch API children. */
export const GENERATION_QUEUE = 'generation';
/** Platform upkeep that runs inside API processes, such as refitting the recommender they serve from. */
export const MAINTENANCE_QUEUE = 'maintenance';
/** The BullMQ flow producer that queues each run of a job as one flow. */
export const GENERATION_FLOW = 'generation-flow';

/** The job names each queue carries; its processor registers a handler for every one (see JobHandlerRegistry). */
export const GENERATION_JOB_NAMES = [JobName.Text, JobName.Image, JobName.TextBatch, JobName.Finish] as const;
export type GenerationJobName = (typeof GENERATION_JOB_NAMES)[number];
export const MAINTENANCE_JOB_NAMES = [JobName.RefitRecommender, JobName.ReconcileJobs] as const;
export type MaintenanceJobName = (typeof MAINTENANCE_JOB_NAMES)[number];

/**
 * BullMQ ids are derived from what a job does, so adding the same work twice adds it once.
 * (BullMQ reserves ':' in ids, hence the dots.) A retry of failed children gets its own suffix:
 * the first run's jobs may still be kept by the queue, and an id is added only once.
 */
export const jobIds = {
  finish: (jobId: string, run: string) => `${jobId}.finish.${run}`,
  variant: (jobId: string, kind: TVariantKind, itemId: string, segmentId: string, run: string) =>
    `${jobId}.${kind}.${itemId}.${segmentId}.${run}`,
  textBatch: (jobId: string, run: string) => (run === 'batch' ? `${jobId}.text-batch` : `${jobId}.text-batch.${run}`),
};

/** Runs of a job: the first, and one per retry of its failed children. */
export const runName = (retry: number) => (retry === 0 ? 'r0' : `r${retry}`);

/**
 * Connection options for BullMQ. `maxRetriesPerRequest: null` is what BullMQ requires of workers:
 * a command waits for Redis to come back instead of failing the job.
 */
export function bullConnection(url: string): RedisOptions {
  // Reconnect quickly after a Redis restart, and never give up.
  return { url, maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(100 * attempt, 2_000) };
}
