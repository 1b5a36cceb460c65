import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './sdk-fixture.js';
import { startOpenAiTestServer } from '../src/index.js';

const sdk = useTestServer({ embeddingDimensions: 64 });

const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

describe('embeddings', () => {
  it('returns deterministic unit vectors, similar for similar texts', async () => {
    const texts = ['lemon tart with fresh berries', 'fresh lemon tart', 'stock market crash today', 'lemon tart with fresh berries'];
    const result = await sdk.openai.embeddings.create({ model: 'text-embedding-3-small', input: texts, dimensions: 128 });
    const vectors = result.data.map((entry) => entry.embedding);
    expect(vectors).toHaveLength(4);
    for (const vector of vectors) {
      expect(vector).toHaveLength(128);
      expect(dot(vector, vector)).toBeCloseTo(1, 4);
    }
    const [tart, similar, unrelated, same] = vectors as [number[], number[], number[], number[]];
    expect(same).toEqual(tart);
    expect(dot(tart, similar)).toBeGreaterThan(0.5);
    expect(Math.abs(dot(tart, unrelated))).toBeLessThan(0.3);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('uses the model size, or the configured size for unknown models, in float and base64 encodings', async () => {
    const known = await sdk.openai.embeddings.create({ model: 'text-embedding-3-large', input: 'x' });
    expect(known.data[0]?.embedding).toHaveLength(3072);
    const local = await sdk.openai.embeddings.create({ model: 'nomic-embed-text', input: 'x', encoding_format: 'float' });
    expect(local.data[0]?.embedding).toHaveLength(64);
    // The SDK asks for base64 by default and decodes it; both paths must agree.
    const decoded = await sdk.openai.embeddings.create({ model: 'nomic-embed-text', input: 'x' });
    expect(decoded.data[0]?.embedding).toEqual(local.data[0]?.embedding.map((value) => Math.fround(value)));
  });
});

describe('moderations', () => {
  it('flags inputs that contain listed words, by category', async () => {
    const result = await sdk.openai.moderations.create({
      model: 'omni-moderation-latest',
      input: ['A gentle lemon tart', 'How to kill the competition and stab them', 'You idiot'],
    });
    expect(result.results.map((entry) => entry.flagged)).toEqual([false, true, true]);
    expect(result.results[1]?.categories.violence).toBe(true);
    expect(result.results[1]?.categories.hate).toBe(false);
    expect(result.results[2]?.categories.harassment).toBe(true);
  });

  it('takes a custom word list', async () => {
    const custom = await startOpenAiTestServer({ flaggedWords: { illicit: ['pineapple'] } });
    try {
      const client = new OpenAI({ baseURL: custom.baseUrl, apiKey: 'test' });
      const result = await client.moderations.create({ input: 'pineapple pizza' });
      expect(result.results[0]).toMatchObject({ flagged: true, categories: { illicit: true } });
    } finally {
      await custom.close();
    }
  });
});
