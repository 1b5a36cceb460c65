import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { z } from 'zod';
import { ErrorCode, PlatformError, toFieldIssues } from '@persona/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CONTRACT, type RouteContract } from './contract.decorator.js';
import { assertStorableText } from './unsafe-text.js';

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  assertStorableText(value, where);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = toFieldIssues(result.error).map((e) => ({ ...e, path: `${where}.${e.path}` }));
  throw new PlatformError(
    ErrorCode.ValidationFailed,
    `Invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    { errors },
  );
}

/**
 * Validates params, query and body against the route's contract and hands the handler the parsed
 * (defaulted, coerced) values. Every string in them, keys included, is first checked to be
 * storable (no NUL, no lone surrogate), so a new route is covered without doing anything.
 * Outside production it also checks responses, so contract drift fails tests instead of reaching
 * clients.
 */
@Injectable()
export class ContractInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<RouteContract | undefined>(CONTRACT, context.getHandler());
    if (!contract) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (contract.params) request.params = parseOrThrow(contract.params, request.params, 'params');
    if (contract.query) request.query = parseOrThrow(contract.query, request.query ?? {}, 'query');
    if (contract.body) request.body = parseOrThrow(contract.body, request.body, 'body');
    const response = contract.response;
    if (!response || this.config.env === 'production') return next.handle();
    return next.handle().pipe(map((value: unknown) => response.parse(value)));
  }
}
