import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { availableDatabases, scratchPostgresDatabase } from './support/test-app.js';

const postgres = (await availableDatabases()).includes('postgres');

describe.runIf(postgres)('database migrations on PostgreSQL', () => {
  it('bring a fresh database up to date when several processes start at once', async () => {
    const scratch = await scratchPostgresDatabase();
    try {
      // API and workers start together under `npm start`; each migrates on open.
      const handles = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url: scratch.url, pgliteDir: null })));
      const { rows } = await (handles[0]!.db as unknown as { $client: { query(sql: string): Promise<{ rows: { n: number }[] }> } }).$client.query(
        "select count(*)::int as n from information_schema.tables where table_name = 'generation_tasks'",
      );
      expect(rows[0]!.n).toBe(1);
      await Promise.all(handles.map((handle) => handle.close()));
    } finally {
      await scratch.drop();
    }
  });
});
