import { LlmError, type LlmClient } from '@persona/llm';
import { CHANNEL_FORMATS, type TChannelFormat, type TGuardrailCheck, type TProvenance } from '@persona/shared';
import type { SourceItem, TargetSegment } from '../generation-input.types.js';
import { GeneratorError } from '../generator-error.js';
import { flaggedImageFallback, moderateGeneratedImage, OWN_IMAGE_MODERATION } from '../guardrails/checks/image-moderation.check.js';
import { contentHash } from '../text/content-hash.js';
import { checkRenditions } from './rendition-checks.js';
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
  /** Moderation, contrast, safe zones, dimensions and byte budget, measured on the renditions. */
  checks: TGuardrailCheck[];
}

const DEFAULT_MAX_BYTES = 300_000;

/** The image variant of an item for a segment: one rendition per channel format, with provenance. */
export async function renderImageVariants(options: ImageGenerationOptions): Promise<ImageVariantResult> {
  const started = performance.now();
  const formats = options.formats ?? options.segment.style.visual.channelFormats;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const finish = async (source: Buffer, moderation: TGuardrailCheck) => {
    const renditions = await finishImage(source, {
      visual: options.segment.style.visual,
      headline: options.headline,
      formats,
      logo: options.logo,
      output: options.output ?? 'webp',
      maxBytes,
    });
    return { renditions, checks: [moderation, ...checkRenditions(renditions.map((rendition) => rendition.measurement), maxBytes)] };
  };
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
  let ownImageModeration = OWN_IMAGE_MODERATION;
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
        const moderation = await moderateGeneratedImage(image.image, options.llm, options.rethrow);
        if (moderation.verdict === 'flagged') {
          fallbackReason = `the generated image was flagged by moderation (${moderation.categories.join(', ')})`;
          ownImageModeration = flaggedImageFallback(moderation.categories);
        } else {
          const finished = await finish(image.image, moderation.check);
          return { ...finished, provenance: provenance('openai', { model: image.model, promptHash: contentHash(prompt), latencyMs: performance.now() - started }) };
        }
      } catch (error) {
        if (!(error instanceof LlmError) || options.rethrow?.(error) === true) throw error;
        fallbackReason = `image endpoint failed (${error.kind}): ${error.message}`;
      }
    }
  }
  if (options.sourceImage === undefined) {
    throw GeneratorError.imageInvalid(`The sharp image engine needs the item's image${fallbackReason === null ? '' : ` (${fallbackReason})`}`);
  }
  const finished = await finish(options.sourceImage, ownImageModeration);
  return { ...finished, provenance: provenance('sharp', { fallbackReason, latencyMs: performance.now() - started }) };
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
