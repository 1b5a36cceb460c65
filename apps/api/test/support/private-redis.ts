import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A redis-server of a test's own, for tests that stop, kill or restart Redis under the code. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Shuts the server down cleanly (SIGTERM) and removes its directory. */
  stop(): Promise<void>;
  /**
   * Stops the server if it runs (SIGTERM), then starts it again on the same port: empty, or with
   * its data when started with `persistent`.
   */
  restart(): Promise<void>;
  /** Ends the server abruptly (SIGKILL), as a crash or an OOM kill would. */
  kill(): Promise<void>;
}

const READY_LINE = /Ready to accept connections/;
const START_TIMEOUT_MS = 10_000;

export interface PrivateRedisOptions {
  /**
   * Keep data across restarts in an append-only file, as a production Redis would: a clean
   * shutdown flushes it, so a restart loses nothing.
   */
  persistent?: boolean;
}

export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'persona-redis-'));
  const persistence = options.persistent === true ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
  let server: ChildProcess | null = await launch(port, dir, persistence);

  const end = async (signal: 'SIGTERM' | 'SIGKILL'): Promise<void> => {
    const running = server;
    server = null;
    if (running) await terminate(running, signal);
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await end('SIGTERM');
      server = await launch(port, dir, persistence);
    },
    kill: () => end('SIGKILL'),
  };
}

async function launch(port: number, dir: string, persistence: string[]): Promise<ChildProcess> {
  // Without persistence a restart starts empty, like the "Redis lost everything" case tests want.
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // A test that dies without stop() must not leave a server behind.
  const reap = (): void => void child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));

  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (READY_LINE.test(output)) done();
    };
    const onExit = (code: number | null): void => fail(new Error(`redis-server exited with ${code} while starting:\n${output}`));
    const onError = (error: Error): void => fail(error);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    function done(): void {
      cleanup();
      resolve();
    }
    function fail(error: Error): void {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
  // Keep draining the pipes so a chatty server never blocks on a full one.
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

async function terminate(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/** A port the OS just handed out and released; redis-server binds it a moment later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('Could not read the probe port');
  return address.port;
}
