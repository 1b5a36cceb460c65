import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { TDeliveryPolicy } from '@persona/shared';

/** The arm a user was served for an item, kept for the sticky window. */
export interface StickyAssignment {
  segmentId: string;
  arm: string;
  policy: TDeliveryPolicy;
  propensity: number;
}

/**
 * Stickiness lives in Redis, shared by every API instance, each key expiring with the window.
 * Redis trouble never fails a feed: reads answer "nothing sticky" and writes are dropped, both
 * logged (a user may then see another variant once; the exposure log still records what was served).
 */
export class StickyAssignmentsStore {
  private readonly logger = new Logger('StickyAssignments');
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix: string) {
    this.redis = new Redis(url, {
      // Commands wait for a (re)connection at most commandTimeout: a feed is never held longer.
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.redis.on('error', () => undefined); // reported per command below
  }

  /** The user's assignments in `segmentId`: one kept while they belonged to another segment is not theirs now. */
  async read(workspaceId: string, segmentId: string, userId: string, itemIds: readonly string[]): Promise<Map<string, StickyAssignment>> {
    const found = new Map<string, StickyAssignment>();
    if (itemIds.length === 0) return found;
    try {
      const values = await this.redis.mget(itemIds.map((itemId) => this.key(workspaceId, segmentId, itemId, userId)));
      values.forEach((value, i) => {
        const parsed = value ? parse(value) : null;
        if (parsed) found.set(itemIds[i]!, parsed);
      });
    } catch (error) {
      this.logger.warn(`Sticky assignments unavailable, choosing afresh: ${(error as Error).message}`);
    }
    return found;
  }

  /** Keeps new assignments for `windowSeconds`; an assignment another instance made first wins (NX). */
  write(workspaceId: string, userId: string, assignments: ReadonlyMap<string, StickyAssignment>, windowSeconds: number): Promise<void> {
    if (assignments.size === 0 || windowSeconds <= 0) return Promise.resolve();
    const pipeline = this.redis.pipeline();
    for (const [itemId, a] of assignments) {
      pipeline.set(this.key(workspaceId, a.segmentId, itemId, userId), [a.segmentId, a.arm, a.policy, a.propensity].join('\t'), 'EX', windowSeconds, 'NX');
    }
    return pipeline.exec().then(
      () => undefined,
      (error: unknown) => this.logger.warn(`Sticky assignments not kept: ${(error as Error).message}`),
    );
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /**
   * Per segment: a user moved to another segment (an edited rule or priority, new attributes) gets
   * an arm of the new segment kept for the window, not a fresh one at every request until the old
   * segment's key expires (writes are NX). The user id goes last: the only part that may contain the separator.
   */
  private key(workspaceId: string, segmentId: string, itemId: string, userId: string): string {
    return `${this.prefix}:delivery:sticky:${workspaceId}:${segmentId}:${itemId}:${userId}`;
  }
}

function parse(value: string): StickyAssignment | null {
  const [segmentId, arm, policy, propensity] = value.split('\t');
  const p = Number(propensity);
  if (!segmentId || !arm || !(policy === 'thompson' || policy === 'uniform' || policy === 'fixed') || !(p > 0 && p <= 1)) return null;
  return { segmentId, arm, policy, propensity: p };
}

export const STICKY_ASSIGNMENTS = Symbol('STICKY_ASSIGNMENTS');
