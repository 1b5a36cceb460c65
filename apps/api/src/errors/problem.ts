import { ErrorCode, type TErrorCode, type TFieldIssue, type TProblem } from '@persona/shared';

const STATUS_BY_CODE: Record<TErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.MalformedJson]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.RouteNotFound]: 404,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.ImageInvalid]: 422,
  [ErrorCode.ImageTooLarge]: 413,
  [ErrorCode.ImageFormatNotAllowed]: 415,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.LlmUnavailable]: 503,
  [ErrorCode.LlmBadResponse]: 502,
  [ErrorCode.GenerationFailed]: 422,
  [ErrorCode.DependencyUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

const TITLE_BY_CODE: Record<TErrorCode, string> = {
  [ErrorCode.ValidationFailed]: 'Request validation failed',
  [ErrorCode.MalformedJson]: 'Malformed JSON body',
  [ErrorCode.NotFound]: 'Resource not found',
  [ErrorCode.RouteNotFound]: 'Route not found',
  [ErrorCode.Unauthenticated]: 'Authentication required',
  [ErrorCode.Forbidden]: 'Not allowed for this API key',
  [ErrorCode.Conflict]: 'Conflict',
  [ErrorCode.PayloadTooLarge]: 'Payload too large',
  [ErrorCode.UnsupportedMediaType]: 'Unsupported media type',
  [ErrorCode.ImageInvalid]: 'Image cannot be decoded',
  [ErrorCode.ImageTooLarge]: 'Image too large',
  [ErrorCode.ImageFormatNotAllowed]: 'Image format not allowed',
  [ErrorCode.RateLimited]: 'Too many requests',
  [ErrorCode.LlmUnavailable]: 'Language model unavailable',
  [ErrorCode.LlmBadResponse]: 'Language model answered badly',
  [ErrorCode.GenerationFailed]: 'Generation failed',
  [ErrorCode.DependencyUnavailable]: 'A dependency is unavailable',
  [ErrorCode.Internal]: 'Internal error',
};

export function statusOf(code: TErrorCode): number {
  return STATUS_BY_CODE[code];
}

export function problemOf(code: TErrorCode, detail: string, errors?: TFieldIssue[]): TProblem {
  return {
    type: `https://persona.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLE_BY_CODE[code],
    status: STATUS_BY_CODE[code],
    detail,
    code,
    ...(errors?.length ? { errors } : {}),
  };
}
