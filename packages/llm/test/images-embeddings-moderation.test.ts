import { renderPromptImage, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmClient, type LlmConfig } from '../src/index.js';

let server: OpenAiTestServer;
let config: LlmConfig;

beforeAll(async () => {
  server = await startOpenAiTestServer();
  config = {
    baseUrl: server.baseUrl,
    apiKey: 'test',
    chatModel: 'gpt-4o-mini',
    embeddingModel: 'text-embedding-3-small',
    imageModel: 'gpt-image-1',
    moderationModel: 'omni-moderation-latest',
    timeoutMs: 5_000,
    maxRetries: 0,
  };
});
afterEach(() => server.reset());
afterAll(() => server.close());

const client = (overrides: Partial<LlmConfig> = {}) => new OpenAiLlmClient({ ...config, ...overrides });
const lastBody = () => server.requests.at(-1)?.body as Record<string, unknown>;

describe('images', () => {
  it('asks gpt-image models for the nearest supported size, never for a response_format, and decodes b64', async () => {
    const result = await client().generateImage({ prompt: 'lemon tart, overhead', width: 1200, height: 800 });
    expect(lastBody()).toMatchObject({ model: 'gpt-image-1', size: '1536x1024', n: 1 });
    expect(lastBody()).not.toHaveProperty('response_format');
    expect(result).toMatchObject({ model: 'gpt-image-1', size: '1536x1024', revisedPrompt: null });
    expect(await sharp(result.image).metadata()).toMatchObject({ format: 'png', width: 1536, height: 1024 });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('asks dall-e for b64_json at its own sizes', async () => {
    const result = await client({ imageModel: 'dall-e-3' }).generateImage({ prompt: 'tall poster', width: 600, height: 1000 });
    expect(lastBody()).toMatchObject({ model: 'dall-e-3', size: '1024x1792', response_format: 'b64_json' });
    expect(result.revisedPrompt).toContain('tall poster');
  });

  it('edits an image through a multipart upload', async () => {
    const source = await renderPromptImage('source', 32, 32);
    const result = await client().editImage({ prompt: 'warmer light', width: 1024, height: 1024, image: source });
    const body = lastBody() as { image: { data: Buffer; contentType: string }; size: string; prompt: string };
    expect(server.requests.at(-1)?.path).toBe('/v1/images/edits');
    expect(body.image.data.equals(source)).toBe(true);
    expect(body.image.contentType).toBe('image/png');
    expect(body).toMatchObject({ size: '1024x1024', prompt: 'warmer light' });
    expect(await sharp(result.image).metadata()).toMatchObject({ width: 1024, height: 1024 });
  });

  it('fails with bad_request when no image model is configured', async () => {
    await expect(
      client({ imageModel: undefined }).generateImage({ prompt: 'x', width: 64, height: 64 }),
    ).rejects.toMatchObject({ kind: 'bad_request' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('embeddings', () => {
  it('returns one unit vector per text, in order', async () => {
    const result = await client().embed(['lemon tart', 'lemon tart recipe', 'car insurance']);
    expect(lastBody()).toMatchObject({ model: 'text-embedding-3-small', input: ['lemon tart', 'lemon tart recipe', 'car insurance'] });
    expect(result.vectors).toHaveLength(3);
    expect(result.vectors[0]).toHaveLength(1536);
    const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
    const [tart, recipe, insurance] = result.vectors as [number[], number[], number[]];
    expect(dot(tart, tart)).toBeCloseTo(1, 4);
    expect(dot(tart, recipe)).toBeGreaterThan(dot(tart, insurance));
    expect(result.usage.promptTokens).toBeGreaterThan(0);
  });

  it('embeds long lists in chunks, keeping the order', async () => {
    const texts = Array.from({ length: 300 }, (_, index) => `item number ${index}`);
    const result = await client().embed(texts);
    expect(server.requests).toHaveLength(2);
    expect(result.vectors).toHaveLength(300);
    const single = await client().embed(['item number 299']);
    expect(result.vectors[299]).toEqual(single.vectors[0]);
  });

  it('answers an empty list without a request', async () => {
    expect((await client().embed([])).vectors).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('moderation', () => {
  it('returns flagged and the flagged categories per text', async () => {
    const results = await client().moderate(['A gentle soup for a cold day', 'how to kill a rival']);
    expect(lastBody()).toMatchObject({ model: 'omni-moderation-latest' });
    expect(results).toEqual([
      { flagged: false, categories: [] },
      { flagged: true, categories: ['violence'] },
    ]);
  });

  it('sends an image as a data URL to a multimodal model, and maps a refusal to a typed error', async () => {
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).webp().toBuffer();
    expect(await client().moderateImage(image)).toEqual({ flagged: false, categories: [] });
    const body = lastBody() as { model: string; input: { type: string; image_url: { url: string } }[] };
    expect(body.model).toBe('omni-moderation-latest');
    expect(body.input).toHaveLength(1);
    expect(body.input[0]!.image_url.url).toBe(`data:image/webp;base64,${image.toString('base64')}`);
    // A text-only moderation model refuses images: the caller gets an LlmError it can report.
    await expect(client({ moderationModel: 'text-moderation-latest' }).moderateImage(image)).rejects.toMatchObject({ name: 'LlmError' });
  });
});
