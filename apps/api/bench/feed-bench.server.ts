// Child process of feed-latency.bench.ts: loads a synthetic catalog into a real API, with segments
// and approved text variants for the feed with variants, fits, listens.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { demoSegments } from '@persona/demo-data';
import { generateSyntheticDataset } from '@persona/recommender';
import { ItemsRepository } from '../src/catalog/items.repository.js';
import { loadConfig } from '../src/config/app-config.js';
import { createApp } from '../src/create-app.js';
import { ExposureLogRepository } from '../src/delivery/exposure-log.repository.js';
import { RecommenderRegistry } from '../src/recommendations/recommender-registry.service.js';
import { bulkInsert } from './bulk-load.js';

/**
 * On PostgreSQL, a database of the bench's own, dropped when it ends (1M rows are not left behind).
 * BENCH_KEEP_DATABASE=<name> keeps it instead, under that name, with the fixture's own
 * description in `bench_fixture`: a later run with the same name and size reuses it (no load),
 * after clearing what the previous run served (exposures, counters). For iterating on the feed;
 * figures in BENCHMARKS.md come from a fresh database.
 */
async function scratchDatabase(url: string): Promise<{ url: string; kept: boolean; drop: () => Promise<void> }> {
  const keep = process.env.BENCH_KEEP_DATABASE;
  if (keep !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(keep)) throw new Error('BENCH_KEEP_DATABASE: a lowercase identifier');
  const name = keep ?? `persona_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    kept: keep !== undefined,
    drop: async () => {
      if (keep !== undefined) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
const scratch = process.env.DATABASE_URL ? await scratchDatabase(process.env.DATABASE_URL) : null;

const size = JSON.parse(process.env.BENCH_SIZE ?? '{"items":10000,"users":100000,"interactions":1000000}');
const segmentCount = 5;
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'persona-bench-')),
  SEED_DEMO_DATA: 'false',
  QUEUE_PREFIX: `persona-bench-${randomUUID()}`,
  // autocannon sends far more than a key's default budget; the limiter's Redis round trip is still paid.
  RATE_LIMIT_PER_MINUTE: '1000000000',
  ...(scratch ? { DATABASE_URL: scratch.url } : {}),
});
const platform = await createApp({ ...config, pgliteDir: null, http: { ...config.http, port: 0 } });
async function callAs(secret: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  const res = await platform.app.inject({ method, url, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, ...(body ? { payload: JSON.stringify(body) } : {}) });
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const db = platform.database.db;

/** What the rest of the bench needs about the loaded fixture (all of it kept in `bench_fixture` when the database is kept). */
interface Fixture {
  workspaceId: string;
  adminSecret: string;
  /** The first 5,000 users with interactions: the bench's requests go to them. */
  userIds: string[];
  catalog: string[];
  segmentIds: string[];
  loadMs: number;
  variantsMs: number;
}

/** Loads the synthetic catalog, users, 1M events, segments and approved variants into a new workspace. */
async function loadFixture(): Promise<Fixture> {
  const { workspace, admin } = await platform.workspaces.createWorkspace(`bench ${Date.now()}`);
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => callAs(admin.secret, method, url, body);
  const dataset = generateSyntheticDataset(size);

  const loadStarted = performance.now();
  const items = platform.app.get(ItemsRepository);
  for (let start = 0; start < dataset.items.length; start += 500) {
    await items.upsertByExternalId(
      workspace.id,
      dataset.items.slice(start, start + 500).map((item) => ({
        externalId: item.id,
        title: item.title,
        body: item.body,
        category: item.category,
        tags: [...item.tags],
        attributes: {},
        translations: {},
        publishedAt: new Date(item.publishedAt).toISOString(),
      })),
    );
  }
  const ids = await items.byExternalId(workspace.id);
  const userIds = [...new Set(dataset.interactions.map((i) => i.userId))];
  // Every user in one of the segments (by a `bucket` attribute), so every feed request takes the variant path.
  await bulkInsert(db, 'users', { workspace_id: 'text', id: 'text', attributes: 'jsonb' },
    userIds.map((id, n) => ({ workspace_id: workspace.id, id, attributes: { bucket: n % segmentCount } })));
  await bulkInsert(
    db,
    'events',
    { workspace_id: 'text', id: 'text', user_id: 'text', item_id: 'text', type: 'text', at: 'timestamptz' },
    dataset.interactions.map((interaction, n) => ({
      workspace_id: workspace.id,
      id: `e${n}`,
      user_id: interaction.userId,
      item_id: ids.get(interaction.itemId)!.id,
      type: interaction.type,
      at: new Date(interaction.at).toISOString(),
    })),
  );
  const loadMs = performance.now() - loadStarted;

  // Segments through the API; one approved text variant per item and segment. The first is
  // generated by the template engine through the API; the others are written in bulk with its
  // provenance and guardrail report, carrying each item's own text.
  const variantsStarted = performance.now();
  const styles = demoSegments();
  const segmentIds: string[] = [];
  for (let n = 0; n < segmentCount; n++) {
    const style = styles[n % styles.length]!.style;
    segmentIds.push((await call('POST', '/v1/segments', { name: `bench bucket ${n}`, rule: { attr: 'bucket', eq: n }, style })).id);
  }
  const catalog = [...ids.values()].map((item) => item.id);
  const [template] = (await call('POST', `/v1/items/${catalog[0]}/variants/preview`, { segmentIds: [segmentIds[0]], kinds: ['text'], textEngine: 'template' })).items as {
    id: string; text: { cta: string | null }; provenance: unknown; guardrails: unknown;
  }[];
  await call('PATCH', `/v1/variants/${template!.id}`, { status: 'approved' });
  const byId = new Map(dataset.items.map((item) => [item.id, item]));
  const externalOf = new Map([...ids.entries()].map(([external, item]) => [item.id, external]));
  const variantRows = catalog.flatMap((itemId) => {
    const source = byId.get(externalOf.get(itemId)!)!;
    // The generated one stands for the first item's first segment.
    return segmentIds.flatMap((segmentId, s) => (itemId === catalog[0] && s === 0 ? [] : [{
      id: `var_bench_${itemId}_${s}`,
      workspace_id: workspace.id,
      item_id: itemId,
      segment_id: segmentId,
      kind: 'text',
      status: 'approved',
      inputs_hash: `bench-${s}`,
      text: { title: `${source.title} (${s})`, summary: source.body.slice(0, 80), body: source.body, cta: template!.text.cta },
      images: [],
      provenance: template!.provenance,
      guardrails: template!.guardrails,
    }]));
  });
  await bulkInsert(db, 'variants', {
    id: 'text', workspace_id: 'text', item_id: 'text', segment_id: 'text', kind: 'text', status: 'text', inputs_hash: 'text',
    text: 'jsonb', images: 'jsonb', provenance: 'jsonb', guardrails: 'jsonb',
  }, variantRows, 10_000);
  // Statistics for the planner, as autovacuum would gather them after such a load (it is off on
  // some machines, this one included): without them PostgreSQL plans the candidates statement's
  // image lookup as a scan of every approved variant of the workspace, 1.5 s a feed.
  await db.execute(sql`analyze`);
  return { workspaceId: workspace.id, adminSecret: admin.secret, userIds: userIds.slice(0, 5000), catalog, segmentIds, loadMs: Math.round(loadMs), variantsMs: Math.round(performance.now() - variantsStarted) };
}

/** The kept fixture of this size, when BENCH_KEEP_DATABASE names a database that holds one; else a fresh load. */
async function fixture(): Promise<Fixture> {
  if (!scratch?.kept) return loadFixture();
  await db.execute(sql`create table if not exists bench_fixture (size jsonb primary key, fixture jsonb not null)`);
  const kept = (await db.execute(sql`select fixture from bench_fixture where size = ${JSON.stringify(size)}::jsonb`)) as unknown as { rows: { fixture: Fixture }[] };
  const found = kept.rows[0]?.fixture;
  if (found) {
    // What an earlier run served would otherwise tilt the counters and the exposure counts.
    await db.execute(sql`delete from exposures where workspace_id = ${found.workspaceId}`);
    await db.execute(sql`delete from bandit_arms where workspace_id = ${found.workspaceId}`);
    return { ...found, loadMs: 0, variantsMs: 0 };
  }
  const loaded = await loadFixture();
  await db.execute(sql`insert into bench_fixture (size, fixture) values (${JSON.stringify(size)}::jsonb, ${JSON.stringify(loaded)}::jsonb)`);
  return loaded;
}
const { workspaceId, adminSecret, userIds, catalog, segmentIds, loadMs, variantsMs } = await fixture();
const approved = Number(((await db.execute(sql`select count(*)::int as n from variants where workspace_id = ${workspaceId} and status = 'approved'`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
await callAs(adminSecret, 'PATCH', '/v1/delivery/settings', { policy: process.env.BENCH_POLICY ?? 'thompson', controlEnabled: true, stickyWindowSeconds: 3600 });

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const { model } = await platform.app.get(RecommenderRegistry).refit(workspaceId);
global.gc?.();
const stats = model.stats();
await platform.app.listen({ port: 0, host: '127.0.0.1' });
const address = platform.app.getHttpServer().address() as { port: number };

const log = platform.app.get(ExposureLogRepository);
const exposureCount = async () =>
  Number(((await db.execute(sql`select count(*)::int as n from exposures where workspace_id = ${workspaceId}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

process.on('message', (message: { type: string }) => {
  void (async () => {
    if (message.type === 'exposures') {
      // What the feeds served so far, all written (the group commit drained).
      await log.drain();
      process.send!({ type: 'exposures', count: await exposureCount() });
    } else if (message.type === 'burst') {
      // Exposure writes alone: many feeds' worth recorded at once, through the same group commit.
      const burst = 20_000;
      const started = performance.now();
      log.record(Array.from({ length: burst }, (_, n) => ({
        workspaceId, servedId: `srv_bench_${n}`, userId: userIds[n % userIds.length]!, itemId: catalog[n % catalog.length]!,
        segmentId: segmentIds[n % segmentCount]!, arm: 'control', variantId: null, imageVariantId: null, policy: 'thompson' as const,
        reason: 'control' as const, propensity: 0.5, position: 1 + (n % 20), sticky: false, servedAt: new Date(),
      })));
      await log.drain();
      process.send!({ type: 'burst', perSecond: Math.round(burst / ((performance.now() - started) / 1000)) });
    }
  })();
});

process.send!({
  type: 'ready',
  port: address.port,
  key: adminSecret,
  userIds,
  database: platform.database.kind,
  loadMs,
  variantsMs,
  approvedVariants: approved,
  fitMs: Math.round(stats.fitMs),
  modelBytes: stats.memoryBytes,
  rssDeltaBytes: process.memoryUsage().rss - rssBefore,
  counts: { items: stats.items, users: stats.users, interactions: stats.interactions },
});
process.on('disconnect', () => void platform.close().then(() => scratch?.drop()).then(() => process.exit(0)));
