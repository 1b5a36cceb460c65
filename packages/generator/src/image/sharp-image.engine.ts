import { CHANNEL_FORMATS, type TChannelFormat, type TVisualStyle } from '@persona/shared';
import sharp from 'sharp';
import { GeneratorError } from '../generator-error.js';
import { attentionCrops, type CropBox } from './attention-crop.js';
import { encodeWithinBudget, type ImageOutputFormat } from './budget-encoder.js';
import { drawOverlays, overlaysByFormat, type OverlayLayer } from './rendition-overlays.js';
import { measurePixels, type RenditionMeasurement } from './rendition-inspector.js';
import { greyPalette, recolour, type GreyPalette } from './treatment-palette.js';

export type { ImageOutputFormat } from './budget-encoder.js';

export interface ImageRenditionOutput {
  channelFormat: TChannelFormat;
  buffer: Buffer;
  width: number;
  height: number;
  format: ImageOutputFormat;
  bytes: number;
  /** Measured on the final pixels and the encoded size, for the image checks. */
  measurement: RenditionMeasurement;
}

export interface FinishOptions {
  visual: TVisualStyle;
  headline: string;
  formats: readonly TChannelFormat[];
  logo?: Buffer;
  output: ImageOutputFormat;
  /** Each rendition is encoded at a lower quality when it would not fit (default 300 kB). */
  maxBytes: number;
}

/**
 * The sharp finishing of one source image into each channel format: attention-based smart crop,
 * the segment's treatment (tint or duotone, contrast), the headline in the shipped font on a band,
 * the optional logo, encoded under the byte budget. Same inputs, same bytes.
 */
export async function finishImage(source: Buffer, options: FinishOptions): Promise<ImageRenditionOutput[]> {
  let size: { width: number; height: number };
  try {
    size = (await sharp(source).metadata()).autoOrient;
  } catch (error) {
    throw GeneratorError.imageInvalid(`The source image cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Work shared by the formats is done once: where each crops, the overlays of each width, the treatment's palette.
  const [crops, overlays, palette] = await Promise.all([
    attentionCrops(source, size.width, size.height, options.formats),
    overlaysByFormat(options.formats, { headline: options.headline, fontScale: options.visual.fontScale, logo: options.logo }),
    greyPalette(options.visual),
  ]);
  return Promise.all(
    options.formats.map((channelFormat) => {
      const crop = crops.get(channelFormat);
      const layers = overlays.get(channelFormat);
      if (crop === undefined || layers === undefined) throw new Error(`no crop or overlay prepared for ${channelFormat}`);
      return renderRendition(source, { channelFormat, crop, layers, palette }, options);
    }),
  );
}

interface RenditionPlan {
  channelFormat: TChannelFormat;
  crop: CropBox;
  layers: readonly OverlayLayer[];
  palette: GreyPalette | null;
}

/**
 * One rendition: sharp decodes, crops and resizes, then the palette and the overlays are applied
 * to the raw pixels, then sharp encodes. sharp tints and
 * adjusts contrast after compositing, so overlays drawn by sharp in the same pass would be treated too.
 */
async function renderRendition(source: Buffer, plan: RenditionPlan, options: FinishOptions): Promise<ImageRenditionOutput> {
  const { width, height } = CHANNEL_FORMATS[plan.channelFormat];
  const cropped = sharp(source).rotate().extract(plan.crop);
  const sized = (plan.crop.width === width && plan.crop.height === height ? cropped : cropped.resize(width, height, { fit: 'fill' })).flatten({ background: '#000000' });
  const contrast = options.visual.contrast;
  const natural = plan.palette === null && contrast !== 1 ? sized.linear(contrast, 128 * (1 - contrast)) : sized;
  const pixels = await natural.removeAlpha().raw().toBuffer();
  if (plan.palette !== null) recolour(pixels, plan.palette);
  drawOverlays({ data: pixels, width, height }, plan.layers);
  const buffer = await encodeWithinBudget(() => sharp(pixels, { raw: { width, height, channels: 3 } }), options.output, options.maxBytes);
  const measurement = measurePixels({ data: pixels, width, height }, buffer.length, plan.channelFormat, plan.layers);
  return { channelFormat: plan.channelFormat, buffer, width, height, format: options.output, bytes: buffer.length, measurement };
}
