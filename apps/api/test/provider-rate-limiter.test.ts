import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, PlatformError } from '@persona/shared';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderRateLimiter, type ProviderRateLimiterOptions } from '../src/jobs/llm-budget/provider-rate-limiter.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';

// The limiter's guarantee holds on Redis's clock (admittedAt), and is checked there exactly. The
// callers' own clock is not checked: when a grant is seen there depends on how busy the machine is.

/** A worker process's view: its own connection, its own limiter, the shared budget. */
interface Worker {
  redis: Redis;
  limiter: ProviderRateLimiter;
  reconnects: number;
}

let server: PrivateRedis;
const workers: Worker[] = [];

function startWorker(url: string, options: Omit<ProviderRateLimiterOptions, 'redis'>): Worker {
  const redis = new Redis(url);
  // Connection errors are expected while a test takes Redis away; what matters is what acquire() does.
  redis.on('error', () => undefined);
  const worker = { redis, limiter: new ProviderRateLimiter({ ...options, redis }), reconnects: 0 };
  redis.on('reconnecting', () => void worker.reconnects++);
  workers.push(worker);
  return worker;
}

/** Budget options for one test, under a key prefix no other test shares. */
function budget<L extends Pick<ProviderRateLimiterOptions, 'maxRequests' | 'maxTokens' | 'windowMs' | 'spacingMs'>>(limits: L) {
  return { provider: 'openai', keyPrefix: `test:rate-limit:${randomUUID()}`, ...limits };
}

interface Grant {
  /** Redis's clock, ms since the epoch. */
  admittedAt: number;
  tokens: number;
}

/** Runs `calls` acquisitions on `concurrency` parallel lanes of a worker, recording when each was granted. */
async function drive(worker: Worker, calls: number[], concurrency: number, grants: Grant[]): Promise<void> {
  const queue = [...calls];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let tokens = queue.shift(); tokens !== undefined; tokens = queue.shift()) {
        const { admittedAt } = await worker.limiter.acquire({ tokens });
        grants.push({ admittedAt, tokens });
      }
    }),
  );
}

/** The most requests and the most tokens that any rolling window of `windowMs` saw on one clock. */
function busiestWindow(
  grants: Grant[],
  windowMs: number,
): { requests: number; tokens: number } {
  const sorted = [...grants].sort((a, b) => a.admittedAt - b.admittedAt);
  let requests = 0;
  let tokens = 0;
  for (const [i, first] of sorted.entries()) {
    const inWindow = sorted.slice(i).filter((grant) => grant.admittedAt - first.admittedAt < windowMs);
    requests = Math.max(requests, inWindow.length);
    tokens = Math.max(tokens, inWindow.reduce((sum, grant) => sum + grant.tokens, 0));
  }
  return { requests, tokens };
}

/** Script runs Redis has served so far (EVALSHA, and the EVAL fallback after a script-cache loss). */
async function scriptCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeAll(async () => {
  server = await startPrivateRedis();
  process.on('unhandledRejection', recordUnhandled);
});

afterEach(() => {
  for (const worker of workers.splice(0)) worker.redis.disconnect();
});

afterAll(async () => {
  process.off('unhandledRejection', recordUnhandled);
  await server.stop();
});

