import { z } from 'zod';

/** Every error the platform reports, in any package. The API maps each to an HTTP status. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  ImageInvalid: 'IMAGE_INVALID',
  ImageTooLarge: 'IMAGE_TOO_LARGE',
  ImageFormatNotAllowed: 'IMAGE_FORMAT_NOT_ALLOWED',
  RateLimited: 'RATE_LIMITED',
  LlmUnavailable: 'LLM_UNAVAILABLE',
  LlmBadResponse: 'LLM_BAD_RESPONSE',
  GenerationFailed: 'GENERATION_FAILED',
  DependencyUnavailable: 'DEPENDENCY_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type TErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export const ZErrorCodeSchema = z.enum(Object.values(ErrorCode) as [TErrorCode, ...TErrorCode[]]);

export const ZFieldIssueSchema = z
  .object({ path: z.string(), message: z.string() })
  .meta({ id: 'FieldIssue' });
export type TFieldIssue = z.infer<typeof ZFieldIssueSchema>;

/** RFC 9457 problem details, with the platform's error code. */
export const ZProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: ZErrorCodeSchema,
    errors: z.array(ZFieldIssueSchema).optional(),
  })
  .meta({ id: 'Problem' });
export type TProblem = z.infer<typeof ZProblemSchema>;

/** Base error of the platform: carries a code so any layer can map it without string matching. */
export class PlatformError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: { errors?: TFieldIssue[]; retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** Turns zod issues into flat "path: message" entries that a problem+json body can carry. */
export function toFieldIssues(error: z.ZodError): TFieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
