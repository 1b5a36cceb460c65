import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { GENERATION_QUEUE } from '../job-queues.js';

/** BullMQ jobs probed per Redis round trip. */
const PROBE_CHUNK = 1_000;
/** A job's reconciler runs are remembered for a week; a job still live after that is simply re-queued again. */
const RECONCILER_RUNS_TTL_MS = 7 * 24 * 3_600_000;

/** What Redis holds of one BullMQ job of the generation queue. */
export type QueuedState = { state: 'absent' } | { state: 'queued' } | { state: 'finished'; failedReason: string | null };

/**
 * What the reconciler reads and writes in Redis, on a connection of its own: which BullMQ jobs
 * exist (read from their hashes in pipelined round trips, so a 200k-child job costs 200 of them),
 * the runs it added to each job, and its turn (one reconciler at a time across API processes).
 * Key names come from the queue, so they follow its prefix.
 */
@Injectable()
export class QueueLedger implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectQueue(GENERATION_QUEUE) private readonly queue: Queue,
  ) {
    // A reconcile tick during an outage fails fast and the next tick tries again; nothing waits on it.
    this.redis = new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: true, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // the tick's own error says what an outage meant
  }

  async states(ids: readonly string[]): Promise<Map<string, QueuedState>> {
    const states = new Map<string, QueuedState>();
    for (let start = 0; start < ids.length; start += PROBE_CHUNK) {
      const chunk = ids.slice(start, start + PROBE_CHUNK);
      const pipeline = this.redis.pipeline();
      for (const id of chunk) pipeline.hmget(this.queue.toKey(id), 'timestamp', 'finishedOn', 'failedReason');
      const replies = (await pipeline.exec()) ?? [];
      chunk.forEach((id, index) => {
        const [error, fields] = replies[index] ?? [new Error('no reply'), null];
        if (error) throw error;
        const [timestamp, finishedOn, failedReason] = fields as (string | null)[];
        states.set(id, !timestamp ? { state: 'absent' } : !finishedOn ? { state: 'queued' } : { state: 'finished', failedReason: failedReason ?? null });
      });
    }
    return states;
  }

  /** The runs the reconciler added to a job: all of them, or those on top of `base` (its first run or latest retry). */
  async reconcilerRuns(jobId: string, base?: string): Promise<string[]> {
    const runs = await this.redis.lrange(this.runsKey(jobId), 0, -1);
    return base === undefined ? runs : runs.filter((run) => run.startsWith(`${base}.`));
  }

  async rememberReconcilerRun(jobId: string, run: string): Promise<void> {
    await this.redis.multi().rpush(this.runsKey(jobId), run).pexpire(this.runsKey(jobId), RECONCILER_RUNS_TTL_MS).exec();
  }

  /** Takes the reconciler's turn for `ms`; false when another process holds it. */
  async claimTurn(ms: number): Promise<boolean> {
    return (await this.redis.set(this.queue.toKey('reconciler-turn'), String(process.pid), 'PX', ms, 'NX')) === 'OK';
  }

  async releaseTurn(): Promise<void> {
    await this.redis.del(this.queue.toKey('reconciler-turn'));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private runsKey(jobId: string): string {
    return this.queue.toKey(`reconciler-runs:${jobId}`);
  }
}
