import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { LlmClient } from '@persona/llm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { createRateLimitedLlmClient } from './worker-llm-client.js';

/** The LLM client of queue workers, or null when no endpoint is configured (offline engines). */
export const WORKER_LLM_CLIENT = Symbol('WORKER_LLM_CLIENT');

/**
 * Owns the Redis connection through which every worker shares the endpoint's budget. It waits out
 * a Redis outage (no per-request retry limit), as the limiter expects of its connection.
 */
@Injectable()
export class WorkerLlm implements OnApplicationShutdown {
  readonly client: LlmClient | null;
  private readonly redis: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = config.llm ? new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true }) : null;
    this.redis?.on('error', () => undefined); // the limiter reports what an outage means to a call
    this.client = config.llm && this.redis ? createRateLimitedLlmClient(config.llm, this.redis, `${config.jobs.queuePrefix}:rate-limit`) : null;
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

export const workerLlmProviders = [
  WorkerLlm,
  { provide: WORKER_LLM_CLIENT, inject: [WorkerLlm], useFactory: (llm: WorkerLlm) => llm.client },
];
