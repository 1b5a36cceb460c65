import OpenAI from 'openai';
import { LlmError } from './llm-client.js';

/** Turns anything the SDK (or fetch, or JSON parsing) throws into an LlmError of the right kind. */
export function toLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new LlmError('timeout', 'The LLM endpoint timed out', undefined, { cause: error });
  if (error instanceof OpenAI.APIUserAbortError || isAbortError(error)) {
    return new LlmError('timeout', 'The LLM call was aborted (deadline or caller signal)', undefined, { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new LlmError('connection', `Cannot reach the LLM endpoint: ${error.message}`, undefined, { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') return fromStatus(error, error.status);
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('bad_response', `Unreadable answer from the LLM endpoint: ${message}`, undefined, { cause: error });
}

function fromStatus(error: InstanceType<typeof OpenAI.APIError>, status: number): LlmError {
  const message = `LLM endpoint answered ${status}: ${error.message}`;
  if (status === 429) return new LlmError('rate_limited', message, retryAfterMs(error.headers), { cause: error });
  if (status === 401 || status === 403) return new LlmError('auth', message, undefined, { cause: error });
  if (status === 408) return new LlmError('timeout', message, undefined, { cause: error });
  if (status >= 500) return new LlmError('server_error', message, retryAfterMs(error.headers), { cause: error });
  return new LlmError('bad_request', message, undefined, { cause: error });
}

/** `retry-after-ms` (OpenAI's, precise) wins over `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const header = headers?.get('retry-after');
  if (header === null || header === undefined) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Endpoints without structured outputs answer 400/422 naming the parameter; those are asked again without it. */
export function rejectsResponseFormat(error: LlmError): boolean {
  const cause = error.cause;
  if (error.kind !== 'bad_request' || !(cause instanceof OpenAI.APIError)) return false;
  return cause.param === 'response_format' || /response_format|json_schema|structured output/i.test(cause.message);
}
