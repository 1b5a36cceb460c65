import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq } from 'drizzle-orm';
import type { TSegment, TSegmentInput } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { afterCursor, keysetOrder, toPage } from '../db/keyset-page.js';
import { segments } from '../db/schema.js';

type SegmentRow = typeof segments.$inferSelect;

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
    const [row] = await this.db
      .insert(segments)
      .values({ id: `seg_${randomUUID()}`, workspaceId, ...input })
      .returning();
    return toSegment(row!);
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

  /** All segments, highest priority first: the order in which a user is assigned to one. */
  async all(workspaceId: string): Promise<TSegment[]> {
    const rows = await this.db
      .select()
      .from(segments)
      .where(eq(segments.workspaceId, workspaceId))
      .orderBy(desc(segments.priority), segments.createdAt);
    return rows.map(toSegment);
  }

  async update(workspaceId: string, id: string, input: TSegmentInput): Promise<TSegment | null> {
    const [row] = await this.db
      .update(segments)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)))
      .returning();
    return row ? toSegment(row) : null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(segments)
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)))
      .returning({ id: segments.id });
    return rows.length > 0;
  }
}
