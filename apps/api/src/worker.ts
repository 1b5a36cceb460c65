import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from './config/load-config-or-exit.js';
import { createWorker } from './create-worker.js';
import { describeForLog } from './errors/loggable-error.js';

const logger = new Logger('Worker');

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.databaseUrl) {
    logger.error(
      'A worker process needs PostgreSQL (set DATABASE_URL): the embedded PGlite belongs to one process, ' +
        'so with it the API runs the queue processors itself (EMBEDDED_WORKER=auto).',
    );
    process.exit(1);
  }
  const worker = await createWorker(config);
  logger.log(`Processing generation jobs with concurrency ${config.jobs.concurrency} (queue prefix "${config.jobs.queuePrefix}").`);

  const stop = async (signal: string) => {
    // Jobs in hand finish; a second signal (or SIGKILL) leaves them to stalled-job recovery.
    logger.log(`${signal}: finishing the jobs in hand, then stopping.`);
    process.once(signal, () => process.exit(1));
    await worker.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.error(describeForLog(error));
  process.exit(1);
});
