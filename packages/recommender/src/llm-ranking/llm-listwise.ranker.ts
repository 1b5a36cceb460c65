import { createHash } from 'node:crypto';
import { countChatTokens, LlmError, type ChatMessage, type LlmClient } from '@persona/llm';
import { seededRandom, shuffled } from '../eval/seeded-random.js';
import type { FallbackReason } from '../recommender.types.js';
import { shortCandidateIds } from './candidate-ids.js';
import { buildListwisePrompt, type PromptCandidate } from './listwise-prompt.builder.js';
import type { ListwiseRanker, ListwiseRankingInput, ListwiseRankingOutcome } from './listwise-ranking.types.js';
import { parseRankingAnswer, type ParsedRanking } from './ranking-answer.parser.js';
import { groundRanking } from './ranking-grounding.js';
import { stderrRankerLogger, type RankerLoggerPort } from './ranker-logger.port.js';
import { LruRankingResponseCache, type RankingResponseCachePort } from './ranking-response.cache.js';

export interface LlmListwiseRankerOptions {
  /** Classical top candidates the LLM reorders. */
  candidateCount: number;
  /** Shuffled passes aggregated by summed ranks, against position bias. */
  passes: number;
  /** BIGRec-style prior: final = llmScore × (classical score / best)^exponent; 0 = LLM order only. */
  priorExponent: number;
  maxPromptTokens: number;
  maxCompletionTokens: number;
  /** Caps the whole call, retries included: a feed cannot wait long. */
  timeoutMs: number;
  /** Retries after 429/5xx/timeouts inside `timeoutMs`; 0 falls back to classical at once. */
  maxRetries: number;
  temperature: number;
  /** Chat model; defaults to the client's. */
  model?: string;
  cache: RankingResponseCachePort;
  /** Counts a prompt's tokens; defaults to @persona/llm's gpt-tokenizer count (o200k). */
  countTokens: (messages: ChatMessage[]) => number;
  /** Told about errors that are not LLM errors (bugs); defaults to standard error. */
  logger: RankerLoggerPort;
}

export const DEFAULT_LLM_RANKER_OPTIONS = {
  candidateCount: 20,
  passes: 1,
  priorExponent: 0,
  maxPromptTokens: 1_500,
  maxCompletionTokens: 1_200,
  timeoutMs: 10_000,
  maxRetries: 0,
  temperature: 0,
  cacheTtlMs: 10 * 60_000,
  cacheEntries: 10_000,
} as const;

type PassOutcome =
  | { ok: true; order: number[]; reasons: Map<number, string>; parsed: ParsedRanking; duplicates: number; appended: number; cached: boolean; structured: boolean }
  | { ok: false; reason: FallbackReason };

const FALLBACK_BY_KIND: Record<LlmError['kind'], FallbackReason> = {
  timeout: 'llm_timeout',
  rate_limited: 'llm_rate_limited',
  server_error: 'llm_server_error',
  connection: 'llm_unavailable',
  auth: 'llm_unavailable',
  bad_request: 'llm_unavailable',
  bad_response: 'llm_bad_response',
  refused: 'llm_refused',
};

/**
 * The LLM ranking stage: list-wise prompt over the classical top candidates, structured output,
 * robust parsing, grounding to a full ranking, bootstrapped passes, optional prior blend and a
 * response cache. Every failure maps to a fallback reason; it never throws for LLM trouble.
 */
export class LlmListwiseRanker implements ListwiseRanker {
  readonly candidateCount: number;
  private readonly options: LlmListwiseRankerOptions;

  constructor(
    private readonly llm: LlmClient,
    options: Partial<LlmListwiseRankerOptions> = {},
  ) {
    const defaults = DEFAULT_LLM_RANKER_OPTIONS;
    this.options = {
      ...defaults,
      cache: new LruRankingResponseCache({ maxEntries: defaults.cacheEntries, ttlMs: defaults.cacheTtlMs }),
      countTokens: countChatTokens,
      logger: stderrRankerLogger,
      ...options,
    };
    this.candidateCount = this.options.candidateCount;
  }

