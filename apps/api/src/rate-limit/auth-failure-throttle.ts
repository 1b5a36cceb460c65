import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, PlatformError } from '@persona/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { clientAddress } from './request-rate-limit.js';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Throttles guessing keys: an address that failed authentication AUTH_FAILURES_PER_MINUTE times in
 * a window is answered 429 with Retry-After before its next key is even looked up. Counted by
 * @fastify/rate-limit in the same Redis as the request budget (registerRateLimits must run first).
 */
@Injectable()
export class AuthFailureThrottle {
  private limiter: Limiter | undefined;

  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws RATE_LIMITED when this request's address has used up its failures. */
  async assertAllowed(request: FastifyRequest): Promise<void> {
    const state = await this.failures()(request, { increment: false });
    if (state.isAllowed || state.remaining > 0) return;
    const retryAfterSeconds = Math.max(1, state.ttlInSeconds);
    throw new PlatformError(
      ErrorCode.RateLimited,
      `Too many failed authentications from this address; retry in ${retryAfterSeconds} s.`,
      { retryAfterSeconds },
    );
  }

  async record(request: FastifyRequest): Promise<void> {
    await this.failures()(request);
  }

  private failures(): Limiter {
    this.limiter ??= (this.host.httpAdapter.getInstance() as FastifyInstance).createRateLimit({
      max: this.config.rateLimit.maxAuthFailures,
      timeWindow: this.config.rateLimit.windowMs,
      keyGenerator: (request) => `auth-failure:${clientAddress(request)}`,
    });
    return this.limiter;
  }
}
