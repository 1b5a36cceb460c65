import type { RecordedRequest } from './recorded-request.js';

export interface ScriptedChoice {
  /** `null` for a refusal or a truncated-away answer. */
  content?: string | null;
  refusal?: string | null;
  /** Defaults to `stop`. */
  finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
}

/** A misbehaviour the server can act out instead of a normal answer. */
export type Fault =
  /** Any HTTP error with OpenAI's error body; 429/5xx may carry Retry-After (seconds) or retry-after-ms. */
  | { kind: 'http_error'; status: number; message?: string; param?: string; retryAfterSeconds?: number; retryAfterMs?: number }
  /** HTTP 200 whose body is not valid JSON. */
  | { kind: 'malformed_body' }
  /** A chat completion whose content is not valid JSON (for json_schema requests). */
  | { kind: 'malformed_content' }
  /** The default answer cut short, with finish_reason `length`. */
  | { kind: 'truncated' }
  /** `message.refusal` set and content null. */
  | { kind: 'refusal'; message?: string }
  /** A chat completion with an empty `choices` array. */
  | { kind: 'empty_choices' };

export type ScriptReply =
  /** A chat completion; one choice, or one per entry (the request's `n` is then ignored). */
  | { chat: ScriptedChoice | ScriptedChoice[] }
  /** A raw JSON body, sent as is. */
  | { body: unknown; status?: number; headers?: Record<string, string> }
  | { fault: Fault };

export type ScriptReplySource = ScriptReply | ((request: RecordedRequest) => ScriptReply | Promise<ScriptReply>);

export interface ScriptMatch {
  /** `/v1/chat/completions` or `/chat/completions`. */
  path?: string;
  /** Substring of the JSON-serialised body (e.g. a word of the prompt, a schema name). */
  bodyIncludes?: string;
  predicate?: (request: RecordedRequest) => boolean;
}

export interface ScriptRule {
  /** Omitted: matches every request. */
  match?: ScriptMatch;
  /** How many requests the rule answers before it is used up; default 1, `Infinity` for always. */
  times?: number;
  /** Wait this long before answering (slow endpoint; lets a client timeout fire). Batch lines do not wait. */
  delayMs?: number;
  /** Omitted: the default deterministic answer (useful with `delayMs`). */
  reply?: ScriptReplySource;
}

/** Shorthands for the faults tests use most. */
export const faults = {
  rateLimited: (retryAfterSeconds?: number): ScriptReply => ({
    fault: { kind: 'http_error', status: 429, message: 'Rate limit reached', retryAfterSeconds },
  }),
  serverError: (status: 500 | 502 | 503 = 500): ScriptReply => ({
    fault: { kind: 'http_error', status, message: 'The server had an error while processing your request' },
  }),
  badRequest: (message: string, param?: string): ScriptReply => ({
    fault: { kind: 'http_error', status: 400, message, param },
  }),
  /** What endpoints without structured-output support answer to `response_format: json_schema`. */
  responseFormatUnsupported: (): ScriptReply => ({
    fault: {
      kind: 'http_error',
      status: 400,
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
      param: 'response_format',
    },
  }),
  malformedBody: (): ScriptReply => ({ fault: { kind: 'malformed_body' } }),
  malformedContent: (): ScriptReply => ({ fault: { kind: 'malformed_content' } }),
  truncated: (): ScriptReply => ({ fault: { kind: 'truncated' } }),
  refusal: (message = "I'm sorry, I can't help with that."): ScriptReply => ({ fault: { kind: 'refusal', message } }),
  emptyChoices: (): ScriptReply => ({ fault: { kind: 'empty_choices' } }),
} as const;
