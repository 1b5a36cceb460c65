import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { upgradeAcross, type Execute } from './support/migration-upgrade.js';
import { availableDatabases } from './support/test-app.js';

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

describe.each(await availableDatabases())('migration %s: image variants get their text variant as a column', (kind) => {
  it('backfills source_variant_id from the headline check of the rows already there', async () => {
    await upgradeAcross(kind, '0005_image_source_variant', seedOldRows, expectBackfilled);
  }, 120_000);
});
