/**
 * Where the LLM ranker reports errors that are not LLM trouble: a bug in the ranker, its cache, its
 * tokenizer or the client. A feed still gets the classical ranking (`llm_unavailable`), but the
 * bug is not hidden behind a fallback reason that reads like an outage.
 */
export interface RankerLoggerPort {
  error(message: string, error: unknown): void;
}

/** For callers that give no logger (scripts, tests): standard error. */
export const stderrRankerLogger: RankerLoggerPort = {
  error: (message, error) => process.stderr.write(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
};
