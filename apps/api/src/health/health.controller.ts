import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ZHealthSchema, ZReadinessSchema, type TReadiness } from '@persona/shared';
import { Contract } from '../contract/contract.decorator.js';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { REDIS_HEALTH, type RedisHealth } from '../redis/redis-health.js';

const PROBE_TIMEOUT_MS = 2000;

const logger = new Logger('Readiness');

/**
 * Probes one dependency. The answer is public, so a failure says only that the dependency did not
 * answer; the error itself (host names, driver messages) goes to the log.
 */
async function check(name: string, probe: () => Promise<void>): Promise<TReadiness['checks']['database']> {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref()),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    logger.warn(`${name} is not ready: ${(error as Error).message}`);
    return { ok: false, latencyMs: Math.round(performance.now() - started), detail: `${name} did not answer` };
  }
}

@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(REDIS_HEALTH) private readonly redis: RedisHealth,
  ) {}

  @Get('healthz')
  @Contract({ summary: 'The process is up', roles: 'public', response: ZHealthSchema })
  health() {
    return { status: 'ok' as const };
  }

  @Get('readyz')
  @Contract({ summary: 'Database and Redis are reachable (503 otherwise)', roles: 'public', response: ZReadinessSchema })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<TReadiness> {
    const [database, redis] = await Promise.all([
      check('database', () => this.database.ping()),
      check('redis', () => this.redis.ping()),
    ]);
    const ready = database.ok && redis.ok;
    if (!ready) void reply.status(503);
    return { status: ready ? 'ready' : 'not_ready', checks: { database, redis } };
  }
}
