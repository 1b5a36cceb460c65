// `npm run bench:feed -w @persona/api`: the feed with variants against the plain ranked feed, in
// one process and one run (a ratio, not absolute figures), plus exposures written per second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { generateDemoDataset } from '@persona/demo-data';
import { loadConfig } from '../src/config/app-config.js';
import { createApp } from '../src/create-app.js';
import { ExposureLogRepository } from '../src/delivery/exposure-log.repository.js';

const size = JSON.parse(process.env.BENCH_SIZE ?? '{"items":200,"users":1000,"interactions":20000}') as { items: number; users: number; interactions: number };
const requests = Number(process.env.BENCH_REQUESTS ?? 400);
const dataDir = mkdtempSync(join(tmpdir(), 'persona-bench-feed-'));
const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', QUEUE_PREFIX: `persona-bench-${randomUUID()}`, ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) });
const platform = await createApp({ ...config, pgliteDir: null });
const { workspace, admin } = await platform.workspaces.createWorkspace('bench feed');
const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, contentType = 'application/json') => {
  const res = await platform.app.inject({ method, url, headers: { authorization: `Bearer ${admin.secret}`, ...(body !== undefined ? { 'content-type': contentType } : {}) }, ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
try {
  const dataset = generateDemoDataset(size);
  await call('POST', '/v1/items/import', dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n'), 'application/x-ndjson');
  const items = (await call('GET', '/v1/items?limit=500')).items as { id: string; externalId: string }[];
  const itemId = new Map(items.map((i) => [i.externalId, i.id]));
  await call('POST', '/v1/users/bulk', { users: dataset.users });
  const segmentIds: string[] = [];
  for (const segment of dataset.segments) segmentIds.push((await call('POST', '/v1/segments', segment)).id);
  const events = dataset.interactions.map((e) => ({ id: e.id, userId: e.userId, itemId: itemId.get(e.itemExternalId)!, type: e.type, at: e.at }));
  for (let s = 0; s < events.length; s += 5000) await call('POST', '/v1/events', { events: events.slice(s, s + 5000) });
  let approved = 0;
  for (const item of items) {
    for (const variant of (await call('POST', `/v1/items/${item.id}/variants/preview`, { segmentIds, kinds: ['text'], textEngine: 'template' })).items as { id: string; status: string }[]) {
      if (variant.status !== 'failed') {
        await call('PATCH', `/v1/variants/${variant.id}`, { status: 'approved' });
        approved += 1;
      }
    }
  }
  await call('PATCH', '/v1/delivery/settings', { policy: process.env.BENCH_POLICY ?? 'thompson', stickyWindowSeconds: 3600 });
  const users = dataset.users.map((u) => u.id);
  const time = async (path: (user: string) => string) => {
    const started = performance.now();
    await call('GET', path(users[Math.floor(Math.random() * users.length)]!));
    return performance.now() - started;
  };
  for (let i = 0; i < 50; i++) await time((u) => `/v1/users/${u}/feed?limit=20`); // warm-up: fit, caches
  const plain: number[] = [];
  const feed: number[] = [];
  for (let i = 0; i < requests; i++) {
    // Interleaved, so both see the same machine load.
    plain.push(await time((u) => `/v1/users/${u}/recommendations?limit=20`));
    feed.push(await time((u) => `/v1/users/${u}/feed?limit=20`));
  }
  const q = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
  const log = platform.app.get(ExposureLogRepository);
  await log.drain();
  // Exposure writes alone: many feeds' worth recorded at once, through the same group commit.
  const burst = 20_000;
  const started = performance.now();
  log.record(Array.from({ length: burst }, (_, n) => ({
    workspaceId: workspace.id, servedId: `srv_bench_${n}`, userId: users[n % users.length]!, itemId: items[n % items.length]!.id, segmentId: segmentIds[n % segmentIds.length]!,
    arm: 'control', variantId: null, imageVariantId: null, policy: 'thompson' as const, reason: 'control' as const, propensity: 0.5, position: 1 + (n % 20), sticky: false, servedAt: new Date(),
  })));
  await log.drain();
  const perSecond = burst / ((performance.now() - started) / 1000);
  const report = {
    size, approvedVariants: approved, requests, database: config.databaseUrl ? 'postgres' : 'pglite',
    plainMs: { p50: q(plain, 0.5), p99: q(plain, 0.99) },
    feedMs: { p50: q(feed, 0.5), p99: q(feed, 0.99) },
    ratio: { p50: q(feed, 0.5) / q(plain, 0.5), p99: q(feed, 0.99) / q(plain, 0.99) },
    exposuresPerSecond: Math.round(perSecond),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}
