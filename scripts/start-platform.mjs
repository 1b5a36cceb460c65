// `npm start`: API (with demo data on first start, serving the built studio at /studio), queue worker, plus a
// private Redis when none answers. `npm run dev` is the one with Vite's hot reload.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import concurrently from 'concurrently';

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const redisPort = Number(redisUrl.port || 6379);
const dataDir = process.env.DATA_DIR ?? './.data';

function redisAnswers() {
  const socket = createConnection({ host: redisUrl.hostname, port: redisPort, timeout: 1000 });
  return new Promise((resolve) => {
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => resolve(/^(\+PONG|-NOAUTH)/.test(data.toString())));
    for (const event of ['error', 'timeout']) socket.once(event, () => resolve(false));
  }).finally(() => socket.destroy());
}

function hasRedisServer() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const commands = [{ name: 'api', command: 'npm run start -w @persona/api', prefixColor: 'cyan' }];
console.log(`Studio: http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 3000}/studio (once the API says it is listening).`);

// A worker process needs PostgreSQL: the embedded PGlite belongs to the one process that opened it.
if (process.env.DATABASE_URL) {
  commands.splice(1, 0, { name: 'worker', command: 'npm run worker -w @persona/api', prefixColor: 'yellow' });
} else if (process.env.EMBEDDED_WORKER === 'false') {
  console.log('No DATABASE_URL and EMBEDDED_WORKER=false: nothing will process queued jobs (set DATABASE_URL to run a worker).');
} else {
  console.log('No DATABASE_URL: the API uses the embedded PGlite and runs the queue processors itself (no separate worker).');
}

if (!(await redisAnswers())) {
  const local = ['127.0.0.1', 'localhost'].includes(redisUrl.hostname);
  if (!local || !hasRedisServer()) {
    console.error(
      `Nothing answers at ${redisUrl.href}, and ${local ? 'no redis-server is on PATH' : 'it is not a local address'}.\n` +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running server.',
    );
    process.exit(1);
  }
  mkdirSync(`${dataDir}/redis`, { recursive: true });
  console.log(`Starting a private redis-server on port ${redisPort} under ${dataDir}/redis.`);
  // Append-only, synced every second, as BullMQ's production guide asks: a crash loses at most about
  // a second of queue state, and the API's reconciler re-queues from the database what was lost.
  commands.unshift({
    name: 'redis',
    command: `redis-server --port ${redisPort} --bind 127.0.0.1 --dir ${dataDir}/redis --save 60 1000 --appendonly yes --appendfsync everysec`,
    prefixColor: 'red',
  });
}

// The queue board is the platform operator's: it opens only with its own key (never a workspace key).
const apiUrl = `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 3000}`;
if (process.env.QUEUE_BOARD_KEY) {
  const mode = process.env.QUEUE_BOARD_WRITE === 'true' ? 'actions enabled' : 'read-only; QUEUE_BOARD_WRITE=true enables actions';
  console.log(`Queue board: ${apiUrl}/admin/queues (any user name, QUEUE_BOARD_KEY as password; ${mode}).`);
} else {
  console.log(`Queue board off: set QUEUE_BOARD_KEY (24+ characters) to open ${apiUrl}/admin/queues.`);
}

const { result } = concurrently(commands, { killOthersOn: ['failure', 'success'], restartTries: 0 });
await result.catch(() => process.exit(1));
