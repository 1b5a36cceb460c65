import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AudienceModule } from './audience/audience.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { ContractInterceptor } from './contract/contract.interceptor.js';
import type { DatabaseHandle } from './db/database.js';
import { DATABASE } from './db/database.token.js';
import { DemoModule } from './demo/demo.module.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { GenerationModule } from './generation/generation.module.js';
import { HealthModule } from './health/health.module.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { REDIS_HEALTH, type RedisHealth } from './redis/redis-health.js';
import { FILE_STORE, type FileStore } from './storage/file-store.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';

export interface Infrastructure {
  config: AppConfig;
  database: DatabaseHandle;
  files: FileStore;
  redis: RedisHealth;
}

/** Infrastructure is opened before Nest starts (migrations first) and handed in as values. */
@Global()
@Module({})
class InfrastructureModule {
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

@Module({})
export class AppModule {
  static with(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.of(infra),
        DiscoveryModule,
        WorkspacesModule,
        CatalogModule,
        AudienceModule,
        HealthModule,
        DemoModule,
        RecommendationsModule,
        GenerationModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ContractInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
