import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { ErrorCode, PlatformError } from '@persona/shared';

/** Keyset pages over (createdAt desc, id desc): stable under concurrent inserts, O(log n) per page. */
interface PageCursor {
  createdAt: Date;
  id: string;
}

function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

function decodeCursor(raw: string): PageCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new PlatformError(ErrorCode.ValidationFailed, 'The cursor is not one this API issued.', {
      errors: [{ path: 'query.cursor', message: 'invalid cursor' }],
    });
  }
}

export interface KeysetColumns {
  createdAt: PgColumn;
  id: PgColumn;
}

/** The WHERE condition for rows after the cursor, or undefined on the first page. */
export function afterCursor(columns: KeysetColumns, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const { createdAt, id } = decodeCursor(cursor);
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
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
