import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { jobIds, runName } from '../job-queues.js';
import { BATCH_RUN, GenerationRuns, IMAGE_RUN } from '../runs/generation-runs.js';
import { GenerationJobsRepository, type ChildKey, type GenerationJobRow } from '../store/generation-jobs.repository.js';
import { QueueLedger } from '../runs/queue-ledger.js';

type Child = Omit<ChildKey, 'jobId'>;

/** What one reconcile tick did, for BullMQ's return value (Bull Board shows it) and the log. */
export interface ReconcileSummary {
  jobs: number;
  /** Children re-queued because Redis did not hold them (lost, or never queued). */
  requeued: number;
  /** Jobs whose children had all settled, closed. */
  finished: number;
  /** Children that failed for good in the queue without their row saying so, now failed with the queue's reason. */
  failed: number;
  /** Whether another process held the turn, so this tick did nothing. */
  skipped?: true;
}

/**
 * Makes the queue agree with the database, which knows every child a job owes. For each live job
 * (older than one interval: a younger one's POST may still be queueing it), it looks up in Redis
 * the BullMQ job of each pending child, under the job's current run and the runs reconciling
 * added to it:
 * - absent (Redis lost its data, or the POST's enqueue failed): re-queued in a new run of its own;
 * - failed for good in the queue while its row is still pending: failed with the queue's reason;
 * - no pending child left: the job is closed (its `finish` parent may have been lost).
 * Re-queueing is safe however often it happens: a child writes its variant and outcome only
 * while its row is pending, and variants are unique per inputs, so nothing is made or counted twice.
 */
@Injectable()
export class JobReconciler {
  private readonly logger = new Logger(JobReconciler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GenerationJobsRepository) private readonly jobs: GenerationJobsRepository,
    @Inject(GenerationRuns) private readonly runs: GenerationRuns,
    @Inject(QueueLedger) private readonly ledger: QueueLedger,
  ) {}

  async reconcile(): Promise<ReconcileSummary> {
    const interval = this.config.jobs.reconcileMs;
    const summary: ReconcileSummary = { jobs: 0, requeued: 0, finished: 0, failed: 0 };
    if (!(await this.ledger.claimTurn(interval))) return { ...summary, skipped: true };
    try {
      for (const job of await this.jobs.liveJobs(new Date(Date.now() - interval))) {
        summary.jobs += 1;
        await this.reconcileJob(job, summary);
      }
    } finally {
      await this.ledger.releaseTurn();
    }
    if (summary.requeued + summary.finished + summary.failed > 0) {
      this.logger.warn(
        `Reconciled ${summary.jobs} live job(s): re-queued ${summary.requeued} child(ren) Redis did not hold, ` +
          `closed ${summary.finished} job(s), failed ${summary.failed} child(ren) the queue had failed.`,
      );
    }
    return summary;
  }

  private async reconcileJob(job: GenerationJobRow, summary: ReconcileSummary): Promise<void> {
    let pending = await this.jobs.allPendingChildren(job.id);
    if (pending.length === 0) {
      await this.jobs.finish(job.id);
      summary.finished += 1;
      return;
    }
    const base = this.baseRun(job, pending);
    const runs = [base, ...(await this.ledger.reconcilerRuns(job.id, base))];
    const missing = await this.missingChildren(job, base, runs, pending, summary);
    if (missing === 'none') return;
    // Re-read: a child may have finished since it was read as pending, and its queue job been removed.
    const stillPending = new Set((await this.jobs.allPendingChildren(job.id)).map(childId));
    pending = missing === 'all' ? pending.filter((child) => stillPending.has(childId(child))) : missing.filter((child) => stillPending.has(childId(child)));
    if (pending.length === 0) {
      await this.jobs.finish(job.id);
      return;
    }
    const run = `${base}.k${Date.now().toString(36)}`;
    if (base === BATCH_RUN) await this.runs.addBatchRun(job.workspaceId, job.id, run);
    else if (base === IMAGE_RUN) await this.runs.addImageRun(job.workspaceId, job.id, pending, run);
    else await this.runs.addRun(job.workspaceId, job.id, run, pending);
    await this.ledger.rememberReconcilerRun(job.id, run);
    summary.requeued += pending.length;
  }

  /**
   * The pending children no run of the job holds in Redis ('all' for a Batch API run, which is one
   * BullMQ job for every text), or 'none'. Children the queue failed for good are failed on the way.
   */
  private async missingChildren(
    job: GenerationJobRow,
    base: string,
    runs: readonly string[],
    pending: readonly Child[],
    summary: ReconcileSummary,
  ): Promise<Child[] | 'all' | 'none'> {
    if (base === BATCH_RUN) {
      const states = await this.ledger.states(runs.map((run) => jobIds.textBatch(job.id, run)));
      return [...states.values()].some((state) => state.state === 'queued') ? 'none' : 'all';
    }
    const idsOf = (child: Child) => runs.map((run) => jobIds.variant(job.id, child.kind, child.itemId, child.segmentId, run));
    const states = await this.ledger.states(pending.flatMap(idsOf));
    const missing: Child[] = [];
    for (const child of pending) {
      const held = idsOf(child).map((id) => states.get(id)!);
      if (held.some((state) => state.state === 'queued')) continue;
      const failed = held.find((state) => state.state === 'finished' && state.failedReason !== null);
      if (failed?.state === 'finished') {
        await this.jobs.markFailed({ jobId: job.id, ...child }, failed.failedReason ?? 'failed in the queue');
        summary.failed += 1;
        continue;
      }
      missing.push(child);
    }
    if (summary.failed > 0) await this.jobs.finish(job.id);
    return missing.length === 0 ? 'none' : missing;
  }

  /** The run a job's pending children belong to: its latest retry, or an openai-batch job's batch or image run. */
  private baseRun(job: GenerationJobRow, pending: readonly Child[]): string {
    if (job.request.engine !== 'openai-batch' || job.retries > 0) return runName(job.retries);
    return pending.some((child) => child.kind === 'text') ? BATCH_RUN : IMAGE_RUN;
  }
}

function childId(child: Child): string {
  return `${child.itemId}|${child.segmentId}|${child.kind}`;
}
