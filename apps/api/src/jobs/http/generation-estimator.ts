import { buildMessages } from '@persona/generator';
import { countChatTokens, estimateCost } from '@persona/llm';
import type { TGenerationEstimate, TGenerationJobRequest, TItem, TSegment } from '@persona/shared';

/**
 * What a text variant's answer costs in completion tokens: the JSON of a title, summary, body,
 * CTA and rationale for the longest segment styles comes to about this much.
 */
export const EXPECTED_COMPLETION_TOKENS = 700;

/**
 * The cost of a job before it runs: one child per (item, segment, kind). Prompt tokens are
 * counted on the real prompts; completions are an expectation. Images from the image model are
 * not in the pricing table, so a job that makes them says its cost is not fully priced.
 */
export function estimateGeneration(
  request: TGenerationJobRequest,
  items: readonly TItem[],
  segments: readonly TSegment[],
  chatModel: string,
): TGenerationEstimate {
  const variants = items.length * segments.length * request.kinds.length;
  const estimate: TGenerationEstimate = { variants, llmRequests: 0, tokens: { prompt: 0, completion: 0 }, costUsd: 0, priced: true };
  // Images need their text variant's headline, so an image-only job writes texts too.
  if (request.engine !== 'template') {
    for (const item of items) {
      for (const segment of segments) estimate.tokens.prompt += countChatTokens(buildMessages(item, segment, undefined));
    }
    const texts = items.length * segments.length;
    estimate.tokens.completion = texts * EXPECTED_COMPLETION_TOKENS;
    // A chat per text; the synchronous engine also asks the moderation endpoint about each answer.
    estimate.llmRequests += request.engine === 'openai' ? texts * 2 : texts;
    const cost = estimateCost(
      chatModel,
      { promptTokens: estimate.tokens.prompt, completionTokens: estimate.tokens.completion },
      { batch: request.engine === 'openai-batch' },
    );
    estimate.costUsd = cost.usd;
    estimate.priced = cost.priced;
  }
  if (request.kinds.includes('image') && imageEngineOf(request) === 'openai') {
    estimate.llmRequests += items.length * segments.length;
    estimate.priced = false;
  }
  return estimate;
}

export function imageEngineOf(request: TGenerationJobRequest): 'sharp' | 'openai' {
  return request.imageEngine ?? (request.engine === 'openai' ? 'openai' : 'sharp');
}
