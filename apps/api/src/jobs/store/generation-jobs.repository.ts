import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import {
  type TGenerationChild,
  type TGenerationChildListQuery,
  type TGenerationChildStatus,
  type TGenerationEstimate,
  type TGenerationJobCounts,
  type TGenerationJobListQuery,
  type TGenerationJobRequest,
  type TVariantKind,
  ZVariantKindSchema,
} from '@persona/shared';
import { z } from 'zod';
import type { DatabaseHandle } from '../../db/database.js';
import { DATABASE } from '../../db/database.token.js';
import { groupCommit } from '../../db/group-commit.js';
import { afterCursor, decodeCursor, encodeCursor, keysetOrder, toPage, ZCursorIdSchema } from '../../db/keyset-page.js';
import { generationJobs, generationChildren, variants } from '../../db/schema.js';
import type { NewVariant, VariantKey } from '../../generation/variants.repository.js';

export type GenerationJobRow = typeof generationJobs.$inferSelect;

export interface ChildKey {
  jobId: string;
  itemId: string;
  segmentId: string;
  kind: TVariantKind;
}

export type VariantWrite = { state: 'canceled' } | { state: 'exists' } | { state: 'written'; id: string; createdAt: Date };

interface PendingWrite {
  key: ChildKey;
  variant: NewVariant & VariantKey;
}

export interface NewGenerationJob {
  workspaceId: string;
  request: TGenerationJobRequest;
  estimate: TGenerationEstimate;
  idempotencyKey: string | null;
  children: Omit<ChildKey, 'jobId'>[];
}

const FINISHED_JOB = ['completed', 'failed', 'canceled'] as const;

/**
 * For a batch statement whose `input` rows carry a `job_id`: the jobs among them not canceled,
 * share-locked in id order. A cancel's update waits for the statement, and two batches lock in
 * the same order, so neither can deadlock the other.
 */
const LIVE_JOBS_OF_INPUT = sql`
  select ${generationJobs.id} as id from ${generationJobs}
  where ${generationJobs.id} in (select job_id from input) and ${generationJobs.status} <> 'canceled'
  order by ${generationJobs.id}
  for share`;

function childWhere(key: ChildKey) {
  return and(
    eq(generationChildren.jobId, key.jobId),
    eq(generationChildren.itemId, key.itemId),
    eq(generationChildren.segmentId, key.segmentId),
    eq(generationChildren.kind, key.kind),
  );
}

