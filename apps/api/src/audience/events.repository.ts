import { Inject, Injectable } from '@nestjs/common';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { events, variants } from '../db/schema.js';

export type EventRow = typeof events.$inferInsert;

const CHUNK = 1000;

@Injectable()
export class EventsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  /** Inserts events whose (workspace, id) is new; returns the ones that were new. */
  async insertNew(rows: EventRow[]): Promise<EventRow[]> {
    const inserted: EventRow[] = [];
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const result = await this.handle.db.insert(events).values(chunk).onConflictDoNothing().returning({ id: events.id });
      const fresh = new Set(result.map((r) => r.id));
      inserted.push(...chunk.filter((row) => fresh.has(row.id)));
    }
    return inserted;
  }

  /** The item of each of these variants that belongs to the workspace; others are absent. */
  async variantItems(workspaceId: string, variantIds: string[]): Promise<Map<string, string>> {
    if (variantIds.length === 0) return new Map();
    const rows = await this.handle.db
      .select({ id: variants.id, itemId: variants.itemId })
      .from(variants)
      .where(and(eq(variants.workspaceId, workspaceId), inArray(variants.id, variantIds)));
    return new Map(rows.map((row) => [row.id, row.itemId]));
  }

  count(workspaceId: string): Promise<number> {
    return this.handle.db.$count(events, eq(events.workspaceId, workspaceId));
  }

  /** Events of one item by type (served by events_ws_item_idx); types never seen are absent. */
  async countByType(workspaceId: string, itemId: string): Promise<Map<EventRow['type'], number>> {
    const rows = await this.handle.db
      .select({ type: events.type, n: count() })
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), eq(events.itemId, itemId)))
      .groupBy(events.type);
    return new Map(rows.map((row) => [row.type, Number(row.n)]));
  }
}
