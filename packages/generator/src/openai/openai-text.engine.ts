import { LlmError, parseStructuredOutput, type ChatMessage, type ChatResult, type LlmClient } from '@persona/llm';
import type { TGuardrailReport, TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment } from '../generation-input.types.js';
import { checkGuardrails, failedChecks, type GuardrailOutcome } from '../guardrails/guardrails.runner.js';
import { buildRepairMessages } from './text-brief.js';
import { buildTextRequest, ZGeneratedTextSchema } from './text-request.js';

export interface OpenAiTextRequest {
  llm: LlmClient;
  item: SourceItem;
  segment: TargetSegment;
  brandVoice?: BrandVoice;
  n: number;
  temperature: number;
  seed: number;
  siblings: readonly TTextContent[];
  moderator: LlmClient | null;
}

/** One candidate: checked content (its report may still fail), or null content and why. */
export interface OpenAiCandidate {
  content: TTextContent | null;
  report: TGuardrailReport | null;
  failureReason: string | null;
  repaired: boolean;
}

export interface OpenAiTextAnswer {
  candidates: OpenAiCandidate[];
  messages: ChatMessage[];
  model: string;
  usage: { prompt: number; completion: number };
  costUsd: number;
}

/**
 * Chat completions with a strict JSON schema. Each of the n choices is parsed and checked; a
 * choice that is not valid JSON or fails a guardrail gets one repair round that lists what was
 * wrong. A refusal is final. Transport errors (after the client's own retries) propagate as
 * LlmError so the caller can fall back.
 */
export async function writeOpenAiText(request: OpenAiTextRequest): Promise<OpenAiTextAnswer> {
  const base = buildTextRequest(request);
  const messages = base.messages;
  const usage = { prompt: 0, completion: 0 };
  let costUsd = 0;
  const account = (result: ChatResult) => {
    usage.prompt += result.usage.promptTokens;
    usage.completion += result.usage.completionTokens;
    costUsd += result.cost.usd;
  };
  const ask = async (chatMessages: ChatMessage[], n: number) => {
    const result = await request.llm.chat({ ...base, messages: chatMessages, n });
    account(result);
    return result;
  };
  const first = await ask(messages, request.n);
  const candidates: OpenAiCandidate[] = [];
  for (let index = 0; index < Math.max(1, first.choices.length); index++) {
    const attempt = await readChoice(first, index, request);
    if (attempt.ok || attempt.refused) {
      candidates.push(toCandidate(attempt, false));
      continue;
    }
    const repaired = await readChoice(await ask(buildRepairMessages(messages, attempt.answer, attempt.problems), 1), 0, request);
    candidates.push(toCandidate(repaired, true));
  }
  return { candidates, messages, model: first.model, usage, costUsd };
}

type ChoiceReading =
  | { ok: true; outcome: GuardrailOutcome }
  | { ok: false; refused: boolean; reason: string; answer: string; problems: string[]; outcome: GuardrailOutcome | null };

async function readChoice(result: ChatResult, index: number, request: OpenAiTextRequest): Promise<ChoiceReading> {
  const answer = result.choices[index]?.content ?? '';
  let parsed: TTextContent;
  try {
    parsed = parseStructuredOutput(result, ZGeneratedTextSchema, index);
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    const refused = error.kind === 'refused';
    return { ok: false, refused, reason: error.message, answer, problems: [error.message], outcome: null };
  }
  const outcome = await checkGuardrails({
    content: parsed,
    source: request.item,
    segment: request.segment,
    brandVoice: request.brandVoice,
    siblings: request.siblings,
    moderator: request.moderator,
  });
  const failed = failedChecks(outcome.report);
  if (failed.length === 0) return { ok: true, outcome };
  return {
    ok: false,
    refused: false,
    reason: `guardrails failed: ${failed.map((check) => `${check.name} (${check.detail})`).join('; ')}`,
    answer,
    problems: failed.map((check) => `${check.name}: ${check.detail}`),
    outcome,
  };
}

/** Content that still fails a guardrail after the repair goes to review with its report; unreadable answers do not. */
function toCandidate(reading: ChoiceReading, repaired: boolean): OpenAiCandidate {
  if (reading.outcome !== null) {
    return { content: reading.outcome.content, report: reading.outcome.report, failureReason: null, repaired };
  }
  return { content: null, report: null, failureReason: reading.ok ? null : reading.reason, repaired };
}
