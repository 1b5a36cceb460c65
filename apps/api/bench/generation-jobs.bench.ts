// `npm run bench:jobs`, two measures:
//
// 1. Throughput under provider limits (the jobs target): a 1,000-child openai-engine job (200 demo
//    items × 5 segments) through the API and its embedded worker, with the testkit's OpenAI server
//    answering every chat after 1 s and LLM_REQUESTS_PER_MINUTE=600. Reports the utilization of the
//    budget (requests in the job's full minutes over 600 per minute; target ≥ 90 %), the most
//    requests the server saw in any rolling 60 s window (must be ≤ 600), and the time to drain.
//    Knobs: BENCH_LLM_ITEMS (200), BENCH_LLM_RPM (600), BENCH_LLM_LATENCY_MS (1000).
// 2. Then (unless BENCH_RATIO=0) the earlier CPU-bound figure, about 30 s more: a job of 10,000 template text children
//    (2,000 demo items × 5 segments) against a no-op BullMQ processor over a flow of the same shape
//    and size in the same process and run. Reports jobs per second of each, their ratio and the peak
//    Redis memory of each.
//
// Real PostgreSQL when DATABASE_URL is set (a scratch database, dropped after), else in-memory
// PGlite; real Redis at REDIS_URL under a queue prefix of this run's own, obliterated after.
// Knobs of 2: BENCH_ITEMS (2000), BENCH_ROUNDS (2: B, A, B, A), WORKER_CONCURRENCY (64, for both A and B:
// template children are short CPU work, and the more run at once, the more of their statements
// share a round trip; B is as fast at 16),
// BENCH_PROFILE=1 (after the rounds, profile one more A round on a fifth of the items and list the
// top self-time functions; the .cpuprofile lands in bench-results/ for Chrome DevTools).
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowProducer, Queue, Worker, type FlowJob, type Job } from 'bullmq';
import { count, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pg from 'pg';
import { generateDemoDataset } from '@persona/demo-data';
import { JobName, type TVariantJobPayload } from '@persona/shared';
import { startOpenAiTestServer } from '@persona/testkit';
import { loadConfig } from '../src/config/app-config.js';
import { createApp, type PlatformApp } from '../src/create-app.js';
import { variants } from '../src/db/schema.js';
import { bullConnection, GENERATION_QUEUE, MAINTENANCE_QUEUE } from '../src/jobs/job-queues.js';

const RATIO = process.env.BENCH_RATIO !== '0';
const LLM_ITEMS = Number(process.env.BENCH_LLM_ITEMS ?? 200);
const LLM_RPM = Number(process.env.BENCH_LLM_RPM ?? 600);
const LLM_LATENCY_MS = Number(process.env.BENCH_LLM_LATENCY_MS ?? 1_000);
const LLM_WINDOW_MS = 60_000;
const TARGET_UTILIZATION = 0.9;
const ITEMS = RATIO ? Math.max(LLM_ITEMS, Number(process.env.BENCH_ITEMS ?? 2_000)) : LLM_ITEMS;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 64);
const PROFILE = process.env.BENCH_PROFILE === '1';
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 600) * 1000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TARGET_RATIO = 0.5;
const SAMPLE_MS = 100;
const PREFIX = `persona-bench-jobs-${randomUUID().slice(0, 8)}`;
// Same retention as the generation flows, so both queues keep the same number of finished jobs.
const RETENTION = { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } };

// ---------------------------------------------------------------------------------------------
// Database: a scratch Postgres database when DATABASE_URL is set, else in-memory PGlite.

