// Bench setup only: rows written straight to the database in large statements (one JSON
// parameter of up to `batch` rows each), so 1M interactions load in seconds rather than minutes.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/database.js';

/**
 * Inserts `rows` into `table` in statements of `batch` rows: each statement expands one jsonb
 * array with `jsonb_to_recordset`, which PostgreSQL and PGlite both run without a parameter per value.
 */
export async function bulkInsert(db: Database, table: string, columns: Record<string, string>, rows: readonly Record<string, unknown>[], batch = 50_000): Promise<void> {
  const names = Object.keys(columns);
  const list = sql.raw(names.map((name) => `"${name}"`).join(', '));
  const record = sql.raw(names.map((name) => `"${name}" ${columns[name]}`).join(', '));
  for (let start = 0; start < rows.length; start += batch) {
    const json = JSON.stringify(rows.slice(start, start + batch));
    await db.execute(sql`insert into ${sql.raw(`"${table}"`)} (${list}) select ${list} from jsonb_to_recordset(${json}::jsonb) as r(${record}) on conflict do nothing`);
  }
}
