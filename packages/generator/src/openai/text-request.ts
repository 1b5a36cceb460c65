import { sourceForSegment } from '../localized-source.js';
import { toJsonSchemaFormat, type ChatRequest } from '@persona/llm';
import { ZTextContentSchema } from '@persona/shared';
import { z } from 'zod';
import type { BrandVoice, SourceItem, TargetSegment } from '../generation-input.types.js';
import { buildMessages } from './text-brief.js';

/** The answer schema: the shared text content, closed so OpenAI's strict mode accepts it. */
export const ZGeneratedTextSchema = z.strictObject(ZTextContentSchema.shape);
export const TEXT_VARIANT_FORMAT = toJsonSchemaFormat('text_variant', ZGeneratedTextSchema);

export const DEFAULT_TEXT_TEMPERATURE = 0.7;
export const DEFAULT_TEXT_SEED = 42;

export interface TextRequestInput {
  item: SourceItem;
  segment: TargetSegment;
  brandVoice?: BrandVoice | undefined;
  temperature?: number | undefined;
  seed?: number | undefined;
}

/**
 * The chat request that writes one item's text for one segment: the same prompt, schema and
 * sampling whether it is sent at once (the openai engine) or as a line of a Batch API run.
 */
export function buildTextRequest(input: TextRequestInput): ChatRequest & Required<Pick<ChatRequest, 'temperature' | 'seed'>> {
  return {
    // A Spanish segment of an item with a Spanish source: the model adapts the Spanish, not the English.
    messages: buildMessages(sourceForSegment(input.item, input.segment.style.locale).item, input.segment, input.brandVoice),
    jsonSchema: TEXT_VARIANT_FORMAT,
    temperature: input.temperature ?? DEFAULT_TEXT_TEMPERATURE,
    seed: input.seed ?? DEFAULT_TEXT_SEED,
  };
}
