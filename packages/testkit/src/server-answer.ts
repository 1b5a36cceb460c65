import type { Fault } from './script-rule.js';

/** What a route sends back: a JSON body, or raw bytes (file content, deliberately broken JSON). */
export interface ServerAnswer {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: { contentType: string; data: Buffer | string };
}

export function jsonAnswer(json: unknown, status = 200): ServerAnswer {
  return { status, json };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  429: 'rate_limit_exceeded',
};

/** OpenAI's error body shape, which the SDK turns into its typed APIError subclasses. */
export function errorAnswer(status: number, message: string, param: string | null = null): ServerAnswer {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  return { status, json: { error: { message, type, param, code: null } } };
}

export function httpErrorAnswer(fault: Extract<Fault, { kind: 'http_error' }>): ServerAnswer {
  const answer = errorAnswer(fault.status, fault.message ?? `Scripted HTTP ${fault.status}`, fault.param ?? null);
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  return { ...answer, headers };
}

export const MALFORMED_JSON_BODY = '{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [{"index": 0, "mess';
