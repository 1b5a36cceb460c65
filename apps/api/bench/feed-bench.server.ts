// Child process of feed-latency.bench.ts: loads a synthetic catalog into a real API, fits, listens.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticDataset } from '@persona/recommender';
import { EventsRepository } from '../src/audience/events.repository.js';
import { UsersRepository } from '../src/audience/users.repository.js';
import { ItemsRepository } from '../src/catalog/items.repository.js';
import { loadConfig } from '../src/config/app-config.js';
import { createApp } from '../src/create-app.js';
import { RecommenderRegistry } from '../src/recommendations/recommender-registry.service.js';

const size = JSON.parse(process.env.BENCH_SIZE ?? '{"items":10000,"users":100000,"interactions":1000000}');
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'persona-bench-')),
  SEED_DEMO_DATA: 'false',
  // autocannon sends far more than a key's default budget; the limiter's Redis round trip is still paid.
  RATE_LIMIT_PER_MINUTE: '1000000000',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const platform = await createApp({ ...config, pgliteDir: null, http: { ...config.http, port: 0 } });
const { workspace, admin } = await platform.workspaces.createWorkspace(`bench ${Date.now()}`);
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
      publishedAt: new Date(item.publishedAt).toISOString(),
    })),
  );
}
const ids = await items.byExternalId(workspace.id);
const userIds = [...new Set(dataset.interactions.map((i) => i.userId))];
await platform.app.get(UsersRepository).ensureExist(workspace.id, userIds);
await platform.app.get(EventsRepository).insertNew(
  dataset.interactions.map((interaction, n) => ({
    workspaceId: workspace.id,
    id: `e${n}`,
    userId: interaction.userId,
    itemId: ids.get(interaction.itemId)!.id,
    type: interaction.type,
    at: new Date(interaction.at),
  })),
);
const loadMs = performance.now() - loadStarted;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const { model } = await platform.app.get(RecommenderRegistry).refit(workspace.id);
global.gc?.();
const stats = model.stats();
await platform.app.listen({ port: 0, host: '127.0.0.1' });
const address = platform.app.getHttpServer().address() as { port: number };

process.send!({
  port: address.port,
  key: admin.secret,
  userIds: userIds.slice(0, 5000),
  database: platform.database.kind,
  loadMs: Math.round(loadMs),
  fitMs: Math.round(stats.fitMs),
  modelBytes: stats.memoryBytes,
  rssDeltaBytes: process.memoryUsage().rss - rssBefore,
  counts: { items: stats.items, users: stats.users, interactions: stats.interactions },
});
process.on('disconnect', () => void platform.close().then(() => process.exit(0)));
