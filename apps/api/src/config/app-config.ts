import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ZOptionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const ZOptionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const ZOptionalPositiveInt = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional());
// Same depth from src/config and dist/config: both land on apps/studio/dist.
const DEFAULT_STUDIO_DIR = fileURLToPath(new URL('../../../studio/dist', import.meta.url));

/** Every environment variable the platform reads; nothing else touches process.env. */
export const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./.data'),
  /** The built studio the API serves at /studio; default: apps/studio/dist of this checkout. */
  STUDIO_DIR: ZOptionalString,
  DATABASE_URL: ZOptionalUrl,
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  ADMIN_API_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(24, 'must be at least 24 characters').optional(),
  ),
  RECOMMENDER_REFIT_MINUTES: z.coerce.number().positive().default(60),
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Largest JSON body of an ordinary route; refused with 413 from Content-Length, before it is read. */
  MAX_JSON_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Largest JSON body of the routes that take batches (users/bulk, events, generation jobs by ids). */
  MAX_BULK_BODY_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Requests per API key (or per IP without a key) in each RATE_LIMIT_WINDOW_MS, shared by every API process through Redis. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  /** Failed authentications one IP may make per RATE_LIMIT_WINDOW_MS; past it, 429 before any key lookup. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** The platform operator's key for the queue board; unset: the board is off (404). */
  QUEUE_BOARD_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(24, 'must be at least 24 characters').optional(),
  ),
  /** The board is read-only unless this is true: no empty, pause, retry, clean or add. */
  QUEUE_BOARD_WRITE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(50_000_000),
  CORS_ORIGINS: z.string().default('http://127.0.0.1:5173,http://localhost:5173'),
  LLM_BASE_URL: ZOptionalUrl,
  LLM_API_KEY: ZOptionalString,
  LLM_MODEL: z.string().default('gpt-4o-mini'),
  LLM_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  LLM_IMAGE_MODEL: z.string().default('gpt-image-1'),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  LLM_RANK_TIMEOUT_MS: z.coerce.number().int().positive().default(4_000),
  LLM_RANK_PASSES: z.coerce.number().int().min(1).max(10).default(1),
  /** The provider's limits, shared by every process through Redis; unset: no limit of that kind. */
  LLM_REQUESTS_PER_MINUTE: ZOptionalPositiveInt,
  LLM_TOKENS_PER_MINUTE: ZOptionalPositiveInt,
  /** The rolling window the two limits apply to: a minute, as providers count; tests shorten it. */
  LLM_RATE_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  /** 429s in a row one call waits out before its rate_limited error goes to the caller (the queue retries later). */
  LLM_RATE_LIMIT_RETRIES: z.coerce.number().int().min(0).default(8),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('persona'),
  /**
   * Children one worker runs at once. An LLM child spends most of its time waiting on the endpoint
   * (a second or more per call): 600 requests a minute with 1 s answers needs at least 10 in
   * flight, so the default leaves room above that; template children gain from it too (their
   * writes share round trips).
   */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** auto: the API runs the queue's processors itself when it uses the embedded PGlite, which one process owns. */
  EMBEDDED_WORKER: z.enum(['auto', 'true', 'false']).default('auto'),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  JOB_BACKOFF_MS: z.coerce.number().int().min(0).default(2_000),
  JOB_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
  JOB_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  BATCH_POLL_MS: z.coerce.number().int().min(10).default(30_000),
  JOB_MAX_CHILDREN: z.coerce.number().int().positive().default(200_000),
  /** How often the reconciler compares live jobs in the database with the queue in Redis. */
  JOB_RECONCILE_MS: z.coerce.number().int().min(100).default(60_000),
  /** Key of the HMAC that signs feed image URLs; unset: generated once and kept in DATA_DIR/asset-url-secret. */
  ASSET_URL_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'must be at least 32 characters').optional()),
  ASSET_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(7 * 86_400).default(3600),
  /**
   * How long an instance serves a Thompson test with one probability vector before estimating it
   * again: a hot test costs one Monte Carlo estimate per interval, not one per request. 0: every
   * request (the simulator, which lives a day in seconds, needs that).
   */
  THOMPSON_REFRESH_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Base of the signed image URLs in feeds (e.g. https://api.example.com); unset: URLs are paths on the API. */
  PUBLIC_API_URL: ZOptionalUrl,
});

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  http: { host: string; port: number; corsOrigins: string[] };
  logLevel: z.infer<typeof ZEnvSchema>['LOG_LEVEL'];
  dataDir: string;
  studioDir: string;
  /** Postgres when set; otherwise embedded PGlite under dataDir (or in memory when null). */
  databaseUrl: string | undefined;
  pgliteDir: string | null;
  redisUrl: string;
  adminApiKey: string | undefined;
  seedDemoData: boolean;
  recommenderRefitMs: number;
  uploads: { maxBytes: number; maxPixels: number };
  /** Body limits per route kind; streamed bodies (imports, uploads) have limits of their own. */
  bodyLimits: { jsonBytes: number; bulkBytes: number };
  /** Per-key request budget and failed-authentication throttle, counted in Redis under the queue prefix. */
  rateLimit: { maxRequests: number; windowMs: number; maxAuthFailures: number };
  /** Bull Board for the platform operator: off without a key, read-only unless `write`. */
  queueBoard: { key: string; write: boolean } | null;
  jobs: {
    /** Namespace of every BullMQ key, so environments (and tests) sharing one Redis stay apart. */
    queuePrefix: string;
    concurrency: number;
    embeddedWorker: boolean;
    attempts: number;
    /** First retry delay; each further attempt waits twice as long. */
    backoffMs: number;
    /** A job whose worker stops renewing its lock for this long is stalled and handed to another worker. */
    lockMs: number;
    stalledIntervalMs: number;
    batchPollMs: number;
    /**
     * A job's flow goes to Redis in one go and its children's rows in one transaction: past this
     * many (items × segments × kinds) a job is refused, better split into parts watched on their own.
     */
    maxChildren: number;
    /**
     * Interval of the reconciler, which re-queues the pending children of live jobs that Redis no
     * longer holds (data lost, an enqueue that failed) and closes jobs whose children all settled.
     * A job younger than this is left alone: its POST may still be queueing it.
     */
    reconcileMs: number;
  };
  delivery: {
    assetUrlSecret: string | undefined;
    /** A signed URL stays valid at least this long and at most twice as long (see asset-url.signer.ts). */
    assetUrlTtlSeconds: number;
    publicApiUrl: string | undefined;
    thompsonRefreshMs: number;
  };
  llm: {
    baseUrl: string;
    apiKey: string;
    chatModel: string;
    embeddingModel: string;
    imageModel: string;
    timeoutMs: number;
    /** A feed waits at most this long for the LLM ranker before serving the classical ranking. */
    rankTimeoutMs: number;
    rankPasses: number;
    /** Budgets of queue workers' calls (prompt plus max completion tokens), per rolling `windowMs`. */
    rateLimit: { maxRequests?: number; maxTokens?: number; windowMs: number; maxRetries: number };
  } | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once, listing every invalid variable rather than stopping at the first. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`),
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    },
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    studioDir: e.STUDIO_DIR ?? DEFAULT_STUDIO_DIR,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: `${e.DATA_DIR}/pg`,
    redisUrl: e.REDIS_URL,
    adminApiKey: e.ADMIN_API_KEY,
    seedDemoData: e.SEED_DEMO_DATA,
    recommenderRefitMs: e.RECOMMENDER_REFIT_MINUTES * 60_000,
    uploads: { maxBytes: e.MAX_UPLOAD_BYTES, maxPixels: e.MAX_IMAGE_PIXELS },
    bodyLimits: { jsonBytes: e.MAX_JSON_BODY_BYTES, bulkBytes: e.MAX_BULK_BODY_BYTES },
    rateLimit: {
      maxRequests: e.RATE_LIMIT_PER_MINUTE,
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      maxAuthFailures: e.AUTH_FAILURES_PER_MINUTE,
    },
    queueBoard: e.QUEUE_BOARD_KEY ? { key: e.QUEUE_BOARD_KEY, write: e.QUEUE_BOARD_WRITE } : null,
    jobs: {
      queuePrefix: e.QUEUE_PREFIX,
      concurrency: e.WORKER_CONCURRENCY,
      embeddedWorker: e.EMBEDDED_WORKER === 'auto' ? !e.DATABASE_URL : e.EMBEDDED_WORKER === 'true',
      attempts: e.JOB_ATTEMPTS,
      backoffMs: e.JOB_BACKOFF_MS,
      lockMs: e.JOB_LOCK_MS,
      stalledIntervalMs: e.JOB_STALLED_INTERVAL_MS,
      batchPollMs: e.BATCH_POLL_MS,
      maxChildren: e.JOB_MAX_CHILDREN,
      reconcileMs: e.JOB_RECONCILE_MS,
    },
    delivery: {
      assetUrlSecret: e.ASSET_URL_SECRET,
      assetUrlTtlSeconds: e.ASSET_URL_TTL_SECONDS,
      publicApiUrl: e.PUBLIC_API_URL?.replace(/\/+$/, ''),
      thompsonRefreshMs: e.THOMPSON_REFRESH_MS,
    },
    llm: e.LLM_BASE_URL
      ? {
          baseUrl: e.LLM_BASE_URL,
          apiKey: e.LLM_API_KEY ?? 'not-needed',
          chatModel: e.LLM_MODEL,
          embeddingModel: e.LLM_EMBEDDING_MODEL,
          imageModel: e.LLM_IMAGE_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
          rankTimeoutMs: e.LLM_RANK_TIMEOUT_MS,
          rankPasses: e.LLM_RANK_PASSES,
          rateLimit: {
            maxRequests: e.LLM_REQUESTS_PER_MINUTE,
            maxTokens: e.LLM_TOKENS_PER_MINUTE,
            windowMs: e.LLM_RATE_WINDOW_MS,
            maxRetries: e.LLM_RATE_LIMIT_RETRIES,
          },
        }
      : null,
  };
}

/** Injection token for the parsed config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
