import { OpenAiLlmClient } from '@persona/llm';
import { demoSegments, generateDemoDataset, renderDemoImage } from '@persona/demo-data';
import { startOpenAiTestServer } from '@persona/testkit';
import { CHANNEL_FORMATS } from '@persona/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { GeneratorError, renderImageVariants } from '../src/index.js';

const [item] = generateDemoDataset({ users: 5, interactions: 5 }).items;
if (item === undefined) throw new Error('no demo item');
const segments = demoSegments();
const young = segments.find((segment) => segment.name === 'Young adults 18–29')!;
const seniors = segments.find((segment) => segment.name === 'Seniors 65+')!;
const source = await renderDemoImage(item.image, { width: 1500, height: 1000 });
const allFormats = ['square', 'portrait', 'story', 'landscape'] as const;

describe('sharp image engine', () => {
  it('renders every channel format at its size, under the byte budget, deterministically', async () => {
    const options = { sourceImage: source, headline: 'Weeknight <Carbonara> & "friends" 🍝', item, segment: young, formats: allFormats, engine: 'sharp' as const, maxBytes: 120_000 };
    const first = await renderImageVariants(options);
    const second = await renderImageVariants(options);
    expect(first.renditions.map((rendition) => rendition.channelFormat)).toEqual([...allFormats]);
    for (const rendition of first.renditions) {
      const meta = await sharp(rendition.buffer).metadata();
      expect([meta.width, meta.height]).toEqual([CHANNEL_FORMATS[rendition.channelFormat].width, CHANNEL_FORMATS[rendition.channelFormat].height]);
      expect(meta.format).toBe('webp');
      expect(rendition.bytes).toBeLessThanOrEqual(120_000);
    }
    expect(second.renditions.map((rendition) => rendition.buffer)).toEqual(first.renditions.map((rendition) => rendition.buffer));
    expect(first.provenance).toMatchObject({ engine: 'sharp', fallbackReason: null });
  });

  it("applies each segment's treatment and type size, and the logo", async () => {
    const logo = await sharp({ create: { width: 200, height: 200, channels: 4, background: '#ff0000' } }).png().toBuffer();
    const render = (segment: typeof young) =>
      renderImageVariants({ sourceImage: source, headline: 'Basil in pots', item, segment, formats: ['square'], engine: 'sharp', output: 'jpeg', logo });
    const [duotone, natural] = await Promise.all([render(young), render(seniors)]);
    const stats = async (buffer: Buffer) => sharp(buffer).stats();
    const [a, b] = await Promise.all([stats(duotone.renditions[0]!.buffer), stats(natural.renditions[0]!.buffer)]);
    expect(a.channels.map((channel) => Math.round(channel.mean))).not.toEqual(b.channels.map((channel) => Math.round(channel.mean)));
    // stats() reads its input, so the logo's corner is cut out first.
    const logoArea = await sharp(natural.renditions[0]!.buffer).extract({ left: 1080 - 65 - 100, top: 65 + 50, width: 20, height: 20 }).toBuffer();
    const corner = await sharp(logoArea).stats();
    expect(corner.channels[0]!.mean).toBeGreaterThan(200);
    expect(corner.channels[1]!.mean).toBeLessThan(60);
  });

  it('rejects an unreadable source with a typed error', async () => {
    await expect(renderImageVariants({ sourceImage: Buffer.from('not an image'), headline: 'x', item, segment: young, engine: 'sharp' })).rejects.toBeInstanceOf(GeneratorError);
  });
});

describe('openai image engine', () => {
  it('generates through the b64 path, then finishes with sharp', async () => {
    const server = await startOpenAiTestServer();
    try {
      const llm = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 't', chatModel: 'gpt-4o-mini', imageModel: 'gpt-image-1', timeoutMs: 10_000, maxRetries: 0 });
      const result = await renderImageVariants({ headline: item.title, item, segment: seniors, engine: 'openai', llm });
      const request = server.requests.find((entry) => entry.path === '/v1/images/generations')?.body as { prompt: string; size: string };
      expect(request.prompt).toContain(item.title);
      expect(request.size).toBe('1024x1024');
      expect(result.provenance).toMatchObject({ engine: 'openai', model: 'gpt-image-1' });
      expect(result.renditions.map((rendition) => [rendition.channelFormat, rendition.width, rendition.height])).toEqual([
        ['landscape', 1200, 628],
        ['square', 1080, 1080],
      ]);
      const edited = await renderImageVariants({ sourceImage: source, headline: item.title, item, segment: seniors, engine: 'openai', llm, formats: ['square'] });
      expect(server.requests.some((entry) => entry.path === '/v1/images/edits')).toBe(true);
      expect(edited.provenance.engine).toBe('openai');
    } finally {
      await server.close();
    }
  });
});
