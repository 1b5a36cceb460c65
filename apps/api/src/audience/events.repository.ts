import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { events } from '../db/schema.js';

export type EventRow = typeof events.$inferInsert;

const CHUNK = 1000;

@Injectable()
export class EventsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  /** Inserts events whose (workspace, id) is new; returns how many were new. */
  async insertNew(rows: EventRow[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const result = await this.handle.db
        .insert(events)
        .values(rows.slice(start, start + CHUNK))
        .onConflictDoNothing()
        .returning({ id: events.id });
      inserted += result.length;
    }
    return inserted;
  }

  count(workspaceId: string): Promise<number> {
    return this.handle.db.$count(events, eq(events.workspaceId, workspaceId));
  }
}
