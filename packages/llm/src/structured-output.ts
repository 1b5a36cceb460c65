import { z } from 'zod';
import { LlmError, type ChatResult, type JsonSchemaFormat } from './llm-client.js';

/**
 * The `jsonSchema` of a ChatRequest from a zod schema. `strict` is on only when OpenAI's strict
 * mode can accept the schema (every object lists all its properties as required and allows no others).
 */
export function toJsonSchemaFormat(name: string, schema: z.ZodType): JsonSchemaFormat {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { name, schema: jsonSchema, strict: isStrictCompatible(jsonSchema) };
}

/**
 * The value of one choice, parsed and validated with `schema`. Tolerates what endpoints without
 * structured outputs do (code fences, prose around the JSON); anything unusable becomes an
 * LlmError (`refused`, or `bad_response` naming why) so callers fall back on the kind.
 */
export function parseStructuredOutput<T>(result: ChatResult, schema: z.ZodType<T>, choiceIndex = 0): T {
  const choice = result.choices[choiceIndex];
  if (choice === undefined) throw new LlmError('bad_response', `The answer has no choice ${choiceIndex}`);
  if (choice.content === null) {
    if (choice.refusal !== null) throw new LlmError('refused', `The LLM refused: ${choice.refusal}`);
    throw new LlmError('bad_response', 'The answer has no content');
  }
  const json = parseJsonText(choice.content);
  if (json === undefined) {
    const why = choice.finishReason === 'length' ? 'was cut off (finish_reason length)' : 'is not JSON';
    throw new LlmError('bad_response', `The answer ${why}: ${choice.content.slice(0, 120)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new LlmError('bad_response', `The answer does not match the schema: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

function parseJsonText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const start = text.search(/[[{]/);
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  const candidates = [text.trim(), fenced?.trim(), start >= 0 && end > start ? text.slice(start, end + 1) : undefined];
  for (const candidate of candidates) {
    if (candidate === undefined || candidate === '') continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next way of reading the answer
    }
  }
  return undefined;
}

function isStrictCompatible(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isStrictCompatible);
  if (typeof node !== 'object' || node === null) return true;
  const schema = node as Record<string, unknown>;
  if (typeof schema.properties === 'object' && schema.properties !== null) {
    const keys = Object.keys(schema.properties);
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (schema.additionalProperties !== false || !keys.every((key) => required.includes(key))) return false;
  }
  return Object.values(schema).every(isStrictCompatible);
}
