import { createHash } from 'node:crypto';
import type { RecordedRequest } from './recorded-request.js';
import { errorAnswer, jsonAnswer, type ServerAnswer } from './server-answer.js';
import { estimateTokens } from './token-estimate.js';

const MODEL_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/**
 * Embeddings as a hashed bag of words (plus character trigrams), unit-normalised: deterministic,
 * and texts that share words get similar vectors, which is what recall and dedup tests need.
 */
export function answerEmbeddings(request: RecordedRequest, defaultDimensions: number): ServerAnswer {
  const body = request.body as { model?: unknown; input?: unknown; dimensions?: unknown; encoding_format?: unknown };
  if (typeof body.model !== 'string') return errorAnswer(400, "Missing required parameter: 'model'.", 'model');
  const inputs = normaliseInput(body.input);
  if (inputs === undefined) return errorAnswer(400, "'input' must be a string or an array of strings.", 'input');
  const dimensions =
    typeof body.dimensions === 'number' ? body.dimensions : (MODEL_DIMENSIONS[body.model] ?? defaultDimensions);
  if (!Number.isInteger(dimensions) || dimensions < 1) return errorAnswer(400, "'dimensions' must be >= 1.", 'dimensions');
  const base64 = body.encoding_format === 'base64';
  const promptTokens = inputs.reduce((sum, text) => sum + estimateTokens(text), 0);
  return jsonAnswer({
    object: 'list',
    model: body.model,
    data: inputs.map((text, index) => {
      const vector = embedText(text, dimensions);
      return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : Array.from(vector) };
    }),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

export function embedText(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    addFeature(vector, `w:${word}`, 1);
    for (let start = 0; start + 3 <= word.length; start++) addFeature(vector, `t:${word.slice(start, start + 3)}`, 0.3);
  }
  if (words.length === 0) addFeature(vector, `empty:${text}`, 1);
  const norm = Math.hypot(...vector);
  for (let index = 0; index < dimensions; index++) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}

function addFeature(vector: Float32Array, feature: string, weight: number): void {
  const digest = createHash('md5').update(feature).digest();
  const index = digest.readUInt32LE(0) % vector.length;
  const sign = (digest[4] ?? 0) & 1 ? 1 : -1;
  vector[index] = (vector[index] ?? 0) + sign * weight;
}

function normaliseInput(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  // Token-id inputs (numbers) are embedded through their JSON text: still deterministic.
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  if (input.every((item) => typeof item === 'string' || Array.isArray(item))) {
    return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return undefined;
}

function toBase64(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}
