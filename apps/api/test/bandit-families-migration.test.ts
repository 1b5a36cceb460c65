import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { upgradeAcross, type Execute } from './support/migration-upgrade.js';
import { availableDatabases } from './support/test-app.js';

/** Counters as the bandit kept them before families: per arm only. */
async function seedArmCounters(execute: Execute) {
  await execute(sql`insert into workspaces (id, name) values ('ws_m', 'migration')`);
  const arm = (segment: string, item: string, arm: string, exposures: number, clicks: number) => execute(sql`
    insert into bandit_arms (workspace_id, item_id, segment_id, arm, exposures, clicks) values ('ws_m', ${item}, ${segment}, ${arm}, ${exposures}, ${clicks})`);
  await arm('seg_a', 'itm_1', 'control', 40, 3);
  await arm('seg_a', 'itm_2', 'control', 60, 2);
  await arm('seg_a', 'itm_1', 'var_1', 50, 6);
  await arm('seg_b', 'itm_1', 'control', 7, 1);
}

describe.each(await availableDatabases())('migration %s: bandit counters per family', (kind) => {
  it('sums the control arms already counted into each segment\'s control family; variants without a style key pool with nothing', async () => {
    await upgradeAcross(kind, '0008_pooled_bandit_families', seedArmCounters, async (execute) => {
      const { rows } = await execute(sql`select segment_id, family, exposures, clicks from bandit_families order by segment_id, family`);
      expect(rows.map((r) => [r.segment_id, r.family, Number(r.exposures), Number(r.clicks)])).toEqual([
        ['seg_a', 'control', 100, 5],
        ['seg_b', 'control', 7, 1],
      ]);
      const settings = await execute(sql`select column_default from information_schema.columns where table_name = 'delivery_settings' and column_name = 'pooled_prior_strength'`);
      expect(settings.rows[0]?.column_default).toBe('300');
    });
  }, 120_000);
});