describe('ProviderRateLimiter', () => {
  it('keeps two workers together within the request budget in every rolling window', async () => {
    const limits = budget({ maxRequests: 4, windowMs: 500 });
    const a = startWorker(server.url, limits);
    const b = startWorker(server.url, limits);
    const grants: Grant[] = [];
    const callsBefore = await scriptCalls(a.redis);

    await Promise.all([drive(a, Array(10).fill(0), 3, grants), drive(b, Array(10).fill(0), 3, grants)]);

    expect(grants).toHaveLength(20);
    expect(busiestWindow(grants, limits.windowMs).requests).toBe(4);
    // 20 calls at 4 per window: 4 at once, then 4 more as each window ends, the last four windows on.
    const admitted = grants.map((g) => g.admittedAt);
    expect(Math.max(...admitted) - Math.min(...admitted)).toBeGreaterThanOrEqual(4 * limits.windowMs);
    // Waiters wake when budget frees, not on a poll: each call is about one refused attempt and one
    // admitted one (41-42 script runs measured; a 100 ms poll of 6 waiters over 2 s would be ~120).
    expect((await scriptCalls(a.redis)) - callsBefore).toBeLessThanOrEqual(60);
  });

  it('paces admissions: two workers together admit at most three calls within one spacing, and still fill the window', async () => {
    const limits = budget({ maxRequests: 10, windowMs: 1_000, spacingMs: 100 });
    const [a, b] = [startWorker(server.url, limits), startWorker(server.url, limits)];
    const grants: Grant[] = [];
    // Eight lanes want the whole budget at once; unpaced, all ten would be admitted within a few ms.
    // Paced, the budget leaves one per 100 ms, with a slack of two for a waiter that woke late.
    await Promise.all([drive(a, Array(10).fill(1), 4, grants), drive(b, Array(10).fill(1), 4, grants)]);
    const at = grants.map((grant) => grant.admittedAt).sort((x, y) => x - y);
    for (let i = 3; i < at.length; i++) expect(at[i]! - at[i - 3]!).toBeGreaterThanOrEqual(100);
    expect(busiestWindow(grants, 1_000).requests).toBe(10);
  }, 30_000);

  it('keeps the tokens of every rolling window within the token budget', async () => {
    const limits = budget({ maxTokens: 100, windowMs: 400 });
    const a = startWorker(server.url, limits);
    const b = startWorker(server.url, limits);
    const grants: Grant[] = [];

    await Promise.all([
      drive(a, [60, 30, 10, 45, 5, 80], 2, grants),
      drive(b, [20, 50, 25, 70, 15, 40], 2, grants),
    ]);

    expect(grants).toHaveLength(12);
    // 450 tokens at 100 per window cannot all pass in fewer than four windows.
    const span = Math.max(...grants.map((g) => g.admittedAt)) - Math.min(...grants.map((g) => g.admittedAt));
    expect(span).toBeGreaterThanOrEqual(4 * limits.windowMs);
    expect(busiestWindow(grants, limits.windowMs).tokens).toBeLessThanOrEqual(100);
  });

  it('applies both budgets at once: whichever is tighter decides', async () => {
    const limits = budget({ maxRequests: 5, maxTokens: 100, windowMs: 400 });
    const worker = startWorker(server.url, limits);
    const grants: Grant[] = [];

    await drive(worker, [10, 10, 10, 10, 10, 10, 90, 90], 4, grants);

    const busiest = busiestWindow(grants, limits.windowMs);
    expect(busiest.requests).toBeLessThanOrEqual(5);
    expect(busiest.tokens).toBeLessThanOrEqual(100);
    // The 90-token calls can share no window with each other: the token budget bound them.
    const big = grants.filter((g) => g.tokens === 90).map((g) => g.admittedAt);
    expect(Math.abs(big[1]! - big[0]!)).toBeGreaterThanOrEqual(limits.windowMs);
  });

  it('refuses a call that could never fit the token budget instead of waiting forever', async () => {
    const worker = startWorker(server.url, budget({ maxTokens: 100 }));
    await expect(worker.limiter.acquire({ tokens: 101 })).rejects.toThrow(RangeError);
  });

  it('pauses every worker for the Retry-After of a 429 that one of them received', async () => {
    // A long window: sleeping until the window ends instead of until the pause ends would show.
    const limits = budget({ maxRequests: 100, windowMs: 5000 });
    const a = startWorker(server.url, limits);
    const b = startWorker(server.url, limits);
    await b.limiter.acquire({ tokens: 0 });

    const penalizedAt = performance.now();
    await a.limiter.penalize(400);
    await a.limiter.penalize(100); // a shorter Retry-After arriving later must not cut the pause short
    const callsBefore = await scriptCalls(b.redis);
    const { waitedMs } = await b.limiter.acquire({ tokens: 0 });
    const waited = performance.now() - penalizedAt;

    expect(waited).toBeGreaterThanOrEqual(400 - 2); // PTTL rounds to the millisecond
    expect(waited).toBeLessThan(5000); // the pause's end, not the window's
    expect(waitedMs).toBeGreaterThan(300);
    // One refused attempt, one sleep for the whole rest of the pause, one admitted attempt: no polling.
    expect((await scriptCalls(b.redis)) - callsBefore).toBeLessThanOrEqual(2);
  });

  it('fails at once, saying when to retry, when the budget cannot admit a call before its deadline', async () => {
    const limits = budget({ maxRequests: 1, windowMs: 20_000 });
    const worker = startWorker(server.url, limits);
    await worker.limiter.acquire({ tokens: 0 });

    const started = performance.now();
    const refused = await worker.limiter.acquire({ tokens: 0, deadline: Date.now() + 5000 }).catch((e: unknown) => e);

    // At once, not at the 5 s deadline.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(refused).toBeInstanceOf(PlatformError);
    expect(refused).toMatchObject({ code: ErrorCode.RateLimited, details: { retryAfterSeconds: 20 } });
  });

  it('stops waiting when the caller aborts', async () => {
    const limits = budget({ maxRequests: 1, windowMs: 5000 });
    const worker = startWorker(server.url, limits);
    await worker.limiter.acquire({ tokens: 0 });

    const reason = new Error('job canceled');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    const started = performance.now();

    await expect(worker.limiter.acquire({ tokens: 0, signal: controller.signal })).rejects.toBe(reason);
    // At the abort (50 ms), not when the 5 s window frees a slot.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rides out a Redis restart in the middle of a batch', async () => {
    const limits = budget({ maxRequests: 5, windowMs: 300 });
    const a = startWorker(server.url, limits);
    const b = startWorker(server.url, limits);
    const grants: Grant[] = [];

    const batch = Promise.all([drive(a, Array(15).fill(0), 2, grants), drive(b, Array(15).fill(0), 2, grants)]);
    await expect.poll(() => grants.length, { interval: 5, timeout: 2000 }).toBeGreaterThanOrEqual(8);
    await server.restart();
    await batch;

    expect(grants).toHaveLength(30);
    expect(a.redis.status).toBe('ready');
    expect(b.redis.status).toBe('ready');
    expect(a.reconnects).toBeGreaterThan(0);
    expect(b.reconnects).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  });

  it('waits out a crashed Redis, and gives up at the deadline of a call that cannot wait', async () => {
    const limits = budget({ maxRequests: 5, windowMs: 300 });
    const worker = startWorker(server.url, limits);
    await worker.limiter.acquire({ tokens: 0 });

    await server.kill();
    const patient = worker.limiter.acquire({ tokens: 0 });
    const started = performance.now();
    const hurried = await worker.limiter.acquire({ tokens: 0, deadline: Date.now() + 300 }).catch((e: unknown) => e);
    expect(hurried).toMatchObject({ code: ErrorCode.DependencyUnavailable });
    // At its deadline, not when Redis comes back (it restarts only after this call has answered).
    expect(performance.now() - started).toBeLessThan(5000);

    await sleep(200);
    await server.restart();
    const { waitedMs } = await patient;
    expect(waitedMs).toBeGreaterThanOrEqual(200);
    expect(unhandled).toEqual([]);
  });
});
