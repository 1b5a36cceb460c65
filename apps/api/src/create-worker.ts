import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from './config/app-config.js';
import { NEST_LOG_LEVELS } from './create-app.js';
import { InfrastructureModule, openInfrastructure, type Infrastructure } from './infrastructure.module.js';
import { GenerationWorkerModule } from './jobs/worker/generation-worker.module.js';

@Module({})
class WorkerAppModule {
  static with(infra: Infrastructure): DynamicModule {
    return { module: WorkerAppModule, imports: [InfrastructureModule.of(infra), GenerationWorkerModule.with(infra.config)] };
  }
}

export interface PlatformWorker {
  context: INestApplicationContext;
  /** Stops taking jobs, lets the jobs in hand finish, then closes connections. */
  close(): Promise<void>;
}

/** A queue worker: the generation processors with no HTTP server, as `npm run worker` runs it. */
export async function createWorker(config: AppConfig): Promise<PlatformWorker> {
  const infra = await openInfrastructure(config);
  const context = await NestFactory.createApplicationContext(WorkerAppModule.with(infra), {
    logger: NEST_LOG_LEVELS[config.logLevel],
    abortOnError: false,
  });
  return {
    context,
    async close() {
      await context.close();
      await infra.close();
    },
  };
}
