// `npm run bench:rec` (second half): latency through the running API (autocannon) of the ranked
// recommendations and of the feed with variants (each ranked item in its chosen variant, exposures
// logged), with /healthz of the same server in the same run as the baseline, plus fit time and
// memory at 10k items × 100k users × 1M interactions × 50k approved variants, and exposures
// written per second.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
// One connection: the latency of a request, not of a queue behind other requests.
const CONNECTIONS = 1;

interface ServerReady {
  type: 'ready';
  port: number;
  key: string;
  userIds: string[];
  database: string;
  loadMs: number;
  variantsMs: number;
  approvedVariants: number;
  fitMs: number;
  modelBytes: number;
  rssDeltaBytes: number;
  counts: { items: number; users: number; interactions: number };
}

const server = fork(new URL('./feed-bench.server.ts', import.meta.url), {
  execArgv: [
    '--conditions=@persona/source', '--import', 'tsx', '--expose-gc', '--max-old-space-size=8192',
    // BENCH_PROFILE=1: a CPU profile of the API process in bench-results/profiles.
    ...(process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench-results/profiles'] : []),
  ],
  env: process.env,
});
/** The server's next message of a type (its answers come in the order asked). */
function answer<T>(type: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      server.off('message', onMessage);
      server.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code}`));
    server.on('message', onMessage);
    server.once('exit', onExit);
  });
}
const ready = await answer<ServerReady>('ready');
console.log(
  `Loaded ${JSON.stringify(ready.counts)} into ${ready.database} in ${ready.loadMs} ms; ` +
    `${ready.approvedVariants} approved variants in ${ready.variantsMs} ms; fit ${ready.fitMs} ms.`,
);
const exposures = async () => {
  server.send({ type: 'exposures' });
  return (await answer<{ count: number }>('exposures')).count;
};

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

// The machine's load while measuring (other engineers share its 2 cores): 1-minute averages before and after.
const loadBefore = loadavg()[0]!;
const baseline = await measure(() => '/healthz');
const feed = await measure((n) => `/v1/users/${ready.userIds[n % ready.userIds.length]}/recommendations?limit=20&engine=classical`);
// The feed with variants over the same users (another slice of them, so no sticky assignment is
// there yet at the start): ranking, segment, approved variants and counters, arm choice,
// stickiness in Redis, exposures logged.
const exposuresBefore = await exposures();
const started = performance.now();
const withVariants = await measure((n) => `/v1/users/${ready.userIds[(n + 2500) % ready.userIds.length]}/feed?limit=20&engine=classical`);
const exposuresWritten = (await exposures()) - exposuresBefore;
const exposuresSeconds = (performance.now() - started) / 1000;
server.send({ type: 'burst' });
const burst = await answer<{ perSecond: number }>('burst');

// The ratio: one request of each in turn over one keep-alive connection, so both see the same
// machine load moment by moment (sequential autocannon runs do not), each request timed whole.
const INTERLEAVED = Number(process.env.BENCH_REQUESTS ?? 1000);
const timed = async (path: string) => {
  const begun = performance.now();
  const res = await fetch(`http://127.0.0.1:${ready.port}${path}`, { headers: { authorization: `Bearer ${ready.key}` } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return performance.now() - begun;
};
const plainMs: number[] = [];
const variantsMs: number[] = [];
for (let n = 0; n < INTERLEAVED; n++) {
  const user = ready.userIds[(n * 7919) % ready.userIds.length];
  plainMs.push(await timed(`/v1/users/${user}/recommendations?limit=20&engine=classical`));
  variantsMs.push(await timed(`/v1/users/${user}/feed?limit=20&engine=classical`));
}
const loadAfter = loadavg()[0]!;
server.disconnect();
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
};
const interleaved = {
  requestsEach: INTERLEAVED,
  plain: { p50: quantile(plainMs, 0.5), p99: quantile(plainMs, 0.99) },
  withVariants: { p50: quantile(variantsMs, 0.5), p99: quantile(variantsMs, 0.99) },
};

const report = {
  dataset: ready.counts,
  database: ready.database,
  loadMs: ready.loadMs,
  fitMs: ready.fitMs,
  modelMB: Math.round(ready.modelBytes / 1e6),
  rssDeltaMB: Math.round(ready.rssDeltaBytes / 1e6),
  /** 1-minute load average of the machine (2 cores) when the measures began and when they ended. */
  loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadAfter * 100) / 100 },
  connections: CONNECTIONS,
  durationS: DURATION_S,
  approvedVariants: ready.approvedVariants,
  healthz: baseline,
  feed,
  /** Throughput relative to the cheapest route of the same server in the same run. */
  feedRpsOverHealthzRps: Math.round((feed.rps / baseline.rps) * 1000) / 1000,
  feedWithVariants: withVariants,
  /** Latency of both, interleaved request by request (ms), and the feed with variants over the plain ranked feed. */
  interleaved,
  variantsOverPlain: {
    p50: Math.round((interleaved.withVariants.p50 / interleaved.plain.p50) * 100) / 100,
    p99: Math.round((interleaved.withVariants.p99 / interleaved.plain.p99) * 100) / 100,
  },
  exposures: {
    /** Logged by the feeds of the run above (all written: the log drained before counting), per second of that run. */
    writtenDuringFeed: exposuresWritten,
    perSecondAtFeedLoad: Math.round(exposuresWritten / exposuresSeconds),
    /** 20,000 recorded at once through the same group commit, on the same loaded database. */
    burstPerSecond: burst.perSecond,
  },
};
console.log(JSON.stringify(report, null, 2));
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/feed-latency.json', JSON.stringify(report, null, 2));
