import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorCode, PlatformError, type TErrorCode, type TProblem } from '@persona/shared';
import { FOREIGN_KEY_VIOLATION, sqlStateOf, UNIQUE_VIOLATION } from '../db/postgres-error.js';
import { describeForLog } from './loggable-error.js';
import { problemOf } from './problem.js';

/** Fastify's own error codes that mean "the client sent something wrong". */
const FASTIFY_CODES: Record<string, TErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.ValidationFailed,
  FST_REQ_FILE_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_FILES_LIMIT: ErrorCode.PayloadTooLarge,
  FST_PARTS_LIMIT: ErrorCode.PayloadTooLarge,
  FST_INVALID_MULTIPART_CONTENT_TYPE: ErrorCode.UnsupportedMediaType,
};

const CODE_BY_HTTP_STATUS: Record<number, TErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
};

const logger = new Logger('Problem');

/** Maps anything thrown to RFC 9457 problem details. Only real faults become a 500, and they are logged. */
export function toProblem(error: unknown): TProblem {
  if (error instanceof PlatformError) return problemOf(error.code, error.message, error.details?.errors);
  // Nest hands Fastify's own errors (body parsing, multipart limits) over wrapped in an HttpException.
  const fastifyError = (error instanceof HttpException ? error.cause : error) as { code?: unknown; message?: string };
  const fastifyCode = typeof fastifyError?.code === 'string' ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (fastifyCode) return problemOf(fastifyCode, fastifyError.message ?? fastifyCode);
  if (error instanceof HttpException) {
    const code = CODE_BY_HTTP_STATUS[error.getStatus()];
    if (code) return problemOf(code, error.message);
  }
  // A write that collides with a stored row (unique key, or a row referenced meanwhile deleted)
  // is a conflict on any route, even one whose service does not name it more precisely.
  const state = sqlStateOf(error);
  if (state === UNIQUE_VIOLATION || state === FOREIGN_KEY_VIOLATION) {
    logger.warn(describeForLog(error));
    return problemOf(ErrorCode.Conflict, 'The change conflicts with stored data (a unique key already taken, or a referenced row gone).');
  }
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problemOf(CODE_BY_HTTP_STATUS[status] ?? ErrorCode.ValidationFailed, (error as Error).message);
  }
  logger.error(describeForLog(error));
  return problemOf(ErrorCode.Internal, 'An unexpected error occurred; it has been logged.');
}

/**
 * Fastify's router refuses some URLs before any route or Nest filter runs (bad percent-encoding,
 * over-long path parameters); they get the same typed problem as every other bad input.
 */
export function sendFrameworkProblem(error: { code?: string }, reply: FastifyReply): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path parameter is too long.'
      : 'The URL is not valid: use percent-encoded UTF-8.';
  sendProblem(reply, problemOf(ErrorCode.ValidationFailed, detail, [{ path: 'url', message: detail }]));
}

export function sendProblem(reply: FastifyReply, problem: TProblem, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
}

/** Sends anything thrown as problem+json, with Retry-After when the error says when to come back. */
export function sendError(reply: FastifyReply, error: unknown): void {
  const retryAfter = error instanceof PlatformError ? error.details?.retryAfterSeconds : undefined;
  sendProblem(reply, toProblem(error), retryAfter);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    sendError(host.switchToHttp().getResponse<FastifyReply>(), error);
  }
}
