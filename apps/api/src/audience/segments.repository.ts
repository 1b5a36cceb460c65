import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { TSegment, TSegmentInput } from '@persona/shared';
import type { Database, DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { afterCursor, keysetOrder, toPage } from '../db/keyset-page.js';
import { segments, workspaces } from '../db/schema.js';

type SegmentRow = typeof segments.$inferSelect;
type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** A workspace's segments in assignment order, and the segments version they were read at. */
export interface VersionedSegments {
  version: number;
  segments: TSegment[];
}

function toSegment(row: SegmentRow): TSegment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rule: row.rule,
    style: row.style,
    priority: row.priority,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@Injectable()
export class SegmentsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.db;
  }

  async insert(workspaceId: string, input: TSegmentInput): Promise<TSegment> {
    return this.changing(workspaceId, async (tx) => {
      const [row] = await tx
        .insert(segments)
        .values({ id: `seg_${randomUUID()}`, workspaceId, ...input })
        .returning();
      return toSegment(row!);
    });
  }

  async find(workspaceId: string, id: string): Promise<TSegment | null> {
    const [row] = await this.db
      .select()
      .from(segments)
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));
    return row ? toSegment(row) : null;
  }

  async list(workspaceId: string, limit: number, cursor?: string) {
    const rows = await this.db
      .select()
      .from(segments)
      .where(and(eq(segments.workspaceId, workspaceId), afterCursor(segments, cursor)))
      .orderBy(...keysetOrder(segments))
      .limit(limit + 1);
    return toPage(rows, limit, toSegment);
  }

  /**
   * All segments in the order a user is assigned to one: highest priority first, the older on a
   * tie (and the id, so segments created in the same millisecond keep one order everywhere).
   */
  async all(workspaceId: string): Promise<TSegment[]> {
    return (await this.allWithVersion(workspaceId)).segments;
  }

  /**
   * `all` and the workspace's segments version, read by one statement (one snapshot): the version
   * says exactly which writes the list includes.
   */
  async allWithVersion(workspaceId: string): Promise<VersionedSegments> {
    const rows = await this.db
      .select({ version: workspaces.segmentsVersion, segment: segments })
      .from(workspaces)
      .leftJoin(segments, eq(segments.workspaceId, workspaces.id))
      .where(eq(workspaces.id, workspaceId))
      .orderBy(desc(segments.priority), segments.createdAt, segments.id);
    return {
      version: rows[0]?.version ?? 0,
      segments: rows.flatMap((row) => (row.segment ? [toSegment(row.segment)] : [])),
    };
  }

  async update(workspaceId: string, id: string, input: TSegmentInput): Promise<TSegment | null> {
    return this.changing(workspaceId, async (tx) => {
      const [row] = await tx
        .update(segments)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)))
        .returning();
      return row ? toSegment(row) : null;
    });
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    return this.changing(workspaceId, async (tx) => {
      const rows = await tx
        .delete(segments)
        .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)))
        .returning({ id: segments.id });
      return rows.length > 0;
    });
  }

  /**
   * Every write to segments goes through here: it moves the workspace's segments version in the
   * same transaction, so no instance can read the new segments' version and find the old segments.
   */
  private changing<T>(workspaceId: string, write: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const result = await write(tx);
      await tx
        .update(workspaces)
        .set({ segmentsVersion: sql`${workspaces.segmentsVersion} + 1` })
        .where(eq(workspaces.id, workspaceId));
      return result;
    });
  }
}
