import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { ErrorCode, MAX_CURSOR_LENGTH, PlatformError, ZIdSchema } from '@persona/shared';
import { unsafeTextReason } from '../contract/unsafe-text.js';

/** Keyset pages over (createdAt desc, id desc): stable under concurrent inserts, O(log n) per page. */
interface PageCursor {
  createdAt: Date;
  id: string;
}

/** Exactly what `Date.toISOString` writes for years 1 to 9999, the years PostgreSQL accepts too. */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ZInstantSchema = z
  .string()
  .regex(ISO_INSTANT)
  .refine((text) => new Date(text).toISOString() === text);
/** An id inside a cursor: what the list routes store, so never a NUL or a lone surrogate. */
export const ZCursorIdSchema = ZIdSchema.refine((text) => unsafeTextReason(text) === null);

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * Cursors come back from clients, so they are decoded like any input: a forged one (wrong
 * shape, a date PostgreSQL cannot hold, a NUL in an id, any length) is a typed 400, never a
 * query that fails.
 */
export function decodeCursor<T extends z.ZodTuple>(raw: string, shape: T): z.infer<T> {
  if (raw.length <= MAX_CURSOR_LENGTH) {
    try {
      const parsed = shape.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: falls through to the typed error
    }
  }
  throw new PlatformError(ErrorCode.ValidationFailed, 'The cursor is not one this API issued.', {
    errors: [{ path: 'query.cursor', message: 'invalid cursor' }],
  });
}

const ZPageCursorSchema = z.tuple([ZInstantSchema, ZCursorIdSchema]);

function decodePageCursor(raw: string): PageCursor {
  const [createdAt, id] = decodeCursor(raw, ZPageCursorSchema);
  return { createdAt: new Date(createdAt), id };
}

export interface KeysetColumns {
  createdAt: PgColumn;
  id: PgColumn;
}

/** The WHERE condition for rows after the cursor, or undefined on the first page. */
export function afterCursor(columns: KeysetColumns, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const { createdAt, id } = decodePageCursor(cursor);
  return sql`(${columns.createdAt}, ${columns.id}) < (${createdAt.toISOString()}::timestamptz, ${id})`;
}

export function keysetOrder(columns: KeysetColumns): SQL[] {
  return [sql`${columns.createdAt} desc`, sql`${columns.id} desc`];
}

/** Callers fetch limit + 1 rows; the extra row only tells whether another page exists. */
export function toPage<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
