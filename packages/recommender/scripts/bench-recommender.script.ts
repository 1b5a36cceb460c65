/**
 * Fit and in-process recommend benchmark on synthetic data (default 10k items, 100k users, 1M
 * interactions). Run: npm run bench -w packages/recommender [-- --items N --users N --interactions N --requests N]
 * Latency is also reported as a ratio to a baseline measured in this same process (a plain
 * popularity top-20 over a pre-sorted array), so numbers from different machines compare.
 */
import { parseArgs } from 'node:util';
import { fitRecommender, generateSyntheticDataset } from '../src/index.js';
import { seededRandom } from '../src/eval/seeded-random.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '10000' },
    users: { type: 'string', default: '100000' },
    interactions: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '5000' },
    limit: { type: 'string', default: '20' },
  },
});
const limit = Number(values.limit);
const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  gc?.();
  gc?.();
  return process.memoryUsage();
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const generated = performance.now();
const dataset = generateSyntheticDataset({ items: Number(values.items), users: Number(values.users), interactions: Number(values.interactions) });
const now = dataset.interactions.reduce((max, e) => Math.max(max, e.at), 0);
console.log(`generated ${dataset.name} in ${((performance.now() - generated) / 1000).toFixed(1)} s`);

const before = settle();
const model = await fitRecommender({ items: dataset.items, interactions: dataset.interactions, now });
const after = settle();
const stats = model.stats();

const random = seededRandom(1);
const userIds = Array.from({ length: Number(values.requests) }, () => `syn-user-${Math.floor(random() * Number(values.users))}`);
for (const userId of userIds.slice(0, 200)) await model.recommend({ userId, limit });
const latencies: number[] = [];
for (const userId of userIds) {
  const t = performance.now();
  await model.recommend({ userId, limit });
  latencies.push(performance.now() - t);
}
latencies.sort((a, b) => a - b);

// Baseline: the cheapest possible feed, top-`limit` of a pre-sorted popularity array minus a seen-set.
const order = Int32Array.from(dataset.items.keys());
const seen = new Set<number>(Array.from({ length: 20 }, (_, i) => i * 7));
const baseline: number[] = [];
for (let r = 0; r < userIds.length; r++) {
  const t = performance.now();
  const out: string[] = [];
  for (let i = 0; i < order.length && out.length < limit; i++) if (!seen.has(order[i] as number)) out.push(dataset.items[order[i] as number]?.id ?? '');
  baseline.push(performance.now() - t);
}
baseline.sort((a, b) => a - b);

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const report = {
  dataset: dataset.name,
  fitMs: Math.round(stats.fitMs),
  heapDelta: mb(after.heapUsed - before.heapUsed),
  rssDelta: mb(after.rss - before.rss),
  modelEstimate: mb(stats.memoryBytes),
  gcExposed: gc !== undefined,
  counts: { items: stats.items, users: stats.users, interactions: stats.interactions, itemCfPairs: stats.itemCfPairs, contentPairs: stats.contentPairs, transitionPairs: stats.transitionPairs },
  recommend: {
    requests: latencies.length,
    limit,
    p50Ms: Number(percentile(latencies, 50).toFixed(3)),
    p99Ms: Number(percentile(latencies, 99).toFixed(3)),
    p50VsBaseline: Number((percentile(latencies, 50) / Math.max(1e-6, percentile(baseline, 50))).toFixed(1)),
    baselineP50Ms: Number(percentile(baseline, 50).toFixed(4)),
  },
};
console.log(JSON.stringify(report, null, 2));
