import { LlmError, type LlmClient } from '@persona/llm';
import { CHANNEL_FORMATS, type TChannelFormat, type TProvenance } from '@persona/shared';
import type { SourceItem, TargetSegment } from '../generation-input.types.js';
import { GeneratorError } from '../generator-error.js';
import { contentHash } from '../text/content-hash.js';
import { finishImage, type ImageOutputFormat, type ImageRenditionOutput } from './sharp-image.engine.js';

export type ImageEngineName = 'sharp' | 'openai';

export interface ImageGenerationOptions {
  /** The item's image; required by the sharp engine, and edited (rather than generated from nothing) by openai. */
  sourceImage?: Buffer;
  /** The text variant's headline, drawn on every rendition. */
  headline: string;
  item: SourceItem;
  segment: TargetSegment;
  /** Default: the segment's own channel formats. */
  formats?: readonly TChannelFormat[];
  engine: ImageEngineName;
  llm?: LlmClient | null;
  logo?: Buffer;
  output?: ImageOutputFormat;
  maxBytes?: number;
  /** An LLM error for which this returns true propagates (a queue retries it) instead of falling back to sharp. */
  rethrow?: (error: LlmError) => boolean;
}

export interface ImageVariantResult {
  renditions: ImageRenditionOutput[];
  provenance: TProvenance;
}

const DEFAULT_MAX_BYTES = 300_000;

/** The image variant of an item for a segment: one rendition per channel format, with provenance. */
export async function renderImageVariants(options: ImageGenerationOptions): Promise<ImageVariantResult> {
  const started = performance.now();
  const formats = options.formats ?? options.segment.style.visual.channelFormats;
  const finish = (source: Buffer) =>
    finishImage(source, {
      visual: options.segment.style.visual,
      headline: options.headline,
      formats,
      logo: options.logo,
      output: options.output ?? 'webp',
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    });
  const inputHash = contentHash({
    image: options.sourceImage ?? null,
    headline: options.headline,
    visual: options.segment.style.visual,
    formats,
    logo: options.logo ?? null,
    output: options.output ?? 'webp',
  });
  const provenance = (engine: string, extra: Partial<TProvenance>): TProvenance => ({
    engine,
    model: null,
    promptHash: null,
    inputHash,
    seed: null,
    temperature: null,
    tokens: { prompt: 0, completion: 0 },
    costUsd: 0,
    latencyMs: performance.now() - started,
    fallbackReason: null,
    ...extra,
  });

  let fallbackReason: string | null = null;
  if (options.engine === 'openai') {
    if (options.llm === undefined || options.llm === null) fallbackReason = 'no LLM endpoint is configured';
    else {
      try {
        const prompt = visualPrompt(options.item, options.segment);
        const largest = [...formats].map((format) => CHANNEL_FORMATS[format]).sort((a, b) => b.width * b.height - a.width * a.height)[0] ?? CHANNEL_FORMATS.square;
        const request = { prompt, width: largest.width, height: largest.height };
        const image =
          options.sourceImage === undefined
            ? await options.llm.generateImage(request)
            : await options.llm.editImage({ ...request, image: options.sourceImage });
        const renditions = await finish(image.image);
        return { renditions, provenance: provenance('openai', { model: image.model, promptHash: contentHash(prompt), latencyMs: performance.now() - started }) };
      } catch (error) {
        if (!(error instanceof LlmError) || options.rethrow?.(error) === true) throw error;
        fallbackReason = `image endpoint failed (${error.kind}): ${error.message}`;
      }
    }
  }
  if (options.sourceImage === undefined) {
    throw GeneratorError.imageInvalid(`The sharp image engine needs the item's image${fallbackReason === null ? '' : ` (${fallbackReason})`}`);
  }
  const renditions = await finish(options.sourceImage);
  return { renditions, provenance: provenance('sharp', { fallbackReason, latencyMs: performance.now() - started }) };
}

/** What the image model is asked for: the item's subject in the segment's visual language, with no text in it. */
export function visualPrompt(item: SourceItem, segment: TargetSegment): string {
  const visual = segment.style.visual;
  const treatment = visual.treatment === 'duotone' ? 'a duotone look' : visual.treatment === 'tint' ? 'a gentle colour tint' : 'natural colours';
  return [
    `An editorial illustration for "${item.title.replace(/"/g, "'")}" (${item.category}; ${item.tags.join(', ')}).`,
    `Audience: ${segment.style.persona}`,
    `Mood: ${segment.style.tone}. Palette ${visual.palette.join(', ')}, ${treatment}, ${visual.contrast > 1.2 ? 'high' : 'moderate'} contrast.`,
    'Leave the lower third calm for a headline. No text, letters, logos or watermarks in the image.',
  ].join(' ');
}
