import { LlmError, parseStructuredOutput, type ChatResult, type LlmClient } from '@persona/llm';
import type { TGuardrailReport, TProvenance, TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment, TextVariant } from '../generation-input.types.js';
import { blockingReason, checkGuardrails } from '../guardrails/guardrails.runner.js';
import { contentHash } from '../text/content-hash.js';
import { buildTextRequest, ZGeneratedTextSchema } from './text-request.js';

/** The engine name batch answers carry in their provenance. */
export const OPENAI_BATCH_ENGINE = 'openai-batch';

const EMPTY_REPORT: TGuardrailReport = { status: 'fail', checks: [] };

export interface BatchTextAnswerInput {
  item: SourceItem;
  segment: TargetSegment;
  brandVoice?: BrandVoice | undefined;
  /** The Batch API's answer to the line `buildTextRequest` made for this item and segment. */
  result: ChatResult;
  /** Variants of the same item already made for other segments, for the distinctness check. */
  siblings?: readonly TTextContent[];
  /** Moderation through the endpoint when set; the local term list otherwise. */
  moderator?: LlmClient | null;
  /** What the line was sent with (defaults as in `buildTextRequest`). */
  temperature?: number;
  seed?: number;
}

/**
 * One Batch API answer as the text variant `generateTextVariant` would have made of it: parsed
 * with the strict schema and checked by the guardrails. A batch is one-shot, so there is no
 * repair round: a refusal or an unreadable answer is a failed variant that says why.
 */
export async function textVariantFromBatchAnswer(input: BatchTextAnswerInput): Promise<TextVariant> {
  const request = buildTextRequest(input);
  const provenance: TProvenance = {
    engine: OPENAI_BATCH_ENGINE,
    model: input.result.model,
    promptHash: contentHash(request.messages),
    // The same input hash as the synchronous engines, so a variant's inputs compare across engines.
    inputHash: contentHash({ item: input.item, style: input.segment.style, brandVoice: input.brandVoice ?? null }),
    seed: request.seed,
    temperature: request.temperature,
    tokens: { prompt: input.result.usage.promptTokens, completion: input.result.usage.completionTokens },
    costUsd: input.result.cost.usd,
    latencyMs: input.result.latencyMs,
    fallbackReason: null,
  };
  let parsed: TTextContent;
  try {
    parsed = parseStructuredOutput(input.result, ZGeneratedTextSchema);
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { status: 'failed', content: null, failureReason: error.message, guardrails: EMPTY_REPORT, provenance };
  }
  const { content, report } = await checkGuardrails({
    content: parsed,
    source: input.item,
    segment: input.segment,
    brandVoice: input.brandVoice,
    siblings: input.siblings ?? [],
    moderator: input.moderator ?? null,
  });
  const blocked = blockingReason(report);
  return blocked === null
    ? { status: 'draft', content, failureReason: null, guardrails: report, provenance }
    : { status: 'failed', content, failureReason: `blocked by guardrails: ${blocked}`, guardrails: report, provenance };
}
