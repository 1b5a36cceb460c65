import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../../src/config/app-config.js';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));
const READY_LINE = /Processing generation jobs/;
const START_TIMEOUT_MS = 30_000;

/** `npm run worker` as a process of its own, which a test can stop, kill and replace. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the worker printed, for failure messages. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
}

/** Starts a worker on the same database, Redis and queues as a test app, from the TypeScript sources. */
export async function startWorkerProcess(config: AppConfig, env: Record<string, string> = {}): Promise<WorkerProcess> {
  if (!config.databaseUrl) throw new Error('A worker process needs the test app to run on PostgreSQL');
  const child = spawn(process.execPath, ['--conditions=@persona/source', '--import', 'tsx', 'src/worker.ts'], {
    cwd: apiDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.jobs.queuePrefix,
      DATA_DIR: config.dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reap = (): void => void child.kill('SIGKILL');
  process.once('exit', reap);
  let output = '';
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      process.removeListener('exit', reap);
      resolve(code);
    });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The worker did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (READY_LINE.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The worker exited with ${code} while starting:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    exited,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
