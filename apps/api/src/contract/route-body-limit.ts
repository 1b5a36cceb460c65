import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/app-config.js';

/** Route config key the `@Contract` decorator sets for routes that take batches. */
export const BODY_SIZE_CONFIG = 'bodySize';

/**
 * Gives routes declared with `bodySize: 'bulk'` the bulk body limit; every other route keeps the
 * server's small JSON default. Fastify refuses a larger body from its Content-Length (or as soon
 * as a chunked body passes the limit) with 413, before the body is parsed.
 * Must be added before the routes are.
 */
export function applyRouteBodyLimits(fastify: FastifyInstance, limits: AppConfig['bodyLimits']): void {
  fastify.addHook('onRoute', (route) => {
    if ((route.config as Record<string, unknown> | undefined)?.[BODY_SIZE_CONFIG] === 'bulk') {
      route.bodyLimit = limits.bulkBytes;
    }
  });
}
