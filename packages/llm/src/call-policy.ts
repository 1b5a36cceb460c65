import { setTimeout as sleep } from 'node:timers/promises';
import { LlmError } from './llm-client.js';
import { toLlmError } from './llm-error.mapper.js';

/** What one SDK attempt receives: its HTTP timeout and the signal that ends it. SDK retries stay off. */
export interface AttemptOptions {
  timeout: number;
  signal?: AbortSignal;
  maxRetries: 0;
}

export interface CallBudget {
  /** `Date.now()` by which the whole call (attempts and waits) must end, else it fails with `timeout`. */
  deadline?: number;
  maxRetries?: number;
  signal?: AbortSignal;
}

/** The deadline of a call given its time budget; computed once so every step of the call shares it. */
export function deadlineIn(timeoutMs: number | undefined): number | undefined {
  return timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
}

export interface RetryDefaults {
  timeoutMs: number;
  maxRetries: number;
  maxRetryDelayMs: number;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;

/**
 * Runs an SDK call under the platform's retry policy, which the client owns instead of the SDK:
 * retryable errors (429, 5xx, timeouts, connection) are tried again up to `maxRetries`, waiting
 * what Retry-After asks (else exponential backoff with jitter), but never past the call's budget:
 * a wait that would not fit (or exceeds `maxRetryDelayMs`) returns the error at once, so a feed
 * request with a 2 s budget gets its LlmError in 2 s, not after minutes of retries.
 */
export async function callWithPolicy<T>(
  attempt: (options: AttemptOptions) => Promise<T>,
  budget: CallBudget,
  defaults: RetryDefaults,
): Promise<T> {
  const deadline = budget.deadline;
  const maxRetries = budget.maxRetries ?? defaults.maxRetries;
  for (let retry = 0; ; retry++) {
    const remaining = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now();
    if (remaining <= 0) throw new LlmError('timeout', 'The LLM call ran out of its time budget');
    try {
      return await attempt({
        timeout: Math.min(defaults.timeoutMs, remaining),
        signal: attemptSignal(budget.signal, remaining),
        maxRetries: 0,
      });
    } catch (caught) {
      const error = toLlmError(caught);
      const wait = error.retryAfterMs ?? backoffMs(retry);
      const fits = wait <= defaults.maxRetryDelayMs && Date.now() + wait < (deadline ?? Number.POSITIVE_INFINITY);
      if (!error.retryable || retry >= maxRetries || !fits || budget.signal?.aborted === true) throw error;
      await sleep(wait, undefined, budget.signal === undefined ? {} : { signal: budget.signal }).catch((aborted: unknown) => {
        throw toLlmError(aborted);
      });
    }
  }
}

function attemptSignal(callerSignal: AbortSignal | undefined, remainingMs: number): AbortSignal | undefined {
  // The SDK's own timeout covers the wait for headers; the deadline signal also cuts a slow body read.
  const deadlineSignal = Number.isFinite(remainingMs) ? AbortSignal.timeout(remainingMs) : undefined;
  const signals = [callerSignal, deadlineSignal].filter((signal): signal is AbortSignal => signal !== undefined);
  return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
}

function backoffMs(retry: number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** retry, BACKOFF_MAX_MS);
  return base * (1 - Math.random() * 0.25);
}
