import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { availableDatabases, scratchPostgresDatabase } from './support/test-app.js';

const MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url));
const TAG = '0005_image_source_variant';

/** The migrations folder as it was before the image → text link became a column. */
function migrationsBefore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'persona-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === TAG);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

type Execute = (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }>;

/** Rows as the generator wrote them before: the link only in the image's `headline` check. */
async function seedOldRows(execute: Execute) {
  await execute(sql`insert into workspaces (id, name) values ('ws_m', 'migration')`);
  await execute(sql`insert into items (id, workspace_id, external_id, title, body, category, content_hash, search) values ('itm_m', 'ws_m', 'x1', 'T', 'B', 'c', 'h', to_tsvector('simple', 'B'))`);
  await execute(sql`insert into segments (id, workspace_id, name, rule, style) values ('seg_m', 'ws_m', 'S', '{}'::jsonb, '{}'::jsonb)`);
  const variant = (id: string, kind: string, hash: string, guardrails: object) => execute(sql`
    insert into variants (id, workspace_id, item_id, segment_id, kind, status, inputs_hash, provenance, guardrails)
    values (${id}, 'ws_m', 'itm_m', 'seg_m', ${kind}, 'approved', ${hash}, '{}'::jsonb, ${JSON.stringify(guardrails)}::jsonb)`);
  await variant('var_text_a', 'text', 'h1', { status: 'pass', checks: [] });
  await variant('var_text_b', 'text', 'h2', { status: 'pass', checks: [] });
  const headline = (id: string) => ({ status: 'pass', checks: [{ name: 'headline', status: 'pass', detail: `Headline from text variant ${id}.` }] });
  await variant('var_img_b', 'image', 'h3', headline('var_text_b'));
  await variant('var_img_gone', 'image', 'h4', headline('var_text_deleted'));
  await variant('var_img_none', 'image', 'h5', { status: 'pass', checks: [] });
}

async function expectBackfilled(execute: Execute) {
  const { rows } = await execute(sql`select id, source_variant_id from variants order by id`);
  expect(Object.fromEntries(rows.map((row) => [row.id, row.source_variant_id]))).toEqual({
    var_img_b: 'var_text_b',
    var_img_gone: null, // its text variant no longer exists
    var_img_none: null,
    var_text_a: null,
    var_text_b: null,
  });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each(await availableDatabases())('migration %s: image variants get their text variant as a column', (kind) => {
  it('backfills source_variant_id from the headline check of the rows already there', async () => {
    const before = migrationsBefore();
    dirs.push(before);
    if (kind === 'pglite') {
      const client = new PGlite();
      const db = drizzlePglite(client);
      try {
        await migratePglite(db, { migrationsFolder: before });
        const execute: Execute = async (query) => ({ rows: (await db.execute(query)).rows as Record<string, unknown>[] });
        await seedOldRows(execute);
        await migratePglite(db, { migrationsFolder: MIGRATIONS });
        await expectBackfilled(execute);
      } finally {
        await client.close();
      }
      return;
    }
    const scratch = await scratchPostgresDatabase();
    const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    try {
      const db = drizzlePg(pool);
      await migratePg(db, { migrationsFolder: before });
      const execute: Execute = async (query) => ({ rows: (await db.execute(query)).rows as Record<string, unknown>[] });
      await seedOldRows(execute);
      await migratePg(db, { migrationsFolder: MIGRATIONS });
      await expectBackfilled(execute);
    } finally {
      await pool.end();
      await scratch.drop();
    }
  }, 120_000);
});
