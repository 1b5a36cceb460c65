import { describe, expect, it } from 'vitest';
import { countChatTokens, countTokens, createLlmClient, estimateCost, OpenAiLlmClient, pickImageSize } from '../src/index.js';

describe('countTokens', () => {
  it('counts o200k tokens, treating special-token text as plain text', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('adds the per-message framing for chats', () => {
    const messages = [
      { role: 'system' as const, content: 'You rank items.' },
      { role: 'user' as const, content: 'hello world' },
    ];
    const content = countTokens('You rank items.') + countTokens('hello world');
    expect(countChatTokens(messages)).toBeGreaterThan(content + 4);
    expect(countChatTokens(messages)).toBeLessThan(content + 15);
  });
});

describe('estimateCost', () => {
  it('prices by the table, dated snapshots by their base model, batch at half price', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 500_000 };
    expect(estimateCost('gpt-4o-mini', usage)).toEqual({ usd: 0.45, priced: true });
    expect(estimateCost('gpt-4o-mini-2024-07-18', usage)).toEqual({ usd: 0.45, priced: true });
    expect(estimateCost('gpt-4o-2024-08-06', usage).usd).toBeCloseTo(7.5);
    expect(estimateCost('gpt-4o-mini', usage, { batch: true }).usd).toBeCloseTo(0.225);
  });

  it('prices unknown models at 0 with a flag, and takes a custom table', () => {
    const usage = { promptTokens: 1000, completionTokens: 1000 };
    expect(estimateCost('llama3.2', usage)).toEqual({ usd: 0, priced: false });
    const pricing = { 'llama3.2': { inputPerMillion: 1000, outputPerMillion: 0 } };
    expect(estimateCost('llama3.2', usage, { pricing })).toEqual({ usd: 1, priced: true });
  });
});

describe('pickImageSize', () => {
  it.each([
    ['gpt-image-1', 800, 800, '1024x1024'],
    ['gpt-image-1', 1200, 800, '1536x1024'],
    ['gpt-image-1', 1080, 1920, '1024x1536'],
    ['gpt-image-1', 1100, 1000, '1024x1024'],
    ['dall-e-3', 1920, 1080, '1792x1024'],
    ['dall-e-3', 400, 700, '1024x1792'],
    ['dall-e-2', 300, 200, '512x512'],
    ['dall-e-2', 2000, 2000, '1024x1024'],
    ['flux-schnell', 640, 360, '640x360'],
  ])('%s at %ix%i → %s', (model, width, height, size) => {
    expect(pickImageSize(model, width, height)).toBe(size);
  });

  it('rejects sizes that are not positive', () => {
    expect(() => pickImageSize('gpt-image-1', 0, 100)).toThrow(expect.objectContaining({ kind: 'bad_request' }));
    expect(() => pickImageSize('flux', Number.NaN, 100)).toThrow(expect.objectContaining({ kind: 'bad_request' }));
  });
});

describe('createLlmClient', () => {
  it('returns null without a base URL, and the OpenAI client otherwise', () => {
    const config = { baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', chatModel: 'm', timeoutMs: 1000, maxRetries: 0 };
    expect(createLlmClient(null)).toBeNull();
    expect(createLlmClient({ ...config, baseUrl: ' ' })).toBeNull();
    const client = createLlmClient(config);
    expect(client).toBeInstanceOf(OpenAiLlmClient);
    expect(client?.chatModel).toBe('m');
  });
});