function toChild(row: typeof generationChildren.$inferSelect): TGenerationChild {
  return {
    itemId: row.itemId,
    segmentId: row.segmentId,
    kind: row.kind,
    status: row.status,
    variantId: row.variantId,
    failureReason: row.failureReason,
    attempts: row.attempts,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function encodeChildCursor(row: { itemId: string; segmentId: string; kind: string }): string {
  return encodeCursor([row.itemId, row.segmentId, row.kind]);
}

const ZChildCursorSchema = z.tuple([ZCursorIdSchema, ZCursorIdSchema, ZVariantKindSchema]);

function decodeChildCursor(raw: string): [string, string, string] {
  return decodeCursor(raw, ZChildCursorSchema);
}

/**
 * Jobs and their children in the database, which is the truth about what a job owes and has
 * done: the queue only schedules the work. Every write that finishes a child is conditional on
 * the child still pending and the job not canceled, so a child that runs twice (a stalled job, a
 * retry after a crash) records its outcome once.
 */
@Injectable()
export class GenerationJobsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.db;
  }

  /** Creates the job and its children, or returns the job an earlier request with the same key created. */
  async create(job: NewGenerationJob): Promise<{ row: GenerationJobRow; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(generationJobs)
        .values({
          id: `gjob_${randomUUID()}`,
          workspaceId: job.workspaceId,
          status: 'queued',
          request: job.request,
          estimate: job.estimate,
          idempotencyKey: job.idempotencyKey,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        const [existing] = await tx
          .select()
          .from(generationJobs)
          .where(and(eq(generationJobs.workspaceId, job.workspaceId), eq(generationJobs.idempotencyKey, job.idempotencyKey!)));
        return { row: existing!, created: false };
      }
      // One JSON parameter for every row: a bound parameter per column and row would want chunks under
      // Postgres's 65,535-parameter limit, and building them costs more than the insert.
      const children = job.children.map((child) => ({ item_id: child.itemId, segment_id: child.segmentId, kind: child.kind }));
      await tx.execute(sql`
        insert into ${generationChildren} (job_id, item_id, segment_id, kind, status)
        select ${row.id}, item_id, segment_id, kind, 'pending'
        from jsonb_to_recordset(${JSON.stringify(children)}::jsonb) as r(item_id text, segment_id text, kind text)
      `);
      return { row, created: true };
    });
  }

  async find(workspaceId: string, id: string): Promise<GenerationJobRow | null> {
    const [row] = await this.db
      .select()
      .from(generationJobs)
      .where(and(eq(generationJobs.workspaceId, workspaceId), eq(generationJobs.id, id)));
    return row ?? null;
  }

  /** For workers, which know the job id from the queue and need no tenant check. */
  async findById(id: string): Promise<GenerationJobRow | null> {
    const [row] = await this.db.select().from(generationJobs).where(eq(generationJobs.id, id));
    return row ?? null;
  }

  async list(workspaceId: string, query: TGenerationJobListQuery) {
    const rows = await this.db
      .select()
      .from(generationJobs)
      .where(
        and(
          eq(generationJobs.workspaceId, workspaceId),
          query.status ? eq(generationJobs.status, query.status) : undefined,
          afterCursor(generationJobs, query.cursor),
        ),
      )
      .orderBy(...keysetOrder(generationJobs))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, (row) => row);
  }

  async counts(jobId: string): Promise<TGenerationJobCounts> {
    const rows = await this.db
      .select({
        status: generationChildren.status,
        count: sql<number>`count(*)::int`,
        fellBack: sql<number>`(count(*) filter (where ${variants.provenance}->>'fallbackReason' is not null))::int`,
      })
      .from(generationChildren)
      .leftJoin(variants, eq(variants.id, generationChildren.variantId))
      .where(eq(generationChildren.jobId, jobId))
      .groupBy(generationChildren.status);
    const counts: TGenerationJobCounts = { total: 0, done: 0, failed: 0, skipped: 0, pending: 0, canceled: 0, fellBack: 0 };
    for (const { status, count, fellBack } of rows) {
      counts[status] = count;
      counts.total += count;
      // A skipped child reused a variant made earlier, perhaps by another job: its fallback is not this job's.
      if (status === 'done') counts.fellBack = fellBack;
    }
    return counts;
  }

  async listChildren(jobId: string, query: TGenerationChildListQuery) {
    const after = query.cursor ? decodeChildCursor(query.cursor) : undefined;
    const rows = await this.db
      .select()
      .from(generationChildren)
      .where(
        and(
          eq(generationChildren.jobId, jobId),
          query.status ? eq(generationChildren.status, query.status) : undefined,
          after
            ? sql`(${generationChildren.itemId}, ${generationChildren.segmentId}, ${generationChildren.kind}) > (${after[0]}, ${after[1]}, ${after[2]})`
            : undefined,
        ),
      )
      .orderBy(asc(generationChildren.itemId), asc(generationChildren.segmentId), asc(generationChildren.kind))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toChild), nextCursor: rows.length > query.limit && last ? encodeChildCursor(last) : null };
  }

  async childStatus(key: ChildKey): Promise<TGenerationChildStatus | null> {
    const [row] = await this.db.select({ status: generationChildren.status }).from(generationChildren).where(childWhere(key));
    return row?.status ?? null;
  }

  async pendingChildren(jobId: string, kind: TVariantKind): Promise<Omit<ChildKey, 'jobId'>[]> {
    return this.db
      .select({ itemId: generationChildren.itemId, segmentId: generationChildren.segmentId, kind: generationChildren.kind })
      .from(generationChildren)
      .where(and(eq(generationChildren.jobId, jobId), eq(generationChildren.kind, kind), eq(generationChildren.status, 'pending')))
      .orderBy(asc(generationChildren.itemId), asc(generationChildren.segmentId));
  }

  /** Every pending child of a job, of any kind. */
  async allPendingChildren(jobId: string): Promise<Omit<ChildKey, 'jobId'>[]> {
    return this.db
      .select({ itemId: generationChildren.itemId, segmentId: generationChildren.segmentId, kind: generationChildren.kind })
      .from(generationChildren)
      .where(and(eq(generationChildren.jobId, jobId), eq(generationChildren.status, 'pending')))
      .orderBy(asc(generationChildren.itemId), asc(generationChildren.segmentId), asc(generationChildren.kind));
  }

  /** Jobs not finished (queued or running) created before `before`, oldest first: what the reconciler looks at. */
  async liveJobs(before: Date): Promise<GenerationJobRow[]> {
    return this.db
      .select()
      .from(generationJobs)
      .where(and(inArray(generationJobs.status, ['queued', 'running']), lt(generationJobs.createdAt, before)))
      .orderBy(asc(generationJobs.createdAt));
  }

  async markStarted(jobId: string): Promise<void> {
    await this.db
      .update(generationJobs)
      .set({ status: 'running', startedAt: sql`coalesce(${generationJobs.startedAt}, now())` })
      .where(and(eq(generationJobs.id, jobId), eq(generationJobs.status, 'queued')));
  }

  async setProviderBatch(jobId: string, batchId: string): Promise<void> {
    await this.db.update(generationJobs).set({ providerBatchId: batchId }).where(eq(generationJobs.id, jobId));
  }

  /**
   * Records that a child found its variant already made (skipped), holding a share lock on the job
   * row that a cancel waits for. Returns false, recording nothing, when the job is canceled.
   * Concurrent calls share one statement (see `groupCommit`).
   */
  readonly recordSkipped: (key: ChildKey, variant: { id: string; failureReason: string | null }) => Promise<boolean> = (() => {
    const record = groupCommit((inputs: readonly { key: ChildKey; variantId: string; failureReason: string | null }[]) =>
      this.recordSkippedMany(inputs),
    );
    return (key: ChildKey, variant: { id: string; failureReason: string | null }) =>
      record({ key, variantId: variant.id, failureReason: variant.failureReason });
  })();

  private async recordSkippedMany(inputs: readonly { key: ChildKey; variantId: string; failureReason: string | null }[]): Promise<boolean[]> {
    const rows = inputs.map(({ key, variantId, failureReason }, ord) => ({
      ord,
      job_id: key.jobId,
      item_id: key.itemId,
      segment_id: key.segmentId,
      kind: key.kind,
      variant_id: variantId,
      failure_reason: failureReason,
    }));
    const result = await this.db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          ord int, job_id text, item_id text, segment_id text, kind text, variant_id text, failure_reason text)
      ), job as (${LIVE_JOBS_OF_INPUT}), recorded as (
        update ${generationChildren} set
          status = 'skipped', variant_id = input.variant_id, failure_reason = input.failure_reason,
          attempts = ${generationChildren}.attempts + 1, updated_at = now()
        from input join job on job.id = input.job_id
        where ${generationChildren}.job_id = input.job_id and ${generationChildren}.item_id = input.item_id
          and ${generationChildren}.segment_id = input.segment_id and ${generationChildren}.kind = input.kind
          and ${generationChildren}.status = 'pending'
      )
      select input.ord, job.id is not null as live from input left join job on job.id = input.job_id
    `);
    const live = new Map((result as unknown as { rows: { ord: number; live: boolean }[] }).rows.map((row) => [row.ord, row.live]));
    return inputs.map((_, ord) => live.get(ord) === true);
  }

  /**
   * A child's hot path: stores its new variant and records its outcome, under the same share lock
   * on the job row that a cancel waits for. Like `insertOrGet`, it replaces a failed variant of
   * the same key and keeps any other. Returns `canceled` (nothing written), `exists` (another
   * variant holds the key: nothing written) or the new variant's id and creation time. Concurrent
   * calls share one statement (see `groupCommit`).
   */
  readonly writeNewVariant: (key: ChildKey, variant: NewVariant & VariantKey) => Promise<VariantWrite> = (() => {
    const write = groupCommit((inputs: readonly PendingWrite[]) => this.writeNewVariants(inputs));
    return (key: ChildKey, variant: NewVariant & VariantKey) => write({ key, variant });
  })();

  private async writeNewVariants(inputs: readonly PendingWrite[]): Promise<VariantWrite[]> {
    // One statement may touch a variant key once: a second write of a key in the same batch finds it taken.
    const firstOfKey = new Map<string, number>();
    const rows = inputs.flatMap(({ key, variant }, ord) => {
      const variantKey = [variant.workspaceId, variant.itemId, variant.segmentId, variant.kind, variant.inputsHash].join('\u0000');
      if (firstOfKey.has(variantKey)) return [];
      firstOfKey.set(variantKey, ord);
      return [{
        ord,
        job_id: key.jobId,
        task_item_id: key.itemId,
        task_segment_id: key.segmentId,
        task_kind: key.kind,
        id: `var_${randomUUID()}`,
        workspace_id: variant.workspaceId,
        item_id: variant.itemId,
        segment_id: variant.segmentId,
        kind: variant.kind,
        status: variant.status,
        inputs_hash: variant.inputsHash,
        text: variant.text ?? null,
        images: variant.images ?? [],
        provenance: variant.provenance,
        guardrails: variant.guardrails,
        failure_reason: variant.failureReason ?? null,
        source_variant_id: variant.sourceVariantId ?? null,
        style_key: variant.styleKey ?? null,
      }];
    });
    // Variant keys are inserted in a fixed order (as job rows are locked), so two batches in flight cannot deadlock each other.
    const result = await this.db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          ord int, job_id text, task_item_id text, task_segment_id text, task_kind text, id text, workspace_id text,
          item_id text, segment_id text, kind text, status text, inputs_hash text, text jsonb, images jsonb,
          provenance jsonb, guardrails jsonb, failure_reason text, source_variant_id text, style_key text)
      ), job as (${LIVE_JOBS_OF_INPUT}), written as (
        insert into ${variants} (id, workspace_id, item_id, segment_id, kind, status, inputs_hash, text, images, provenance, guardrails, failure_reason, source_variant_id, style_key)
        select input.id, workspace_id, item_id, segment_id, kind, status, inputs_hash, text, images,
          provenance, guardrails, failure_reason, source_variant_id, style_key
        from input join job on job.id = input.job_id
        order by workspace_id, item_id, segment_id, kind, inputs_hash
        on conflict (workspace_id, item_id, segment_id, kind, inputs_hash) do update set
          status = excluded.status, text = excluded.text, images = excluded.images, provenance = excluded.provenance,
          guardrails = excluded.guardrails, failure_reason = excluded.failure_reason, source_variant_id = excluded.source_variant_id,
          style_key = excluded.style_key, edited_by_human = false, updated_at = now()
        where ${variants}.status = 'failed'
        returning id, workspace_id, item_id, segment_id, kind, inputs_hash, status, failure_reason, created_at
      ), outcome as (
        select input.ord, input.job_id, input.task_item_id, input.task_segment_id, input.task_kind, job.id is not null as live,
          written.id, written.status, written.failure_reason, written.created_at
        from input
        left join job on job.id = input.job_id
        left join written using (workspace_id, item_id, segment_id, kind, inputs_hash)
      ), recorded as (
        update ${generationChildren} set
          status = case when outcome.status = 'failed' then 'failed' else 'done' end,
          variant_id = outcome.id, failure_reason = outcome.failure_reason, attempts = attempts + 1, updated_at = now()
        from outcome
        where outcome.id is not null and ${generationChildren}.job_id = outcome.job_id and ${generationChildren}.item_id = outcome.task_item_id
          and ${generationChildren}.segment_id = outcome.task_segment_id and ${generationChildren}.kind = outcome.task_kind
          and ${generationChildren}.status = 'pending'
      )
      select ord, live, id, created_at from outcome
    `);
    const byOrd = new Map(
      (result as unknown as { rows: { ord: number; live: boolean; id: string | null; created_at: Date | string | null }[] }).rows.map((row) => [row.ord, row]),
    );
    return inputs.map((_, ord) => {
      const row = byOrd.get(ord);
      // Not in the statement: an earlier input of this batch has the same key.
      if (!row) return { state: 'exists' };
      if (!row.live) return { state: 'canceled' };
      if (row.id === null || row.created_at === null) return { state: 'exists' };
      return { state: 'written', id: row.id, createdAt: new Date(row.created_at) };
    });
  }

  /** A child that ended without a variant (its last attempt failed, or the error was permanent). */
  async markFailed(key: ChildKey, reason: string): Promise<void> {
    await this.db
      .update(generationChildren)
      .set({ status: 'failed', failureReason: reason, attempts: sql`${generationChildren.attempts} + 1`, updatedAt: new Date() })
      .where(and(childWhere(key), eq(generationChildren.status, 'pending')));
  }

  /**
   * Closes a job whose children have all finished: failed only when not one child succeeded. A run
   * that ends while others still owe children (the Batch API's texts before its images) leaves it open.
   */
  async finish(jobId: string): Promise<void> {
    const counts = await this.counts(jobId);
    if (counts.pending > 0) return;
    const status = counts.failed > 0 && counts.done + counts.skipped === 0 ? 'failed' : 'completed';
    await this.db
      .update(generationJobs)
      .set({ status, finishedAt: new Date() })
      .where(and(eq(generationJobs.id, jobId), inArray(generationJobs.status, ['queued', 'running'])));
  }

  /**
   * Cancels a job that has not finished: its pending children become canceled. Waits for variant
   * writes in flight (they hold a share lock on the job row), so once this returns no child of the
   * job writes a variant again. Returns false when the job had already finished.
   */
  async cancel(jobId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const canceled = await tx
        .update(generationJobs)
        .set({ status: 'canceled', finishedAt: new Date() })
        .where(and(eq(generationJobs.id, jobId), inArray(generationJobs.status, ['queued', 'running'])))
        .returning({ id: generationJobs.id });
      if (canceled.length === 0) return false;
      await tx
        .update(generationChildren)
        .set({ status: 'canceled', updatedAt: new Date() })
        .where(and(eq(generationChildren.jobId, jobId), eq(generationChildren.status, 'pending')));
      return true;
    });
  }

  /**
   * Puts a finished job's failed children back to pending and reopens the job; returns the retry's
   * number (which names its run) and the children, or null when nothing failed or it was canceled.
   */
  async reopenFailed(jobId: string): Promise<{ retry: number; children: Omit<ChildKey, 'jobId'>[] } | null> {
    return this.db.transaction(async (tx) => {
      const [job] = await tx
        .update(generationJobs)
        .set({ status: 'running', finishedAt: null, retries: sql`${generationJobs.retries} + 1` })
        .where(
          and(
            eq(generationJobs.id, jobId),
            inArray(generationJobs.status, ['completed', 'failed']),
            sql`exists (select 1 from ${generationChildren} where ${generationChildren.jobId} = ${jobId} and ${generationChildren.status} = 'failed')`,
          ),
        )
        .returning({ retries: generationJobs.retries });
      if (!job) return null;
      const children = await tx
        .update(generationChildren)
        .set({ status: 'pending', failureReason: null, updatedAt: new Date() })
        .where(and(eq(generationChildren.jobId, jobId), eq(generationChildren.status, 'failed')))
        .returning({ itemId: generationChildren.itemId, segmentId: generationChildren.segmentId, kind: generationChildren.kind });
      return { retry: job.retries, children };
    });
  }

  static isFinished(status: GenerationJobRow['status']): boolean {
    return (FINISHED_JOB as readonly string[]).includes(status);
  }
}
