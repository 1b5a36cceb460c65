import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import type { TRole } from '@persona/shared';
import { BODY_SIZE_CONFIG } from './route-body-limit.js';

/**
 * One declaration per route drives validation, access control and the OpenAPI document, so the
 * three can never disagree.
 */
export interface RouteContract {
  summary: string;
  /** Who may call it; 'public' routes need no API key. */
  roles: readonly TRole[] | 'public';
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** JSON body schema. Routes that stream a body (imports, uploads) describe it in `rawBody`. */
  body?: z.ZodType;
  rawBody?: { contentTypes: string[]; description: string };
  /**
   * 'bulk' for routes whose JSON body is a batch (MAX_BULK_BODY_BYTES); others get the small
   * MAX_JSON_BODY_BYTES. Streamed bodies (imports, uploads) are limited by their own readers.
   */
  bodySize?: 'bulk';
  response?: z.ZodType;
  /** Success status; 200 unless said otherwise. */
  status?: number;
  /** Response is not JSON (e.g. an image); documented by content type. */
  responseContentType?: string;
}

export const CONTRACT = Symbol('route-contract');

export function Contract(contract: RouteContract): MethodDecorator {
  return applyDecorators(
    SetMetadata(CONTRACT, contract),
    HttpCode(contract.status ?? 200),
    ...(contract.bodySize ? [RouteConfig({ [BODY_SIZE_CONFIG]: contract.bodySize })] : []),
  );
}
