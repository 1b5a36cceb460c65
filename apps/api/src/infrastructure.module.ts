import { join } from 'node:path';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { DATABASE } from './db/database.token.js';
import { REDIS_HEALTH, RedisHealth } from './redis/redis-health.js';
import { FILE_STORE, type FileStore } from './storage/file-store.js';
import { LocalFileStore } from './storage/local-file-store.js';

export interface Infrastructure {
  config: AppConfig;
  database: DatabaseHandle;
  files: FileStore;
  redis: RedisHealth;
}

/** Infrastructure is opened before Nest starts (migrations first) and handed in as values. */
@Global()
@Module({})
export class InfrastructureModule {
  static of(infra: Infrastructure): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: infra.config },
      { provide: DATABASE, useValue: infra.database },
      { provide: FILE_STORE, useValue: infra.files },
      { provide: REDIS_HEALTH, useValue: infra.redis },
    ];
    return { module: InfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }
}


/** Opens what API and worker processes share: the database (migrated), the file store, Redis health. */
export async function openInfrastructure(config: AppConfig): Promise<Infrastructure & { close(): Promise<void> }> {
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  const redis = new RedisHealth(config.redisUrl);
  const files = new LocalFileStore(join(config.dataDir, 'assets'));
  return {
    config,
    database,
    files,
    redis,
    async close() {
      await redis.close();
      await database.close();
    },
  };
}
