import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { ErrorCode, PlatformError } from '@persona/shared';
import { presentedKey } from '../auth/presented-key.js';
import type { AppConfig } from '../config/app-config.js';
import { hashApiKey } from '../workspaces/api-key-secret.js';

/** Probes answer without a Redis round trip: an orchestrator polls them, and they must stay cheap. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz']);

const logger = new Logger('RateLimit');

/** Whose budget a request spends: its API key's (by hash; the key itself never reaches Redis), else its IP's. */
export function rateLimitKey(request: FastifyRequest): string {
  const key = presentedKey(request.headers, { basic: true });
  return key ? `key:${hashApiKey(key).slice(0, 32)}` : `ip:${clientAddress(request)}`;
}

/** The client's address, IPv6 grouped by /64 as one host usually owns the whole subnet. */
export function clientAddress(request: FastifyRequest): string {
  return normalizeIP(request.ip, 64);
}

/**
 * Counts every request (API, docs, queue board) against a per-key budget in the queues' Redis,
 * under `<QUEUE_PREFIX>:rate-limit:`, so all API processes share one count. Past the budget a
 * request answers 429 problem+json with Retry-After before any other work (the hook runs on
 * onRequest, before the body is read or the key looked up). When Redis does not answer the request
 * is let through: readiness reports Redis, and an API that refuses everything would be worse.
 *
 * Must be registered before the routes are (Fastify applies it to routes added after it).
 */
export async function registerRateLimits(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    // Fail fast rather than queue: a request never waits for a Redis that is away.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', () => undefined); // reported by /readyz; skipOnError lets requests through meanwhile
  await redis.connect().catch((error: unknown) => logger.warn(`Redis for rate limits: ${(error as Error).message}`));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', async () => {
    redis.disconnect();
  });
  await app.register(rateLimit as never, {
    global: true,
    redis,
    nameSpace: `${config.jobs.queuePrefix}:rate-limit:`,
    max: config.rateLimit.maxRequests,
    timeWindow: config.rateLimit.windowMs,
    skipOnError: true,
    keyGenerator: rateLimitKey,
    allowList: (request: FastifyRequest) => UNLIMITED_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; ttl: number; after: string }) =>
      new PlatformError(
        ErrorCode.RateLimited,
        `More than ${context.max} requests in ${config.rateLimit.windowMs / 1000} s for this API key (or address); retry in ${context.after}.`,
        { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      ),
  } as never);
}
