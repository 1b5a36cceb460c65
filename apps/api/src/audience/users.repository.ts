import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TSegmentRule, TUser, TUserUpsert } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { afterCursor, keysetOrder, toPage } from '../db/keyset-page.js';
import { users, workspaces } from '../db/schema.js';
import { ruleToSql } from './segment-rule.sql.js';

type UserRow = typeof users.$inferSelect;

function toUser(row: UserRow): TUser {
  return {
    id: row.id,
    attributes: row.attributes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Postgres caps bind parameters at 65k; a chunk of this size stays far below it. */
const CHUNK = 1000;

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.db;
  }

  /** Later entries for the same id win, as if the upserts had been sent one by one. */
  async upsert(workspaceId: string, input: TUserUpsert[]): Promise<number> {
    const latest = [...new Map(input.map((u) => [u.id, u])).values()];
    for (let start = 0; start < latest.length; start += CHUNK) {
      const now = new Date();
      await this.db
        .insert(users)
        .values(latest.slice(start, start + CHUNK).map((u) => ({ workspaceId, id: u.id, attributes: u.attributes })))
        .onConflictDoUpdate({
          target: [users.workspaceId, users.id],
          set: { attributes: sql`excluded.attributes`, updatedAt: now },
          setWhere: sql`${users.attributes} is distinct from excluded.attributes`,
        });
    }
    return latest.length;
  }

  /** Creates users first seen in events, without touching known ones. */
  async ensureExist(workspaceId: string, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += CHUNK) {
      await this.db
        .insert(users)
        .values(unique.slice(start, start + CHUNK).map((id) => ({ workspaceId, id })))
        .onConflictDoNothing();
    }
  }

  async find(workspaceId: string, id: string): Promise<TUser | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
    return row ? toUser(row) : null;
  }

  /**
   * The user and the workspace's segments version in one statement: a feed request learns whether
   * its cached segments are current without a round trip of its own (CurrentSegments).
   */
  async findWithSegmentsVersion(workspaceId: string, id: string): Promise<{ user: TUser; segmentsVersion: number } | null> {
    const [row] = await this.db
      .select({ user: users, segmentsVersion: workspaces.segmentsVersion })
      .from(users)
      .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
    return row ? { user: toUser(row.user), segmentsVersion: row.segmentsVersion } : null;
  }

  /** `search` keeps users whose id contains it, ignoring case (strpos: no LIKE wildcards to escape). */
  async list(workspaceId: string, limit: number, cursor?: string, search?: string) {
    const rows = await this.db
      .select()
      .from(users)
      .where(
        and(
          eq(users.workspaceId, workspaceId),
          afterCursor(users, cursor),
          search ? sql`strpos(lower(${users.id}), lower(${search})) > 0` : undefined,
        ),
      )
      .orderBy(...keysetOrder(users))
      .limit(limit + 1);
    return toPage(rows, limit, toUser);
  }

  async count(workspaceId: string, rule?: TSegmentRule): Promise<number> {
    return this.db.$count(
      users,
      and(eq(users.workspaceId, workspaceId), rule ? ruleToSql(rule, users.attributes) : undefined),
    );
  }

  async matching(workspaceId: string, rule: TSegmentRule, limit: number): Promise<TUser[]> {
    const rows = await this.db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), ruleToSql(rule, users.attributes)))
      .orderBy(users.id)
      .limit(limit);
    return rows.map(toUser);
  }

  async existingIds(workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids)));
    return new Set(rows.map((r) => r.id));
  }
}
