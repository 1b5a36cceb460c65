// `npm run bench:rec` (second half): feed latency through the running API (autocannon), with
// /healthz of the same server in the same run as the baseline, plus fit time and memory at
// 10k items × 100k users × 1M interactions.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
// One connection: the latency of a request, not of a queue behind other requests.
const CONNECTIONS = 1;

interface ServerReady {
  port: number;
  key: string;
  userIds: string[];
  database: string;
  loadMs: number;
  fitMs: number;
  modelBytes: number;
  rssDeltaBytes: number;
  counts: { items: number; users: number; interactions: number };
}

const server = fork(new URL('./feed-bench.server.ts', import.meta.url), {
  execArgv: ['--conditions=@persona/source', '--import', 'tsx', '--expose-gc', '--max-old-space-size=8192'],
  env: process.env,
});
const ready = await new Promise<ServerReady>((resolve, reject) => {
  server.once('message', (message) => resolve(message as ServerReady));
  server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});
console.log(`Loaded ${JSON.stringify(ready.counts)} into ${ready.database} in ${ready.loadMs} ms; fit ${ready.fitMs} ms.`);

async function measure(path: (n: number) => string) {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${ready.port}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${ready.key}` },
    requests: [{ setupRequest: (request) => ({ ...request, path: path(n++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

const baseline = await measure(() => '/healthz');
const feed = await measure((n) => `/v1/users/${ready.userIds[n % ready.userIds.length]}/recommendations?limit=20&engine=classical`);
server.disconnect();

const report = {
  dataset: ready.counts,
  database: ready.database,
  loadMs: ready.loadMs,
  fitMs: ready.fitMs,
  modelMB: Math.round(ready.modelBytes / 1e6),
  rssDeltaMB: Math.round(ready.rssDeltaBytes / 1e6),
  connections: CONNECTIONS,
  durationS: DURATION_S,
  healthz: baseline,
  feed,
  /** Throughput relative to the cheapest route of the same server in the same run. */
  feedRpsOverHealthzRps: Math.round((feed.rps / baseline.rps) * 1000) / 1000,
};
console.log(JSON.stringify(report, null, 2));
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/feed-latency.json', JSON.stringify(report, null, 2));
