import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, PlatformError } from '@persona/shared';
import type { Redis } from 'ioredis';

/**
 * Algorithm: a sliding-window log per provider, kept in Redis and checked by one Lua script.
 *
 * Why not a token bucket (or GCRA): a bucket refilled at R per minute with a burst of B admits up
 * to B + R requests in some 60 s span, and providers count "per minute" over a rolling minute, so
 * the only bucket that never overshoots has no burst at all and then a batch trickles even when the
 * whole minute's budget is unused. Why not the fixed windows that BullMQ's `limiter` and
 * rate-limiter-flexible's RateLimiterRedis use (a counter with a TTL): up to 2R requests fit across
 * a window boundary, exactly the burst that earns a 429. BullMQ's limiter also counts jobs, not
 * tokens, and a job may make several calls; rate-limiter-flexible combines two limits only with
 * RateLimiterUnion, which consumes the request point even when the token limit refuses.
 *
 * The log admits a request only when the last `windowMs` holds fewer than `maxRequests` entries
 * and their tokens plus the new ones stay within `maxTokens`, checked and recorded atomically, so
 * no rolling window ever holds more than either budget, whatever the number of workers. When it
 * refuses, it says exactly when the oldest entries that block it leave the window, so a waiter
 * sleeps once for that long instead of polling. The cost is one sorted-set entry per request in
 * the window (a few thousand at provider-scale limits) and a running token sum beside it, so an
 * admission costs O(log n) plus the entries that just expired, and a token refusal walks the oldest
 * entries until enough tokens would be freed. Time comes from Redis (`TIME`), so workers with
 * skewed clocks still share one timeline. A Redis that restarts without persistence forgets the
 * log, so the window around a restart may see up to twice a budget; the provider's 429 and
 * penalize() cover that rare case.
 *
 * Tokens are reserved up front: callers pass prompt tokens plus `max_tokens`, which is how OpenAI
 * counts a request against its own token limit when the request arrives.
 */
const ACQUIRE_SCRIPT = `
local log, used_key, pause_key, pace_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local window = tonumber(ARGV[1])
local max_requests = tonumber(ARGV[2])
local max_tokens = tonumber(ARGV[3])
local tokens = tonumber(ARGV[4])
local member = ARGV[5]
local spacing = tonumber(ARGV[6])

local paused = redis.call('PTTL', pause_key)
if paused > 0 then return {0, paused} end

local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

local function tokens_of(entry) return tonumber(string.match(entry, '^(%d+):')) end

-- The sum lives exactly as long as the log, so an idle provider leaves no keys behind.
local function store_used(value)
  local ttl = redis.call('PTTL', log)
  if ttl > 0 then redis.call('SET', used_key, value, 'PX', ttl) else redis.call('DEL', used_key) end
end

-- An entry stays in the window while now - at < window.
local cutoff = now - window
local expired = redis.call('ZRANGEBYSCORE', log, '-inf', cutoff)
local used = tonumber(redis.call('GET', used_key) or '0')
if #expired > 0 then
  local freed = 0
  for _, entry in ipairs(expired) do freed = freed + tokens_of(entry) end
  redis.call('ZREMRANGEBYSCORE', log, '-inf', cutoff)
  used = math.max(used - freed, 0)
  store_used(used)
end

local count = redis.call('ZCARD', log)
local wait = 0
if max_requests > 0 and count >= max_requests then
  local blocker = redis.call('ZRANGE', log, count - max_requests, count - max_requests, 'WITHSCORES')
  wait = tonumber(blocker[2]) + window - now
end
-- How long until the oldest entries free excess tokens; nil (and the log's true sum) if they never do.
local function wait_for_tokens(excess)
  local freed, start = 0, 0
  while true do
    local chunk = redis.call('ZRANGE', log, start, start + 127, 'WITHSCORES')
    if #chunk == 0 then return nil, freed end
    for i = 1, #chunk, 2 do
      freed = freed + tokens_of(chunk[i])
      if freed >= excess then return tonumber(chunk[i + 1]) + window - now end
    end
    start = start + 128
  end
end

if max_tokens > 0 and used + tokens > max_tokens then
  local token_wait, total = wait_for_tokens(used + tokens - max_tokens)
  -- Only a sum that drifted above its log (a key evicted under memory pressure, say) frees too
  -- little: the log is the truth, so resync the sum to it and ask again.
  if token_wait == nil then
    used = total
    store_used(used)
    if used + tokens > max_tokens then token_wait = wait_for_tokens(used + tokens - max_tokens) end
  end
  wait = math.max(wait, token_wait or 0)
end
-- Pacing on a schedule (GCRA): admissions are due one \`spacing\` apart from the previous one's due
-- time, not from when it actually happened, so the lag of waking a waiter never accumulates; a
-- waiter late on its slot may go up to two spacings early on the next one to catch up.
local due = 0
if spacing > 0 then
  due = tonumber(redis.call('GET', pace_key) or '0')
  if now < due - 2 * spacing then wait = math.max(wait, due - 2 * spacing - now) end
end
if wait > 0 then return {0, wait} end
if spacing > 0 then redis.call('SET', pace_key, math.max(due, now) + spacing, 'PX', window) end

if max_requests > 0 or max_tokens > 0 then
  redis.call('ZADD', log, now, member)
  redis.call('SET', used_key, used + tokens, 'PX', window)
  redis.call('PEXPIRE', log, window)
end
return {1, now}
`;

