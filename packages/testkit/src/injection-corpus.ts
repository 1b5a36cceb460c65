import corpus from './fixtures/injection-corpus.json' with { type: 'json' };

/** An OWASP LLM Top 10 family the corpus covers. */
export type InjectionFamily = 'LLM01' | 'LLM05' | 'LLM09';

export interface InjectionCase {
  id: string;
  /** LLM01 prompt injection, LLM05 improper output handling, LLM09 misinformation. */
  family: InjectionFamily;
  technique: string;
  /** A catalog item carrying the attack (title, body, category and tags, as an import row has them). */
  item: { title: string; body: string; category: string; tags: string[] };
  /**
   * Strings no variant may carry once it passes the guardrails, and no automatically approved
   * variant may ever carry; compared case-insensitively after hidden characters are revealed.
   */
  injected: string[];
}

/**
 * The prompt-injection corpus: catalog items that attack the generator, shared by the generator's
 * tests (both text engines) and the API's (a batch job with auto-approval).
 */
export const INJECTION_CORPUS: readonly InjectionCase[] = corpus.cases as InjectionCase[];