  async rank(input: ListwiseRankingInput): Promise<ListwiseRankingOutcome> {
    const n = input.candidates.length;
    const shortIds = shortCandidateIds(input.candidates.map((c) => c.itemId));
    const tokens = { prompt: 0, completion: 0 };
    const passes = await Promise.all(
      Array.from({ length: Math.max(1, this.options.passes) }, (_, pass) => {
        const presented = pass === 0 && this.options.passes <= 1 ? [...input.candidates.keys()] : shuffled([...input.candidates.keys()], seededRandom(`${input.seedKey}#${pass}`));
        return this.runPass(input, presented, shortIds, tokens);
      }),
    );
    const good = passes.filter((p) => p.ok);
    if (good.length === 0) {
      const failed = passes.find((p) => !p.ok);
      return { ok: false, fallbackReason: failed && !failed.ok ? failed.reason : 'llm_unparseable', tokens };
    }
    // Summed ranks over passes; ties keep classical order.
    const rankSum = new Float64Array(n);
    for (const pass of good) pass.order.forEach((position, rank) => (rankSum[position] = (rankSum[position] as number) + rank));
    const bestPrior = Math.max(...input.priorScores, Number.MIN_VALUE);
    const scores = Array.from({ length: n }, (_, p) => {
      const llmScore = 1 - (rankSum[p] as number) / good.length / n;
      const prior = Math.max((input.priorScores[p] ?? 0) / bestPrior, 1e-6);
      return llmScore * Math.pow(prior, this.options.priorExponent);
    });
    const order = [...scores.keys()].sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    const reasons = order.map(() => undefined as string | undefined);
    for (const pass of good) for (const [p, reason] of pass.reasons) reasons[p] ??= reason;
    return {
      ok: true,
      order,
      scores,
      reasons: Array.from({ length: n }, (_, p) => reasons[p]),
      tokens,
      grounding: {
        unknownIds: good.reduce((s, p) => s + p.parsed.unknown, 0),
        duplicateIds: good.reduce((s, p) => s + p.duplicates, 0),
        appended: good.reduce((s, p) => s + p.appended, 0),
        passes: good.length,
        cached: good.every((p) => p.cached),
        structuredOutput: good.every((p) => p.structured),
      },
    };
  }

  /** One prompt with the candidates in `presented` order; returns candidate positions, best first. */
  private async runPass(
    input: ListwiseRankingInput,
    presented: readonly number[],
    shortIds: readonly string[],
    tokens: { prompt: number; completion: number },
  ): Promise<PassOutcome> {
    const promptCandidates: PromptCandidate[] = presented.map((p) => {
      const c = input.candidates[p] as ListwiseRankingInput['candidates'][number];
      return { shortId: shortIds[p] as string, title: c.title, category: c.category };
    });
    const prompt = buildListwisePrompt(input.history, promptCandidates, this.options.maxPromptTokens, this.options.countTokens);
    const model = this.options.model ?? this.llm.chatModel;
    const key = createHash('sha256').update(JSON.stringify([model, prompt.messages, prompt.schema])).digest('hex');

    let answer = this.options.cache.get(key);
    const cached = answer !== undefined;
    if (!answer) {
      try {
        const result = await this.llm.chat({
          messages: prompt.messages,
          model,
          jsonSchema: prompt.schema,
          temperature: this.options.temperature,
          maxTokens: this.options.maxCompletionTokens,
          timeoutMs: this.options.timeoutMs,
          maxRetries: this.options.maxRetries,
        });
        tokens.prompt += result.usage.promptTokens;
        tokens.completion += result.usage.completionTokens;
        const choice = result.choices[0];
        if (!choice) return { ok: false, reason: 'llm_bad_response' };
        if (choice.content === null) return { ok: false, reason: choice.refusal ? 'llm_refused' : 'llm_bad_response' };
        answer = { content: choice.content, structuredOutput: result.structuredOutput };
      } catch (error) {
        if (error instanceof LlmError) return { ok: false, reason: FALLBACK_BY_KIND[error.kind] };
        // Not the endpoint's trouble: a bug. The feed still gets the classical ranking, and the bug is told.
        this.options.logger.error('LLM ranker failed with an error that is not an LLM error; serving the classical ranking', error);
        return { ok: false, reason: 'llm_unavailable' };
      }
    }
    const parsed = parseRankingAnswer(answer.content, promptCandidates);
    if (parsed.positions.length === 0) return { ok: false, reason: 'llm_unparseable' };
    if (!cached) this.options.cache.set(key, answer);
    // Parsed positions index the presented list; map them back to classical positions.
    const grounded = groundRanking(parsed.positions.map((p) => presented[p] as number), input.candidates.length);
    const reasons = new Map<number, string>();
    for (const [p, reason] of parsed.reasons) reasons.set(presented[p] as number, reason);
    return { ok: true, order: grounded.order, reasons, parsed, duplicates: grounded.duplicates, appended: grounded.appended, cached, structured: answer.structuredOutput };
  }
}
