import type OpenAI from 'openai';
import { estimateCost, type PricingTable } from './cost-estimator.js';
import { LlmError, type ChatChoice, type ChatMessage, type ChatRequest, type ChatResult } from './llm-client.js';
import { countChatTokens, countTokens } from './token-counter.js';

export type ChatParams = OpenAI.ChatCompletionCreateParamsNonStreaming;

/** The SDK request for a ChatRequest; `structured: false` leaves out `response_format`. */
export function toChatParams(
  request: ChatRequest,
  model: string,
  maxTokensParam: 'max_completion_tokens' | 'max_tokens',
  structured: boolean,
): ChatParams {
  const params: ChatParams = { model, messages: request.messages };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.seed !== undefined) params.seed = request.seed;
  if (request.n !== undefined) params.n = request.n;
  if (request.maxTokens !== undefined) params[maxTokensParam] = request.maxTokens;
  if (structured && request.jsonSchema !== undefined) {
    params.response_format = { type: 'json_schema', json_schema: { ...request.jsonSchema } };
  }
  return params;
}

export interface ResultContext {
  messages: readonly ChatMessage[];
  latencyMs: number;
  structuredOutput: boolean;
  pricing: PricingTable | undefined;
  batch: boolean;
}

/**
 * A ChatResult from a completion body. Throws `bad_response` for a body without choices and
 * `refused` when every choice is a refusal; usage missing (some local servers) is counted here.
 */
export function toChatResult(completion: unknown, context: ResultContext): ChatResult {
  const body = completion as Partial<OpenAI.ChatCompletion> | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.choices) || body.choices.length === 0) {
    throw new LlmError('bad_response', 'The LLM answered without any choices');
  }
  const choices: ChatChoice[] = body.choices.map((choice) => ({
    content: choice.message?.content ?? null,
    refusal: choice.message?.refusal ?? null,
    finishReason: choice.finish_reason ?? 'stop',
  }));
  const refused = (choice: ChatChoice) =>
    choice.content === null && (choice.refusal !== null || choice.finishReason === 'content_filter');
  if (choices.every(refused)) {
    throw new LlmError('refused', `The LLM refused: ${choices[0]?.refusal ?? choices[0]?.finishReason}`);
  }
  const usage = body.usage
    ? { promptTokens: body.usage.prompt_tokens, completionTokens: body.usage.completion_tokens }
    : {
        promptTokens: countChatTokens(context.messages),
        completionTokens: choices.reduce((sum, choice) => sum + countTokens(choice.content ?? ''), 0),
      };
  const model = typeof body.model === 'string' ? body.model : '';
  return {
    choices,
    model,
    usage,
    cost: estimateCost(model, usage, { pricing: context.pricing, batch: context.batch }),
    latencyMs: context.latencyMs,
    structuredOutput: context.structuredOutput,
  };
}
