import type { RedisOptions } from 'bullmq';
import type { TVariantKind } from '@persona/shared';

/** Generation work: each job's flow parent and its text, image and Batch API children. */
export const GENERATION_QUEUE = 'generation';
/** Platform upkeep that runs inside API processes, such as refitting the recommender they serve from. */
export const MAINTENANCE_QUEUE = 'maintenance';
export const GENERATION_FLOW = 'generation-flow';

/**
 * BullMQ ids are derived from what a job does, so adding the same work twice adds it once.
 * (BullMQ reserves ':' in ids, hence the dots.) A retry of failed children gets its own suffix:
 * the first run's jobs may still be kept by the queue, and an id is added only once.
 */
export const jobIds = {
  finish: (jobId: string, run: string) => `${jobId}.finish.${run}`,
  variant: (jobId: string, kind: TVariantKind, itemId: string, segmentId: string, run: string) =>
    `${jobId}.${kind}.${itemId}.${segmentId}.${run}`,
  textBatch: (jobId: string) => `${jobId}.text-batch`,
};

/** Runs of a job's flow: the first, and one per retry of its failed children. */
export const runName = (retry: number) => (retry === 0 ? 'r0' : `r${retry}`);

/**
 * Connection options for BullMQ. `maxRetriesPerRequest: null` is what BullMQ requires of workers:
 * a command waits for Redis to come back instead of failing the job.
 */
export function bullConnection(url: string): RedisOptions {
  // Reconnect quickly after a Redis restart, and never give up.
  return { url, maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(100 * attempt, 2_000) };
}