/** Extends the shared pause, never shortens it: two 429s in a row keep the longer Retry-After. */
const PENALIZE_SCRIPT = `
local ms = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ms then redis.call('SET', KEYS[1], '1', 'PX', ms) end
return 0
`;

const ACQUIRE_COMMAND = 'personaProviderRateLimitAcquire';
const PENALIZE_COMMAND = 'personaProviderRateLimitPenalize';

interface RateLimitCommands {
  [ACQUIRE_COMMAND](
    log: string,
    used: string,
    pause: string,
    pace: string,
    windowMs: number,
    maxRequests: number,
    maxTokens: number,
    tokens: number,
    member: string,
    spacingMs: number,
  ): Promise<[admitted: 0, waitMs: number] | [admitted: 1, admittedAt: number]>;
  [PENALIZE_COMMAND](pause: string, pauseMs: number): Promise<number>;
}

// Redis answers these while it is starting, failing over or busy: the same call succeeds shortly.
const TRANSIENT_REPLY = /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY)\b/;
const RECONNECT_BACKOFF_MIN_MS = 50;
const RECONNECT_BACKOFF_MAX_MS = 2_000;

export interface ProviderRateLimiterOptions {
  /** A connection the caller owns (and closes); BullMQ's worker connection is fine. */
  redis: Redis;
  /** Whose budget this is: every limiter with the same prefix and provider shares one budget. */
  provider: string;
  /** Namespace of the Redis keys, so tests and environments sharing one Redis stay apart. */
  keyPrefix?: string;
  /** Requests allowed in any rolling window; unset: unlimited. */
  maxRequests?: number;
  /** Tokens (prompt plus max completion) allowed in any rolling window; unset: unlimited. */
  maxTokens?: number;
  /** Length of the rolling window; providers publish per-minute limits, hence the default. */
  windowMs?: number;
  /**
   * The pace of admissions (0, the default: none): one every `spacingMs` on average, at most three
   * at once. Set to the window over the request budget, it spreads a window's budget over the
   * window instead of sending it in one burst. Both the window and the pace are checked, so a
   * window never holds more than its budget either way; what pacing adds is that requests leave at
   * a steady rate, so their arrival at the provider is not delayed and bunched by a burst (64 sent
   * at once were seen to arrive over a second later, when the provider's window already held the
   * start of the next burst: 653 requests in one 60 s window against a budget of 600).
   */
  spacingMs?: number;
}

export interface Admission {
  /** When the budgets admitted the call, in ms since the epoch on Redis's clock, which all workers share. */
  admittedAt: number;
  /** How long the call waited for budget (or Redis), for job metrics that tell throttling from slowness. */
  waitedMs: number;
}

export interface AcquireRequest {
  /** Tokens the call may consume: prompt tokens plus its `max_tokens`. */
  tokens: number;
  /** `Date.now()` by which the call must be admitted; a wait that would end later fails at once. */
  deadline?: number;
  signal?: AbortSignal;
}

/**
 * Requests-per-window and tokens-per-window budgets of one LLM provider, shared through Redis by
 * every API and worker process, plus the provider's own "slow down" (429 Retry-After), which
 * pauses all of them.
 */
export class ProviderRateLimiter {
  private readonly redis: Redis & RateLimitCommands;
  private readonly keys: { log: string; used: string; pause: string; pace: string };
  private readonly windowMs: number;
  private readonly maxRequests: number;
  private readonly maxTokens: number;
  private readonly spacingMs: number;

  constructor(options: ProviderRateLimiterOptions) {
    this.spacingMs = options.spacingMs === undefined ? 0 : nonNegativeInteger('spacingMs', options.spacingMs);
    this.windowMs = positiveInteger('windowMs', options.windowMs ?? 60_000);
    this.maxRequests = options.maxRequests === undefined ? 0 : positiveInteger('maxRequests', options.maxRequests);
    this.maxTokens = options.maxTokens === undefined ? 0 : positiveInteger('maxTokens', options.maxTokens);
    // The hash tag keeps the four keys in one slot, which a script touching them needs on Redis Cluster.
    const base = `${options.keyPrefix ?? 'persona:rate-limit'}:{${options.provider}}`;
    this.keys = { log: `${base}:log`, used: `${base}:tokens`, pause: `${base}:pause`, pace: `${base}:pace` };
    // defineCommand runs the script by its SHA and reloads it when Redis lost its script cache (a restart).
    options.redis.defineCommand(ACQUIRE_COMMAND, { lua: ACQUIRE_SCRIPT, numberOfKeys: 4 });
    options.redis.defineCommand(PENALIZE_COMMAND, { lua: PENALIZE_SCRIPT, numberOfKeys: 1 });
    this.redis = options.redis as Redis & RateLimitCommands;
  }

