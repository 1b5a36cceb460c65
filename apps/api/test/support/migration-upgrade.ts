import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { expect } from 'vitest';
import { scratchPostgresDatabase } from './test-app.js';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

export type Execute = (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }>;

/** The migrations folder as it was before migration `tag`, in a scratch directory. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'persona-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/**
 * An upgrade as a deployed database lives it: the migrations before `tag`, rows written the old
 * way (`seed`), then every migration, then `check` on what the new ones made of those rows.
 */
export async function upgradeAcross(kind: 'pglite' | 'postgres', tag: string, seed: (execute: Execute) => Promise<void>, check: (execute: Execute) => Promise<void>) {
  const before = migrationsBefore(tag);
  const run = async (db: { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: unknown[] }> }, migrate: (folder: string) => Promise<void>) => {
    await migrate(before);
    const execute: Execute = async (query) => ({ rows: (await db.execute(query)).rows as Record<string, unknown>[] });
    await seed(execute);
    await migrate(MIGRATIONS);
    await check(execute);
  };
  try {
    if (kind === 'pglite') {
      const client = new PGlite();
      const db = drizzlePglite(client);
      try {
        await run(db, (folder) => migratePglite(db, { migrationsFolder: folder }));
      } finally {
        await client.close();
      }
      return;
    }
    const scratch = await scratchPostgresDatabase();
    const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    try {
      const db = drizzlePg(pool);
      await run(db, (folder) => migratePg(db, { migrationsFolder: folder }));
    } finally {
      await pool.end();
      await scratch.drop();
    }
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
}
