import { OpenAiLlmClient } from '@persona/llm';
import { demoSegments, generateDemoDataset, renderDemoImage } from '@persona/demo-data';
import { faults, startOpenAiTestServer } from '@persona/testkit';
import { CHANNEL_FORMATS, type TChannelFormat, type TGuardrailCheck } from '@persona/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGuardrails, GeneratorError, renderImageVariants, safeZone } from '../src/index.js';
import { renderHeadline } from '../src/image/headline-overlay.js';
import { checkRenditions, MIN_HEADLINE_CONTRAST } from '../src/image/rendition-checks.js';
import { contrastRatio, measureRendition } from '../src/image/rendition-inspector.js';
import { drawOverlays, type OverlayLayer } from '../src/image/rendition-overlays.js';

const [item] = generateDemoDataset({ users: 5, interactions: 5 }).items;
if (item === undefined) throw new Error('no demo item');
const segments = demoSegments();
const young = segments.find((segment) => segment.name === 'Young adults 18–29')!;
const seniors = segments.find((segment) => segment.name === 'Seniors 65+')!;
const photo = await renderDemoImage(item.image, { width: 1500, height: 1000 });
const allFormats = ['square', 'portrait', 'story', 'landscape'] as const;
const MAX_BYTES = 300_000;

const check = (checks: readonly TGuardrailCheck[], name: string) => {
  const found = checks.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no ${name} check in ${checks.map((c) => c.name).join(', ')}`);
  return found;
};

/**
 * A rendition drawn by hand the way the engine draws one, but with the headline where and in the
 * colour a test chooses, then encoded and measured like any other.
 */
async function handDrawnRendition(format: TChannelFormat, background: Buffer, headline: { colour: string; top: (height: number, textHeight: number) => number }) {
  const { width, height } = CHANNEL_FORMATS[format];
  const pixels = await sharp(background).resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  const text = await renderHeadline('Weeknight bibimbap in twenty minutes', width * 0.88, width * 0.062, headline.colour);
  if (text === null) throw new Error('nothing rendered');
  const layers: OverlayLayer[] = [
    { kind: 'image', role: 'headline', pixels: text.image, left: Math.round(width * 0.06), top: headline.top(height, text.height), width: text.width, height: text.height },
  ];
  drawOverlays({ data: pixels, width, height }, layers);
  const encoded = await sharp(pixels, { raw: { width, height, channels: 3 } }).webp({ quality: 82 }).toBuffer();
  return measureRendition(encoded, format, layers);
}

// Rendering is the slow part: heavy tests name budgets far above what they take on a busy machine.
describe('image checks on real renders', { timeout: 60_000 }, () => {
  it('passes every rendition the engine makes, with the measured contrast in the detail', async () => {
    for (const segment of [young, seniors]) {
      const result = await renderImageVariants({ sourceImage: photo, headline: item.title, item, segment, formats: allFormats, engine: 'sharp' });
      for (const name of ['image-moderation', 'contrast', 'safe-zone', 'dimensions', 'byte-budget']) {
        expect(check(result.checks, name), `${segment.name}: ${name}`).toMatchObject({ status: 'pass' });
      }
      for (const rendition of result.renditions) {
        expect(rendition.measurement.headlineContrast).toBeGreaterThanOrEqual(MIN_HEADLINE_CONTRAST);
        const zone = safeZone(rendition.channelFormat);
        for (const { box } of rendition.measurement.ink) expect(box.top + box.height).toBeLessThanOrEqual(zone.top + zone.height);
      }
      expect(check(result.checks, 'contrast').detail).toMatch(/story \d+\.\d:1/);
    }
  }, 120_000);

  it('keeps a story headline above the bottom fifth and the logo below the top band', async () => {
    const logo = await sharp({ create: { width: 200, height: 200, channels: 4, background: '#ff0000' } }).png().toBuffer();
    const { renditions } = await renderImageVariants({ sourceImage: photo, headline: item.title, item, segment: seniors, formats: ['story'], engine: 'sharp', logo });
    const ink = renditions[0]!.measurement.ink;
    const headline = ink.find((entry) => entry.role === 'headline')!.box;
    const drawnLogo = ink.find((entry) => entry.role === 'logo')!.box;
    expect(headline.top + headline.height).toBeLessThanOrEqual(1920 - 384);
    expect(drawnLogo.top).toBeGreaterThanOrEqual(Math.ceil(1920 * 0.14));
  });

  it('fails a light headline on a light photo, measured on the decoded file', async () => {
    const pale = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#f4efe6' } }).jpeg().toBuffer();
    const low = await handDrawnRendition('square', pale, { colour: '#c8c8c8', top: (height, textHeight) => height - textHeight - 80 });
    expect(low.headlineContrast).toBeLessThan(1.5);
    const [contrast] = checkRenditions([low], MAX_BYTES);
    expect(contrast).toMatchObject({ name: 'contrast', status: 'fail' });
    expect(contrast!.detail).toMatch(/too little contrast in square/);

    // The same layout in near-black passes: the check reads the pixels, not the layout.
    const dark = await handDrawnRendition('square', pale, { colour: '#1a1a1a', top: (height, textHeight) => height - textHeight - 80 });
    expect(dark.headlineContrast).toBeGreaterThan(MIN_HEADLINE_CONTRAST);
    expect(checkRenditions([dark], MAX_BYTES)[0]).toMatchObject({ status: 'pass' });
  });

  it('fails white text over a busy photo without the band, where the photo is bright behind it', async () => {
    const bright = await sharp(photo).linear(0.4, 150).toBuffer();
    const measured = await handDrawnRendition('landscape', bright, { colour: '#ffffff', top: (height, textHeight) => height - textHeight - 40 });
    expect(measured.headlineContrast).toBeLessThan(MIN_HEADLINE_CONTRAST);
  });

  it('fails a 9:16 rendition whose headline sits in the bottom band apps cover', async () => {
    const unsafe = await handDrawnRendition('story', photo, { colour: '#ffffff', top: (height, textHeight) => height - textHeight - 60 });
    const safeZoneCheck = checkRenditions([unsafe], MAX_BYTES)[1]!;
    expect(safeZoneCheck).toMatchObject({ name: 'safe-zone', status: 'fail' });
    expect(safeZoneCheck.detail).toMatch(/story headline spans rows \d+–\d+.*outside the safe zone rows 269–1536/);
    const safe = await handDrawnRendition('story', photo, { colour: '#ffffff', top: () => 1200 });
    expect(checkRenditions([safe], MAX_BYTES)[1]).toMatchObject({ status: 'pass' });
  });

  it('fails a rendition over its byte budget or of the wrong size', async () => {
    const { renditions } = await renderImageVariants({ sourceImage: photo, headline: item.title, item, segment: young, formats: ['square'], engine: 'sharp', maxBytes: 1_500 });
    const result = checkRenditions([renditions[0]!.measurement], 1_500);
    expect(result[3]).toMatchObject({ name: 'byte-budget', status: 'fail' });
    const squareAsStory = await measureRendition(renditions[0]!.buffer, 'story', []);
    expect(checkRenditions([squareAsStory], MAX_BYTES)[2]).toMatchObject({ name: 'dimensions', status: 'fail', detail: 'story is 1080×1080, not 1080×1920' });
  });

  it('computes WCAG ratios', () => {
    expect(contrastRatio(1, 0)).toBeCloseTo(21, 5);
    expect(contrastRatio(0.2, 0.2)).toBe(1);
  });
});

describe('moderation of generated images through the endpoint', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startOpenAiTestServer>>;
  let llm: OpenAiLlmClient;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
    llm = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 't', chatModel: 'gpt-4o-mini', imageModel: 'gpt-image-1', timeoutMs: 10_000, maxRetries: 0 });
  });
  afterAll(() => server.close());
  const flagged = {
    match: { path: '/v1/moderations', bodyIncludes: 'image_url' },
    reply: { body: { id: 'modr-1', model: 'omni-moderation-latest', results: [{ flagged: true, categories: { violence: true, sexual: false }, category_scores: {} }] } },
  };

  it('sends the generated image and passes it when not flagged', async () => {
    server.reset();
    const result = await renderImageVariants({ headline: item.title, item, segment: seniors, formats: ['square'], engine: 'openai', llm });
    const moderation = server.requests.find((request) => request.path === '/v1/moderations')?.body as { input: { type: string; image_url: { url: string } }[] };
    expect(moderation.input[0]!.type).toBe('image_url');
    expect(moderation.input[0]!.image_url.url).toMatch(/^data:image\/png;base64,/);
    expect(check(result.checks, 'image-moderation')).toEqual({ name: 'image-moderation', status: 'pass', detail: 'generated image: not flagged by the moderation endpoint' });
    expect(result.provenance.engine).toBe('openai');
  });

  it("uses the item's own image instead of a flagged one, and says so", async () => {
    server.reset();
    server.script(flagged);
    const result = await renderImageVariants({ sourceImage: photo, headline: item.title, item, segment: seniors, formats: ['square'], engine: 'openai', llm });
    expect(result.provenance).toMatchObject({ engine: 'sharp', fallbackReason: 'the generated image was flagged by moderation (violence)' });
    expect(check(result.checks, 'image-moderation')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/flagged.*violence.*own image was used instead/) });
  });

  it('refuses a flagged image when there is no image of the item to fall back on', async () => {
    server.reset();
    server.script(flagged);
    await expect(renderImageVariants({ headline: item.title, item, segment: seniors, formats: ['square'], engine: 'openai', llm })).rejects.toBeInstanceOf(GeneratorError);
  });

  it('warns, never passes, when the moderation endpoint fails', async () => {
    server.reset();
    server.script({ match: { path: '/v1/moderations' }, reply: faults.serverError(503) });
    const result = await renderImageVariants({ headline: item.title, item, segment: seniors, formats: ['square'], engine: 'openai', llm });
    expect(check(result.checks, 'image-moderation')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^generated image not moderated: the moderation endpoint failed/) });
  });
});

describe('offline text moderation', () => {
  it('says what the local term list looked for, not a bare pass', async () => {
    const { report } = await checkGuardrails({ content: { title: 'Basil in pots', summary: 'Grow basil.', body: 'Water basil in the morning.', cta: 'Start', rationale: '' }, source: item, segment: young });
    expect(check(report.checks, 'moderation').detail).toMatch(/^local term list: none of its \d+ whole-word terms in 7 categories \(violence, .*\) found; it matches words, not meaning/);
  });
});
