import { DelayedError, UnrecoverableError, type Job, type JobsOptions } from 'bullmq';
import { LlmError } from '@persona/llm';
import { ErrorCode, PlatformError } from '@persona/shared';

/** Where a child stands in its attempts, as the runners need to know it. */
export interface Attempt {
  /** Whether no further attempt follows if this one throws. */
  final: boolean;
  /** Whether this child ran before (a retry, or a stalled run taken over). */
  rerun: boolean;
}

/**
 * What a child does about an LLM error:
 * - `retry`: throw, and BullMQ tries again after a backoff;
 * - `fall-back`: the engine writes a template variant with `fallbackReason` (counted in `fellBack`);
 * - `record-failed`: the engine stores a failed variant with the reason (the answer was unusable);
 * - `fail`: throw, and the child fails at once with the reason (asking again cannot help).
 */
export type LlmErrorAction = 'retry' | 'fall-back' | 'record-failed' | 'fail';

/** Node socket errors of a connection lost or refused on the way: the other side may be back later. */
const LOST_CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs worth a later attempt: connection exceptions (class 08), serialization
 * failures and deadlocks (40001, 40P01), too many connections (53300), and a server shutting
 * down or starting (57P01–57P03). Constraint violations (class 23) and the rest are bugs or bad
 * data, which an attempt later repeats.
 */
const RETRYABLE_SQLSTATE = /^(08...|40001|40P01|53300|57P0[123])$/;
/** Errors without a code that the pg and ioredis clients raise for a connection that went away. */
const LOST_CONNECTION_MESSAGE = /^(Connection terminated|Connection is closed|Client has encountered a connection error|Stream isn't writeable)/;

/**
 * The one place that decides how generation children retry: how many attempts, with what
 * backoff, which errors may succeed later (an allow-list: 429, 5xx, timeouts, lost connections;
 * everything else fails at once with its reason), and what the last attempt does with an LLM
 * endpoint that still fails (it falls back to the offline engine, and the child counts in
 * `fellBack`, so a job never reports plain `done` for a template it did not ask for).
 */
export class RetryPolicy {
  constructor(private readonly limits: { attempts: number; backoffMs: number }) {}

  /** The BullMQ options every child is queued with. */
  jobOptions(): Pick<JobsOptions, 'attempts' | 'backoff'> {
    return { attempts: this.limits.attempts, backoff: { type: 'exponential', delay: this.limits.backoffMs } };
  }

  attemptOf(job: Job): Attempt {
    return { final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1), rerun: job.attemptsStarted > 1 };
  }

  llmAction(error: LlmError, attempt: Attempt): LlmErrorAction {
    if (error.retryable) return attempt.final ? 'fall-back' : 'retry';
    if (error.kind === 'refused' || error.kind === 'bad_response') return 'record-failed';
    return 'fail';
  }

  /** For the engines' `rethrow` option: the LLM errors that leave the engine instead of becoming a variant. */
  rethrowFor(attempt: Attempt): (error: LlmError) => boolean {
    return (error) => {
      const action = this.llmAction(error, attempt);
      return action === 'retry' || action === 'fail';
    };
  }

  /** Whether the child's row should record the failure now: no attempt follows this one. */
  failsForGood(error: unknown, attempt: Attempt): boolean {
    return attempt.final || !isRetryable(error);
  }

  /** What goes back to BullMQ: the error itself when a later attempt may help, else one that stops the retries. */
  toQueueError(error: unknown): unknown {
    if (error instanceof DelayedError || error instanceof UnrecoverableError || isRetryable(error)) return error;
    return new UnrecoverableError(reasonOf(error));
  }
}

/** Whether trying again later may help (the allow-list); everything else is permanent. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof LlmError) return error.retryable;
  if (error instanceof PlatformError) return error.code === ErrorCode.DependencyUnavailable || error.code === ErrorCode.RateLimited;
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    const { code, status } = cause as { code?: unknown; status?: unknown };
    if (typeof code === 'string' && (LOST_CONNECTION_CODES.has(code) || RETRYABLE_SQLSTATE.test(code))) return true;
    if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
    if (cause.name === 'TimeoutError' || cause.name === 'MaxRetriesPerRequestError') return true;
    if (LOST_CONNECTION_MESSAGE.test(cause.message)) return true;
  }
  return false;
}

export function reasonOf(error: unknown): string {
  if (error instanceof LlmError) return `LLM ${error.kind}: ${error.message}`;
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}