  /**
   * Resolves once both budgets admit the call and no provider pause is in force, having recorded
   * the call against the budgets. While Redis is unreachable it keeps trying (ioredis reconnects);
   * only the deadline or the signal end the wait. Rejects with RATE_LIMITED (and the wait it would
   * need) when the budgets cannot admit the call before the deadline, with DEPENDENCY_UNAVAILABLE
   * when Redis does not answer before it, and with the signal's reason when aborted.
   */
  async acquire(request: AcquireRequest): Promise<Admission> {
    const tokens = nonNegativeInteger('tokens', request.tokens);
    if (this.maxTokens > 0 && tokens > this.maxTokens) {
      throw new RangeError(`A call of ${tokens} tokens can never fit a budget of ${this.maxTokens} tokens per window`);
    }
    const { deadline, signal } = request;
    // One id for every attempt: an attempt whose reply was lost and that is sent again is logged once.
    const member = `${tokens}:${randomUUID()}`;
    const started = performance.now();
    for (let failures = 0; ; ) {
      signal?.throwIfAborted();
      const outcome = await this.tryAdmit(tokens, member, deadline, signal);
      if ('admittedAt' in outcome) return { admittedAt: outcome.admittedAt, waitedMs: performance.now() - started };
      let waitMs: number;
      if ('waitMs' in outcome) {
        failures = 0;
        waitMs = outcome.waitMs;
        if (deadline !== undefined && Date.now() + waitMs > deadline) {
          throw new PlatformError(ErrorCode.RateLimited, `The provider budget admits this call only in ${waitMs} ms`, {
            retryAfterSeconds: Math.ceil(waitMs / 1000),
          });
        }
      } else {
        waitMs = Math.min(RECONNECT_BACKOFF_MIN_MS * 2 ** failures++, RECONNECT_BACKOFF_MAX_MS);
        if (deadline !== undefined && Date.now() + waitMs > deadline) throw redisUnavailable(outcome.redisError);
      }
      await sleep(waitMs, undefined, signal === undefined ? {} : { signal }).catch(() => signal?.throwIfAborted());
    }
  }

  /**
   * Pauses every process sharing this provider's budget for `retryAfterMs` (the provider's
   * Retry-After on a 429), unless a longer pause is already in force.
   */
  async penalize(retryAfterMs: number): Promise<void> {
    await this.redis[PENALIZE_COMMAND](this.keys.pause, positiveInteger('retryAfterMs', Math.ceil(retryAfterMs)));
  }

  /** One atomic check-and-record; a Redis outage comes back as an outcome to wait out, not a throw. */
  private async tryAdmit(
    tokens: number,
    member: string,
    deadline: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ admittedAt: number } | { waitMs: number } | { redisError: unknown }> {
    const reply = this.redis[ACQUIRE_COMMAND](
      this.keys.log,
      this.keys.used,
      this.keys.pause,
      this.keys.pace,
      this.windowMs,
      this.maxRequests,
      this.maxTokens,
      tokens,
      member,
      this.spacingMs,
    );
    try {
      const [admitted, value] = await withinBudget(reply, deadline, signal);
      return admitted === 1 ? { admittedAt: value } : { waitMs: value };
    } catch (error) {
      signal?.throwIfAborted();
      if (isTransientRedisError(error)) return { redisError: error };
      throw error;
    }
  }
}

/**
 * Awaits a Redis reply, but no longer than the deadline or the signal allow: a command queued
 * while Redis is down waits for the reconnect, which may outlast the caller's patience.
 */
async function withinBudget<T>(reply: Promise<T>, deadline: number | undefined, signal: AbortSignal | undefined): Promise<T> {
  const deadlineSignal = deadline === undefined ? undefined : AbortSignal.timeout(Math.max(deadline - Date.now(), 0));
  const limits = [signal, deadlineSignal].filter((limit): limit is AbortSignal => limit !== undefined);
  if (limits.length === 0) return reply;
  // An abandoned command may still fail later, when no one is left to tell.
  reply.catch(() => undefined);
  const stop = AbortSignal.any(limits);
  let onStop = (): void => undefined;
  const stopped = new Promise<never>((_, reject) => {
    onStop = () => reject(signal?.aborted ? signal.reason : redisUnavailable(undefined));
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
  });
  try {
    return await Promise.race([reply, stopped]);
  } finally {
    stop.removeEventListener('abort', onStop);
  }
}

function redisUnavailable(cause: unknown): PlatformError {
  const error = new PlatformError(ErrorCode.DependencyUnavailable, 'Redis did not answer the rate limiter in time');
  error.cause = cause;
  return error;
}

function isTransientRedisError(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof PlatformError) return false;
  // ioredis reports lost connections and exhausted reconnect retries as plain errors, and what
  // Redis itself answered as ReplyError.
  return error.name !== 'ReplyError' || TRANSIENT_REPLY.test(error.message);
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
