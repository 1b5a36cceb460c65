import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createApp, type PlatformApp } from '../../src/create-app.js';

export type DatabaseKind = 'pglite' | 'postgres';

const postgresAdminUrl = process.env.DATABASE_URL;

/**
 * PGlite always; PostgreSQL too when DATABASE_URL is set. A DATABASE_URL that does not answer is an
 * error, not a quiet PGlite-only run: a suite asked to cover PostgreSQL must not pass without it.
 */
export async function availableDatabases(): Promise<DatabaseKind[]> {
  if (!postgresAdminUrl) return ['pglite'];
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return ['pglite', 'postgres'];
  } catch (error) {
    throw new Error(
      `DATABASE_URL is set to ${withoutPassword(postgresAdminUrl)}, but PostgreSQL does not answer there ` +
        `(${(error as Error).message || String(error)}). Start PostgreSQL, or unset DATABASE_URL to run the API suites on PGlite only.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** A fresh, empty Postgres database per test app, dropped when the app closes. */
export async function scratchPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `persona_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestApp extends PlatformApp {
  config: AppConfig;
  adminKey: string;
  workspaceId: string;
  /** Sends a request with a key (the admin key unless another is given). */
  request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    key?: string | null;
    body?: unknown;
    payload?: string | Buffer;
    headers?: Record<string, string>;
  }): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string; raw: Buffer; json<T = any>(): T }>;
}

let redisChecked: Promise<void> | undefined;

/**
 * Fails at once, naming the URL, when Redis does not answer: otherwise every suite would wait out
 * its hook budget and report a timeout that says nothing about the cause.
 */
function assertRedisAnswers(url: string): Promise<void> {
  redisChecked ??= new Promise<void>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = createConnection({ host: hostname, port: Number(port || 6379), timeout: 5000 });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`Redis does not answer at ${url} (${why}). The API suites need a real Redis: start one, or set REDIS_URL.`));
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      // NOAUTH: a server that wants a password still answers; the app reports auth problems itself.
      if (/^(\+PONG|-NOAUTH)/.test(data.toString())) resolve();
      else fail(`it answered ${JSON.stringify(data.toString().trim())}`);
    });
    socket.once('error', (error) => fail(error.message));
    socket.once('timeout', () => fail('no answer within 5 s'));
  });
  return redisChecked;
}

export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  // The shared Redis only: a test that passes its own REDIS_URL started (and may kill) that server itself.
  if (env.REDIS_URL === undefined) await assertRedisAnswers(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const dataDir = mkdtempSync(join(tmpdir(), 'persona-test-'));
  const scratch = kind === 'postgres' ? await scratchPostgresDatabase() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Queues of their own: test apps share one Redis and must not run each other's jobs.
    QUEUE_PREFIX: `persona-test-${randomUUID()}`,
    // Suites send many requests with one key, and wrong keys on purpose; the rate-limit suite sets its own.
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_FAILURES_PER_MINUTE: '1000000',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  // In-memory PGlite: each test app starts from an empty database.
  const platform = await createApp({ ...config, pgliteDir: null });
  const { workspace, admin } = await platform.workspaces.createWorkspace('Test workspace');
  const app: TestApp = {
    ...platform,
    config,
    adminKey: admin.secret,
    workspaceId: workspace.id,
    async request({ method, url, key, body, payload, headers = {} }) {
      const auth = key === null ? {} : { authorization: `Bearer ${key ?? admin.secret}` };
      const response = await platform.app.inject({
        method,
        url,
        headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : payload !== undefined ? { payload } : {}),
      });
      return {
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
        raw: response.rawPayload,
        json: () => response.json(),
      };
    },
    async close() {
      await platform.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}
