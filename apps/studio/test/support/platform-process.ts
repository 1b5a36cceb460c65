import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const apiMain = join(repo, 'apps/api/dist/main.js');
const apiSeed = join(repo, 'apps/api/dist/demo/seed.cli.js');
const studioIndex = join(repo, 'apps/studio/dist/index.html');

export interface PlatformProcess {
  origin: string;
  adminKey: string;
  logs(): string;
  stop(): Promise<void>;
}

/**
 * The data directory of a stopped platform that seeded the demo data, and the admin key it was
 * started with. A platform started from it begins exactly where a freshly seeded one begins.
 */
export interface DemoDataSnapshot {
  dataDir: string;
  adminKey: string;
}

export interface StartOptions {
  /** A budget for a hang, not a speed limit: seeding renders images, minutes on a busy machine. */
  readyWithinMs?: number;
  seedDemoData?: boolean;
  /** Start on a private copy of this snapshot's data (seeded already) instead of an empty directory. */
  from?: DemoDataSnapshot;
}

/** Node's own HTTP: in a happy-dom test file the global fetch is the simulated browser's. */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(5_000, () => request.destroy());
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function assertBuilt(): void {
  for (const [file, build] of [
    [apiMain, 'npm run build -w @persona/api'],
    [studioIndex, 'npm run build -w @persona/studio'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "${build}" (or "npm run build") first.`);
  }
}

/** A built API entry point (the server, or the seed command) with private queue names. */
function spawnApi(entry: string, env: Record<string, string>) {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: join(repo, 'apps/api'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `persona-studio-e2e-${randomUUID()}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, logs: () => output };
}

/** Starts dist/main.js on dataDir and waits until /readyz answers; stop() also removes dataDir. */
async function launchApi(dataDir: string, adminKey: string, readyWithinMs: number, seedDemoData: boolean): Promise<PlatformProcess> {
  assertBuilt();
  const port = await freePort();
  const api = spawnApi(apiMain, { DATA_DIR: dataDir, ADMIN_API_KEY: adminKey, HOST: '127.0.0.1', PORT: String(port), SEED_DEMO_DATA: String(seedDemoData) });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (api.child.exitCode === null) {
      api.child.kill('SIGTERM');
      const killer = setTimeout(() => api.child.kill('SIGKILL'), 30_000);
      await api.exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) break;
    const ready = await answersOk(`${origin}/readyz`);
    // Demo data is seeded before the API listens, so ready means the catalog is there too.
    if (ready) return { origin, adminKey, logs: api.logs, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`The API did not become ready (exit code ${api.child.exitCode}):\n${api.logs().slice(-4000)}`);
}

const newAdminKey = () => `pk_e2e_${randomBytes(18).toString('hex')}`;
const scratchDir = () => mkdtempSync(join(tmpdir(), 'persona-studio-e2e-'));

/**
 * The real API process as `npm start` runs it (built dist, demo data, serving the built studio),
 * on a scratch PGlite directory, private queue names and a free port. With `from`, the scratch
 * directory starts as a copy of a seeded snapshot, so the demo data is there without seeding it again.
 */
export async function startPlatform({ readyWithinMs = 600_000, seedDemoData = true, from }: StartOptions = {}): Promise<PlatformProcess> {
  const dataDir = scratchDir();
  if (from) cpSync(from.dataDir, dataDir, { recursive: true });
  return launchApi(dataDir, from?.adminKey ?? newAdminKey(), readyWithinMs, seedDemoData);
}

/**
 * Seeds the demo data once with the API's own seed command (`npm run seed`: the default workspace
 * with this admin key, then the demo data, then a clean close of the database), so the directory
 * can be copied for every platform that needs the demo data. Remove it with removeDemoDataSnapshot.
 */
export async function createDemoDataSnapshot({ seededWithinMs = 600_000 } = {}): Promise<DemoDataSnapshot> {
  assertBuilt();
  const dataDir = scratchDir();
  const adminKey = newAdminKey();
  const seed = spawnApi(apiSeed, { DATA_DIR: dataDir, ADMIN_API_KEY: adminKey });
  const budget = setTimeout(() => seed.child.kill('SIGKILL'), seededWithinMs);
  const code = await seed.exited;
  clearTimeout(budget);
  // Only a seed that finished and closed its database leaves a directory that is safe to copy.
  if (code !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`Seeding the demo data failed (exit code ${code}, budget ${seededWithinMs} ms):\n${seed.logs().slice(-4000)}`);
  }
  return { dataDir, adminKey };
}

export function removeDemoDataSnapshot(snapshot: DemoDataSnapshot): void {
  rmSync(snapshot.dataDir, { recursive: true, force: true });
}
