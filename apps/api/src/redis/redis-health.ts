import { Redis } from 'ioredis';

/**
 * A dedicated connection for readiness checks. It never queues commands while disconnected, so a
 * dead Redis answers "not ready" at once instead of hanging the probe.
 */
export class RedisHealth {
  private readonly client: Redis;

  constructor(url: string) {
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.client.on('error', () => undefined); // state is reported through ping(), not logs
  }

  async ping(): Promise<void> {
    if (this.client.status === 'wait') await this.client.connect();
    await this.client.ping();
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

export const REDIS_HEALTH = Symbol('REDIS_HEALTH');
