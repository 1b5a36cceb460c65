import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const apiMain = join(repo, 'apps/api/dist/main.js');
const studioIndex = join(repo, 'apps/studio/dist/index.html');

export interface PlatformProcess {
  origin: string;
  adminKey: string;
  logs(): string;
  stop(): Promise<void>;
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

/**
 * The real API process as `npm start` runs it (built dist, demo data, serving the built studio),
 * on a scratch PGlite directory, private queue names and a free port.
 */
export async function startPlatform({ readyWithinMs = 600_000, seedDemoData = true } = {}): Promise<PlatformProcess> {
  for (const [file, build] of [
    [apiMain, 'npm run build -w @persona/api'],
    [studioIndex, 'npm run build -w @persona/studio'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "${build}" (or "npm run build") first.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'persona-studio-e2e-'));
  const port = await freePort();
  const adminKey = `pk_e2e_${randomBytes(18).toString('hex')}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [apiMain], {
    cwd: join(repo, 'apps/api'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `persona-studio-e2e-${randomUUID()}`,
      ADMIN_API_KEY: adminKey,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: String(seedDemoData),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const origin = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await answersOk(`${origin}/readyz`);
    // Demo data is seeded before the API listens, so ready means the catalog is there too.
    if (ready) return { origin, adminKey, logs: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`The API did not become ready (exit code ${child.exitCode}):\n${output.slice(-4000)}`);
}
