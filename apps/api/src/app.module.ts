import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AudienceModule } from './audience/audience.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ContractInterceptor } from './contract/contract.interceptor.js';
import { DeliveryModule } from './delivery/delivery.module.js';
import { DemoModule } from './demo/demo.module.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { GenerationModule } from './generation/generation.module.js';
import { HealthModule } from './health/health.module.js';
import { InfrastructureModule, type Infrastructure } from './infrastructure.module.js';
import { GenerationWorkerModule } from './jobs/worker/generation-worker.module.js';
import { InsightsModule } from './insights/insights.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { JobReconciler } from './jobs/maintenance/job-reconciler.js';
import { MaintenanceProcessor } from './jobs/maintenance/maintenance.processor.js';
import { AuthFailureThrottle } from './rate-limit/auth-failure-throttle.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';

@Module({})
export class AppModule {
  static with(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.of(infra),
        JobsModule,
        ...(infra.config.jobs.embeddedWorker ? [GenerationWorkerModule.with(infra.config)] : []),
        DiscoveryModule,
        WorkspacesModule,
        CatalogModule,
        AudienceModule,
        HealthModule,
        DemoModule,
        RecommendationsModule,
        GenerationModule,
        DeliveryModule,
        InsightsModule,
      ],
      providers: [
        JobReconciler,
        MaintenanceProcessor,
        AuthFailureThrottle,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ContractInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