async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `persona_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Redis memory: INFO memory on a connection of its own, every 100 ms while a measure runs.

class RedisMemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private baseline = 0;
  private peak = 0;
  private inFlight = false;

  constructor(private readonly redis: Redis) {}

  async usedMemory(): Promise<number> {
    const info = await this.redis.info('memory');
    return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
  }

  async start(): Promise<void> {
    this.baseline = await this.usedMemory();
    this.peak = this.baseline;
    this.timer = setInterval(() => {
      if (this.inFlight) return;
      this.inFlight = true;
      this.usedMemory()
        .then((used) => (this.peak = Math.max(this.peak, used)))
        .catch(() => undefined)
        .finally(() => (this.inFlight = false));
    }, SAMPLE_MS);
  }

  /** CPU seconds the Redis server has used (user + system), for a measure's share of it. */
  async cpuSeconds(): Promise<number> {
    const info = await this.redis.info('cpu');
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return field('used_cpu_user') + field('used_cpu_sys');
  }

  /** Peak used_memory during the measure minus used_memory just before it, in bytes. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, await this.usedMemory());
    return this.peak - this.baseline;
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profile of the main thread (where the embedded worker, the API and PGlite all run).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const REPO_ROOT = new URL('../../../', import.meta.url).href;

/** Where a function lives: a workspace package, an npm package, Node itself, or V8's own buckets. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (npm) return npm[1]!;
  if (url.startsWith(REPO_ROOT)) return url.slice(REPO_ROOT.length).split('/').slice(0, 2).join('/');
  if (url.startsWith('node:')) return 'node: internals';
  return url;
}

function summariseProfile(profile: CpuProfile, top = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // The profiler's own work (handing the profile over at the end) is not the bench's.
  const profilerOwn = (id: number): boolean => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      if (byId.get(cur)!.callFrame.url === 'node:inspector') return true;
    }
    return false;
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, n) => {
    if (!profilerOwn(id)) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[n] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.replace(REPO_ROOT, '').replace(/^.*node_modules\//, '');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const idle = areas.get('(idle)') ?? 0;
  const busy = total - idle;
  const rank = (map: Map<string, number>) =>
    [...map]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pctOfBusy: Math.round((us / busy) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), idleMs: Math.round(idle / 1000), busyMs: Math.round(busy / 1000), functions: rank(functions), areas: rank(areas) };
}

// ---------------------------------------------------------------------------------------------
// The run.

interface Measure {
  round: number;
  seconds: number;
  jobsPerSecond: number;
  redisPeakBytes: number;
  /** A only: how long the POST took (the job's child rows and its BullMQ flow). */
  submitMs?: number;
  /** A on PostgreSQL only: statements sent per child (polls included, which add a few). */
  statementsPerChild?: number;
  /**
   * CPU time per child of this process (all its threads) and of the Redis server, in µs, and how
   * many of the machine's cores were busy on average (everything on it: PostgreSQL too).
   */
  cpu: { nodeUs: number; redisUs: number; postgresUs: number | null; machineCores: number | null };
}

/**
 * CPU seconds used so far by the live processes named `postgres` on this machine (the server and
 * its backends), from /proc; null where there is no /proc or no local server (PGlite runs in this process).
 */
function postgresCpuSeconds(): number | null {
  try {
    let ticks = 0;
    let found = false;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        // Fields after the command: utime and stime are the 12th and 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
        found = true;
      } catch {
        // The process ended while being read.
      }
    }
    return found ? ticks / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

/** Busy and total jiffies of the whole machine, from /proc/stat (null where there is none). */
function machineJiffies(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Starts counting CPU time of this process and of the Redis server; the returned stop gives µs per child. */
async function cpuMeter(sampler: RedisMemorySampler): Promise<(children: number) => Promise<Measure['cpu']>> {
  const node = process.cpuUsage();
  const redis = await sampler.cpuSeconds();
  const machine = machineJiffies();
  const postgres = postgresCpuSeconds();
  return async (children) => {
    const postgresNow = postgresCpuSeconds();
    const postgresUs = postgres !== null && postgresNow !== null ? Math.round(((postgresNow - postgres) * 1e6) / children) : null;
    const used = process.cpuUsage(node);
    const redisUsed = (await sampler.cpuSeconds()) - redis;
    const machineNow = machineJiffies();
    const machineCores =
      machine && machineNow ? Math.round(((machineNow.busy - machine.busy) / (machineNow.total - machine.total)) * cpus().length * 100) / 100 : null;
    return { nodeUs: Math.round((used.user + used.system) / children), redisUs: Math.round((redisUsed * 1e6) / children), postgresUs, machineCores };
  };
}

// On PostgreSQL, every statement the app sends goes through pg's Client#query: count them.
let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (clientQuery as (...rest: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

/** The most arrivals within any rolling window of `windowMs` (arrivals sorted ascending). */
function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  let busiest = 0;
  let first = 0;
  for (const [last, at] of arrivals.entries()) {
    while (at - arrivals[first]! >= windowMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const cpuText = (cpu: Measure['cpu']) =>
  `${cpu.nodeUs} µs this process, ${cpu.redisUs} µs Redis, ${cpu.postgresUs ?? '?'} µs PostgreSQL; ${cpu.machineCores ?? '?'} of ${cpus().length} cores busy`;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;

const startedAt = performance.now();
const dataDir = mkdtempSync(join(tmpdir(), 'persona-bench-jobs-'));
const scratch = process.env.DATABASE_URL ? await scratchPostgres(process.env.DATABASE_URL) : null;
// The provider: the testkit's OpenAI-compatible server, answering every chat after LLM_LATENCY_MS.
const provider = await startOpenAiTestServer();
provider.script({ match: { path: '/v1/chat/completions' }, delayMs: LLM_LATENCY_MS, times: Infinity });
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  DATA_DIR: dataDir,
  SEED_DEMO_DATA: 'false',
  REDIS_URL,
  QUEUE_PREFIX: PREFIX,
  WORKER_CONCURRENCY: String(CONCURRENCY),
  EMBEDDED_WORKER: 'true',
  LLM_BASE_URL: provider.baseUrl,
  LLM_API_KEY: 'bench',
  LLM_REQUESTS_PER_MINUTE: String(LLM_RPM),
  LLM_RATE_WINDOW_MS: String(LLM_WINDOW_MS),
  ...(scratch ? { DATABASE_URL: scratch.url } : {}),
});
const monitor = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const sampler = new RedisMemorySampler(monitor);
const noopQueues: string[] = [];
const oddities: string[] = [];
let platform: PlatformApp | undefined;
let result: Record<string, unknown> | undefined;

try {
  // In-memory PGlite, so nothing of a previous run is left on disk.
  platform = await createApp({ ...config, pgliteDir: null });
  const app = platform;
  const { workspace, admin } = await app.workspaces.createWorkspace(`bench jobs ${Date.now()}`);
  const request = async (method: 'GET' | 'POST', url: string, body?: unknown, payload?: string, headers: Record<string, string> = {}) => {
    const response = await app.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${admin.secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : payload !== undefined ? { payload } : {}),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
    return response.json();
  };

  // Seed: the demo catalog through the import API, and the 5 demo segments.
  const seedStarted = performance.now();
  const dataset = generateDemoDataset({ items: ITEMS, users: 10, interactions: 10 });
  const ndjson = dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n');
  const imported = await request('POST', '/v1/items/import', undefined, ndjson, { 'content-type': 'application/x-ndjson' });
  if (imported.failed !== 0) throw new Error(`Import failed for ${imported.failed} items: ${JSON.stringify(imported).slice(0, 500)}`);
  const itemIds: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: { id: string }[]; nextCursor: string | null } = await request('GET', `/v1/items?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    itemIds.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  }
  if (itemIds.length !== ITEMS) throw new Error(`Expected ${ITEMS} items in the catalog, found ${itemIds.length}`);
  const segmentIds: string[] = [];
  for (const segment of dataset.segments) segmentIds.push((await request('POST', '/v1/segments', segment)).id);
  const children = itemIds.length * segmentIds.length;
  const seedMs = performance.now() - seedStarted;

  const clients = Number(/^connected_clients:(\d+)/m.exec(await monitor.info('clients'))?.[1] ?? 0);
  console.log(
    `Database ${app.database.kind}${scratch ? ' (a scratch PostgreSQL database)' : ' (PGlite in memory)'}; Redis ${REDIS_URL}, ` +
      `prefix ${PREFIX} (${clients} clients connected, ${await monitor.dbsize()} keys in the db); ` +
      `seeded ${itemIds.length} items × ${segmentIds.length} segments = ${children} children in ${Math.round(seedMs)} ms; ` +
      `concurrency ${CONCURRENCY}, ${ROUNDS} round(s).`,
  );

  const variantCount = async () => {
    const [row] = await app.database.db.select({ n: count() }).from(variants).where(eq(variants.workspaceId, workspace.id));
    return row!.n;
  };

  /** A: the real thing, submit → the job's status is completed; then exactly one variant per child. */
  const measureReal = async (round: number, ids: readonly string[]): Promise<Measure> => {
    // Fresh work each round: with the variants gone, no child finds its variant already made.
    await app.database.db.delete(variants).where(eq(variants.workspaceId, workspace.id));
    const expected = ids.length * segmentIds.length;
    await sampler.start();
    const stopCpu = await cpuMeter(sampler);
    const statementsBefore = statements;
    const started = performance.now();
    const job = await request('POST', '/v1/generation-jobs', { items: { ids }, segmentIds, kinds: ['text'], engine: 'template' });
    const submitMs = performance.now() - started;
    let current = job;
    while (!/completed|failed|canceled/.test(current.status)) {
      const elapsed = performance.now() - started;
      if (elapsed > TIMEOUT_MS) {
        throw new Error(`A round ${round}: job ${job.id} still ${current.status} after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(current.counts)}`);
      }
      // Polls within 1 % of the time so far (every 100 ms to 1 s): each poll counts the job's
      // children, which on PGlite shares the one thread with the worker.
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, Math.max(SAMPLE_MS, elapsed / 100))));
      current = await request('GET', `/v1/generation-jobs/${job.id}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = await stopCpu(expected);
    const redisPeakBytes = await sampler.stop();
    const made = await variantCount();
    if (current.status !== 'completed' || current.counts.done !== expected || made !== expected) {
      throw new Error(`A round ${round}: job ${current.status}, counts ${JSON.stringify(current.counts)}, ${made} variants; expected ${expected}`);
    }
    const statementsPerChild = app.database.kind === 'postgres' ? round3((statements - statementsBefore) / expected) : undefined;
    return { round, seconds, jobsPerSecond: expected / seconds, redisPeakBytes, submitMs, cpu, ...(statementsPerChild ? { statementsPerChild } : {}) };
  };

  /** B: the same flow shape (one parent over N children, same options, ids and payloads) with a no-op processor. */
  const measureNoop = async (round: number): Promise<Measure> => {
    const queueName = `bench-noop-r${round}`;
    noopQueues.push(queueName);
    const connection = bullConnection(REDIS_URL);
    let failures = 0;
    const worker = new Worker(queueName, async () => undefined, {
      connection,
      prefix: PREFIX,
      concurrency: CONCURRENCY,
      lockDuration: config.jobs.lockMs,
      stalledInterval: config.jobs.stalledIntervalMs,
      maxStalledCount: 2,
    });
    const flows = new FlowProducer({ connection, prefix: PREFIX });
    await worker.waitUntilReady();
    const jobId = `gjob_${randomUUID()}`;
    const parentId = `${jobId}.finish.r0`;
    const done = new Promise<void>((resolve) => {
      worker.on('completed', (job: Job) => job.id === parentId && resolve());
      worker.on('failed', () => void failures++);
    });
    await sampler.start();
    const stopCpu = await cpuMeter(sampler);
    const started = performance.now();
    const flowChildren: FlowJob[] = [];
    for (const itemId of itemIds) {
      for (const segmentId of segmentIds) {
        const data: TVariantJobPayload = { workspaceId: workspace.id, jobId, itemId, segmentId, counted: true };
        flowChildren.push({
          name: JobName.Text,
          queueName,
          data,
          opts: {
            jobId: `${jobId}.text.${itemId}.${segmentId}.r0`,
            attempts: config.jobs.attempts,
            backoff: { type: 'exponential', delay: config.jobs.backoffMs },
            ignoreDependencyOnFailure: true,
            ...RETENTION,
          },
        });
      }
    }
    await flows.add({
      name: JobName.Finish,
      queueName,
      data: { workspaceId: workspace.id, jobId },
      opts: { jobId: parentId, ...RETENTION },
      children: flowChildren,
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`B round ${round}: parent not completed after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS))),
    ]).finally(() => clearTimeout(timer));
    const seconds = (performance.now() - started) / 1000;
    const cpu = await stopCpu(children);
    const redisPeakBytes = await sampler.stop();
    await worker.close();
    await flows.close();
    if (failures > 0) oddities.push(`B round ${round}: ${failures} no-op jobs failed`);
    // Gone before the next measure, so each starts from the same Redis.
    const queue = new Queue(queueName, { connection, prefix: PREFIX });
    await queue.obliterate({ force: true });
    await queue.close();
    return { round, seconds, jobsPerSecond: children / seconds, redisPeakBytes, cpu };
  };

  // ------------------------------------------------------------------------------------------
  // 1. Throughput under provider limits: a 1,000-child openai-engine job against a slow provider.
  const providerIds = itemIds.slice(0, LLM_ITEMS);
  const providerChildren = providerIds.length * segmentIds.length;
  const workerPaths = new Set(['/v1/chat/completions', '/v1/moderations']);
  const requestsBefore = provider.requests.length;
  const providerStarted = Date.now();
  const providerJob = await request('POST', '/v1/generation-jobs', { items: { ids: providerIds }, segmentIds, kinds: ['text'], engine: 'openai' });
  let providerCurrent = providerJob;
  while (!/completed|failed|canceled/.test(providerCurrent.status)) {
    if (Date.now() - providerStarted > TIMEOUT_MS) {
      throw new Error(`Provider job ${providerJob.id} still ${providerCurrent.status} after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(providerCurrent.counts)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    providerCurrent = await request('GET', `/v1/generation-jobs/${providerJob.id}`);
  }
  const drainSeconds = (Date.now() - providerStarted) / 1000;
  const sent = provider.requests.slice(requestsBefore).filter((recorded) => recorded.source === 'http');
  const arrivals = sent.filter((recorded) => workerPaths.has(recorded.path)).map((recorded) => recorded.receivedAt).sort((x, y) => x - y);
  const otherRequests = sent.length - arrivals.length;
  const chats = sent.filter((recorded) => recorded.path === '/v1/chat/completions').length;
  const first = arrivals[0] ?? providerStarted;
  const last = arrivals.at(-1) ?? providerStarted;
  // The job's full minutes from its first request: in each, a job that keeps the budget busy sends LLM_RPM.
  const fullWindows = Math.floor((last - first) / LLM_WINDOW_MS);
  const inFullWindows = arrivals.filter((at) => at < first + fullWindows * LLM_WINDOW_MS).length;
  const utilization = fullWindows > 0 ? inFullWindows / (fullWindows * LLM_RPM) : null;
  const maxWindow = busiestWindow(arrivals, LLM_WINDOW_MS);
  const providerLimits = {
    children: providerChildren,
    status: providerCurrent.status,
    counts: providerCurrent.counts,
    requestsPerMinuteLimit: LLM_RPM,
    chatLatencyMs: LLM_LATENCY_MS,
    concurrency: CONCURRENCY,
    requests: arrivals.length,
    chats,
    otherRequests,
    requestsPerChild: round3(arrivals.length / providerChildren),
    fullWindows,
    requestsInFullWindows: inFullWindows,
    utilization: utilization === null ? null : round3(utilization),
    targetUtilization: TARGET_UTILIZATION,
    maxInAnyWindow: maxWindow,
    drainSeconds: Math.round(drainSeconds * 10) / 10,
    // The least a budget of LLM_RPM a minute allows: every request at the limit's pace.
    paceSeconds: Math.round((arrivals.length / LLM_RPM) * 60 * 10) / 10,
  };
  result = { providerLimits };
  console.log(
    `\nProvider limits: ${providerChildren.toLocaleString('en')} openai-engine text children, chat latency ${LLM_LATENCY_MS} ms, ` +
      `${LLM_RPM} requests/min, concurrency ${CONCURRENCY}: job ${providerCurrent.status} (${JSON.stringify(providerCurrent.counts)}).`,
  );
  console.log(
    `  ${arrivals.length} requests (${chats} chats, ${arrivals.length - chats} moderations; ${providerLimits.requestsPerChild} per child) in ${providerLimits.drainSeconds} s ` +
      `(the budget's pace for them: ${providerLimits.paceSeconds} s); ${otherRequests} other requests.`,
  );
  console.log(
    `  utilization **${utilization === null ? 'n/a (under one full minute)' : `${(utilization * 100).toFixed(1)} %`}** ` +
      `(${inFullWindows} requests in the job's ${fullWindows} full minute(s); target ≥ ${TARGET_UTILIZATION * 100} %); ` +
      `most in any rolling ${LLM_WINDOW_MS / 1000} s window **${maxWindow}** (limit ${LLM_RPM}).`,
  );
  if (maxWindow > LLM_RPM) oddities.push(`the provider saw ${maxWindow} requests within ${LLM_WINDOW_MS / 1000} s, over the limit of ${LLM_RPM}`);
  if (utilization !== null && utilization < TARGET_UTILIZATION) oddities.push(`utilization ${(utilization * 100).toFixed(1)} % is below the ${TARGET_UTILIZATION * 100} % target`);

  // ------------------------------------------------------------------------------------------
  // 2. (unless BENCH_RATIO=0) The CPU-bound figure: template children against a no-op BullMQ processor.
  if (RATIO) {
  const real: Measure[] = [];
  const noop: Measure[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await measureNoop(round);
    noop.push(b);
    console.log(`  round ${round} B (no-op):    ${b.jobsPerSecond.toFixed(0).padStart(6)} jobs/s in ${b.seconds.toFixed(1)} s (CPU per child: ${cpuText(b.cpu)})`);
    const a = await measureReal(round, itemIds);
    real.push(a);
    console.log(`  round ${round} A (template): ${a.jobsPerSecond.toFixed(0).padStart(6)} jobs/s in ${a.seconds.toFixed(1)} s (the POST took ${Math.round(a.submitMs!)} ms${a.statementsPerChild ? `; ${a.statementsPerChild} SQL statements per child` : ''}; CPU per child: ${cpuText(a.cpu)})`);
  }

  const ratios = real.map((a, n) => a.jobsPerSecond / noop[n]!.jobsPerSecond);
  const perRound = real.map((a, n) => ({
    round: a.round,
    aJobsPerSecond: Math.round(a.jobsPerSecond),
    aSubmitMs: Math.round(a.submitMs!),
    aStatementsPerChild: a.statementsPerChild ?? null,
    bJobsPerSecond: Math.round(noop[n]!.jobsPerSecond),
    ratio: round3(ratios[n]!),
    aRedisPeakMB: mb(a.redisPeakBytes),
    bRedisPeakMB: mb(noop[n]!.redisPeakBytes),
    aCpuPerChild: a.cpu,
    bCpuPerChild: noop[n]!.cpu,
  }));
  const a = { jobsPerSecondMedian: Math.round(median(real.map((m) => m.jobsPerSecond))), redisPeakMB: mb(Math.max(...real.map((m) => m.redisPeakBytes))) };
  const b = { jobsPerSecondMedian: Math.round(median(noop.map((m) => m.jobsPerSecond))), redisPeakMB: mb(Math.max(...noop.map((m) => m.redisPeakBytes))) };
  const ratio = { median: round3(median(ratios)), min: round3(Math.min(...ratios)), max: round3(Math.max(...ratios)), target: TARGET_RATIO };
  result = { ...result, children, database: app.database.kind, concurrency: CONCURRENCY, rounds: ROUNDS, seedMs: Math.round(seedMs), a, b, ratio, perRound, oddities };

  console.log('');
  console.log('| round | A template jobs/s | B no-op jobs/s | A/B | A peak Redis | B peak Redis |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of perRound) {
    console.log(`| ${r.round} | ${r.aJobsPerSecond} | ${r.bJobsPerSecond} | ${r.ratio.toFixed(3)} | +${r.aRedisPeakMB} MB | +${r.bRedisPeakMB} MB |`);
  }
  console.log(
    `\nFor BENCHMARKS.md: ${children.toLocaleString('en')} template text children on ${app.database.kind}, concurrency ${CONCURRENCY}: ` +
      `A ${a.jobsPerSecondMedian} jobs/s vs no-op BullMQ B ${b.jobsPerSecondMedian} jobs/s, ` +
      `ratio **${ratio.median.toFixed(3)}×** median of ${ROUNDS} alternating rounds (min ${ratio.min.toFixed(3)}, max ${ratio.max.toFixed(3)}; target ≥ ${TARGET_RATIO}); ` +
      `peak Redis +${a.redisPeakMB} MB (A), +${b.redisPeakMB} MB (B).`,
  );

  if (ratio.median < TARGET_RATIO && !PROFILE) console.log('Below target: BENCH_PROFILE=1 profiles one more A round to show where its time goes.');
  if (PROFILE) {
    // One more A round, not counted, on a fifth of the items, with V8's sampling profiler on.
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const profiled = await measureReal(ROUNDS + 1, itemIds.slice(0, Math.max(1, Math.floor(itemIds.length / 5))));
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/generation-jobs.cpuprofile', JSON.stringify(profile));
    const summary = summariseProfile(profile as unknown as CpuProfile);
    result.profile = summary;
    console.log(
      `\nCPU profile of one more A round (${profiled.seconds.toFixed(1)} s, ${Math.round(profiled.jobsPerSecond)} jobs/s under the profiler): ` +
        `main thread busy ${summary.busyMs} ms of ${summary.totalMs} ms (bench-results/generation-jobs.cpuprofile).`,
    );
    console.log('Self time by area:');
    for (const area of summary.areas.slice(0, 10)) console.log(`  ${String(area.pctOfBusy).padStart(5)} %  ${area.ms.toString().padStart(6)} ms  ${area.name}`);
    console.log('Top self-time functions:');
    for (const fn of summary.functions) console.log(`  ${String(fn.pctOfBusy).padStart(5)} %  ${fn.ms.toString().padStart(6)} ms  ${fn.name}`);
  }
  }
} finally {
  // The embedded worker stops first, then every queue of this run's prefix goes, then the database.
  await platform?.close().catch((error: unknown) => oddities.push(`closing the app: ${String(error)}`));
  const connection = bullConnection(REDIS_URL);
  for (const name of [GENERATION_QUEUE, MAINTENANCE_QUEUE, ...noopQueues]) {
    const queue = new Queue(name, { connection, prefix: PREFIX });
    await queue.obliterate({ force: true }).catch((error: unknown) => oddities.push(`obliterating ${name}: ${String(error)}`));
    await queue.close();
  }
  const leftover: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await monitor.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 10_000);
    leftover.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  // The provider budget's keys outlive the queues by design (they expire with their window).
  const unexpected = leftover.filter((key) => !key.startsWith(`${PREFIX}:rate-limit:`));
  if (unexpected.length > 0) oddities.push(`${unexpected.length} keys left under ${PREFIX} after obliterate (deleted): ${unexpected.slice(0, 5).join(', ')}`);
  if (leftover.length > 0) {
    await monitor.del(...leftover);
  }
  monitor.disconnect();
  await provider.close().catch((error: unknown) => oddities.push(`closing the provider: ${String(error)}`));
  await scratch?.drop().catch((error: unknown) => oddities.push(`dropping the scratch database: ${String(error)}`));
  rmSync(dataDir, { recursive: true, force: true });
  if (oddities.length > 0) console.log(`\nOdd: ${oddities.join('; ')}`);
  if (result) {
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/generation-jobs.json', JSON.stringify(result, null, 2));
  }
  console.log(`Whole bench ${Math.round((performance.now() - startedAt) / 1000)} s.`);
}
