import { LlmError, type LlmClient } from '@persona/llm';
import type { TGuardrailReport, TProvenance, TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment, TextVariant } from './generation-input.types.js';
import { blockingReason, checkGuardrails } from './guardrails/guardrails.runner.js';
import { writeOpenAiText } from './openai/openai-text.engine.js';
import { DEFAULT_TEXT_SEED as DEFAULT_SEED, DEFAULT_TEXT_TEMPERATURE as DEFAULT_TEMPERATURE } from './openai/text-request.js';
import { TEMPLATE_ENGINE, writeTemplateText } from './template/template-text.engine.js';
import { contentHash } from './text/content-hash.js';

export type TextEngineName = 'template' | 'openai';

export interface TextGenerationOptions {
  item: SourceItem;
  segment: TargetSegment;
  brandVoice?: BrandVoice;
  /** `template` (offline default) or `openai` (needs `llm`; falls back to template when the endpoint is unreachable). */
  engine: TextEngineName;
  llm?: LlmClient | null;
  /** How many alternative variants to make (default 1). */
  n?: number;
  /** Variants of the same item already made for other segments, for the distinctness check. */
  siblings?: readonly TTextContent[];
  /** Moderation through the endpoint when set; the local term list otherwise. */
  moderator?: LlmClient | null;
  temperature?: number;
  seed?: number;
  /**
   * An LLM error for which this returns true propagates instead of falling back to the template:
   * a queue retries it later (a 429, a timeout) rather than settle for the offline engine.
   */
  rethrow?: (error: LlmError) => boolean;
}

const EMPTY_REPORT: TGuardrailReport = { status: 'fail', checks: [] };

/** n text variants of one item for one segment, best first, each with its guardrail report and provenance. */
export async function generateTextVariants(options: TextGenerationOptions): Promise<TextVariant[]> {
  const n = Math.max(1, Math.min(options.n ?? 1, 8));
  const inputHash = contentHash({ item: options.item, style: options.segment.style, brandVoice: options.brandVoice ?? null });
  if (options.engine === 'openai') {
    if (options.llm === undefined || options.llm === null) {
      return generateWithTemplate(options, n, inputHash, 'no LLM endpoint is configured');
    }
    try {
      return await generateWithOpenAi(options, options.llm, n, inputHash);
    } catch (error) {
      if (!(error instanceof LlmError) || options.rethrow?.(error) === true) throw error;
      // An answer that cannot be used is a failed variant; an endpoint that cannot be reached is a fallback.
      if (error.kind === 'refused' || error.kind === 'bad_response') return [failedVariant(options, inputHash, error.message)];
      return generateWithTemplate(options, n, inputHash, `LLM endpoint unavailable (${error.kind}): ${error.message}`);
    }
  }
  return generateWithTemplate(options, n, inputHash, null);
}

/** The best of `generateTextVariants` with n = 1. */
export async function generateTextVariant(options: TextGenerationOptions): Promise<TextVariant> {
  const [variant] = await generateTextVariants({ ...options, n: 1 });
  if (variant === undefined) throw new Error('generateTextVariants returned no variant');
  return variant;
}

async function generateWithTemplate(
  options: TextGenerationOptions,
  n: number,
  inputHash: string,
  fallbackReason: string | null,
): Promise<TextVariant[]> {
  const variants: TextVariant[] = [];
  for (let alternative = 0; alternative < n; alternative++) {
    const started = performance.now();
    const written = writeTemplateText({ item: options.item, segment: options.segment, brandVoice: options.brandVoice, alternative, siblings: options.siblings });
    const { content, report } = await checkGuardrails({
      content: written,
      source: options.item,
      segment: options.segment,
      brandVoice: options.brandVoice,
      siblings: options.siblings,
      moderator: options.moderator,
    });
    const provenance: TProvenance = {
      engine: TEMPLATE_ENGINE,
      model: null,
      promptHash: null,
      inputHash,
      seed: alternative,
      temperature: null,
      tokens: { prompt: 0, completion: 0 },
      costUsd: 0,
      latencyMs: performance.now() - started,
      fallbackReason,
    };
    variants.push(toVariant(content, report, provenance));
  }
  return rankVariants(variants);
}

async function generateWithOpenAi(options: TextGenerationOptions, llm: LlmClient, n: number, inputHash: string): Promise<TextVariant[]> {
  const started = performance.now();
  const temperature = options.temperature ?? DEFAULT_TEMPERATURE;
  const seed = options.seed ?? DEFAULT_SEED;
  const answer = await writeOpenAiText({
    llm,
    item: options.item,
    segment: options.segment,
    brandVoice: options.brandVoice,
    n,
    temperature,
    seed,
    siblings: options.siblings ?? [],
    moderator: options.moderator ?? null,
  });
  const latencyMs = performance.now() - started;
  const provenance: TProvenance = {
    engine: 'openai',
    model: answer.model,
    promptHash: contentHash(answer.messages),
    inputHash,
    seed,
    temperature,
    tokens: answer.usage,
    costUsd: answer.costUsd,
    latencyMs,
    fallbackReason: null,
  };
  return rankVariants(
    answer.candidates.map((candidate) =>
      candidate.content === null
        ? { status: 'failed', content: null, failureReason: candidate.failureReason ?? 'no usable answer', guardrails: candidate.report ?? EMPTY_REPORT, provenance }
        : toVariant(candidate.content, candidate.report ?? EMPTY_REPORT, provenance),
    ),
  );
}

function failedVariant(options: TextGenerationOptions, inputHash: string, reason: string): TextVariant {
  return {
    status: 'failed',
    content: null,
    failureReason: reason,
    guardrails: EMPTY_REPORT,
    provenance: {
      engine: 'openai',
      model: options.llm?.chatModel ?? null,
      promptHash: null,
      inputHash,
      seed: options.seed ?? DEFAULT_SEED,
      temperature: options.temperature ?? DEFAULT_TEMPERATURE,
      tokens: { prompt: 0, completion: 0 },
      costUsd: 0,
      latencyMs: 0,
      fallbackReason: null,
    },
  };
}

function toVariant(content: TTextContent, report: TGuardrailReport, provenance: TProvenance): TextVariant {
  const blocked = blockingReason(report);
  return blocked === null
    ? { status: 'draft', content, failureReason: null, guardrails: report, provenance }
    : { status: 'failed', content, failureReason: `blocked by guardrails: ${blocked}`, guardrails: report, provenance };
}

const STATUS_RANK = { pass: 0, warn: 1, fail: 2 } as const;

/** Drafts before failures, then the cleanest guardrail report; ties keep the engine's order. */
function rankVariants(variants: TextVariant[]): TextVariant[] {
  return variants
    .map((variant, index) => ({ variant, index }))
    .sort(
      (a, b) =>
        Number(a.variant.status === 'failed') - Number(b.variant.status === 'failed') ||
        STATUS_RANK[a.variant.guardrails.status] - STATUS_RANK[b.variant.guardrails.status] ||
        a.index - b.index,
    )
    .map(({ variant }) => variant);
}
