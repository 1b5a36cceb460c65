import { CHANNEL_FORMATS, type TChannelFormat, type TVisualStyle } from '@persona/shared';
import sharp, { type OverlayOptions, type Sharp } from 'sharp';
import { GeneratorError } from '../generator-error.js';
import { renderHeadline } from './headline-overlay.js';

export type ImageOutputFormat = 'webp' | 'avif' | 'jpeg';

export interface ImageRenditionOutput {
  channelFormat: TChannelFormat;
  buffer: Buffer;
  width: number;
  height: number;
  format: ImageOutputFormat;
  bytes: number;
}

export interface FinishOptions {
  visual: TVisualStyle;
  headline: string;
  formats: readonly TChannelFormat[];
  logo?: Buffer;
  output: ImageOutputFormat;
  /** Each rendition is re-encoded at lower quality until it fits (default 300 kB). */
  maxBytes: number;
}

/** Headline size at fontScale 1, as a share of the rendition's width. */
const BASE_FONT_SHARE = 0.062;
const QUALITY_STEPS = [82, 70, 58, 46, 34] as const;

/**
 * The sharp finishing of one source image into each channel format: attention-based smart crop,
 * the segment's treatment (tint or duotone, contrast), the headline in the shipped font on a band,
 * the optional logo, encoded under the byte budget. Same inputs, same bytes.
 */
export async function finishImage(source: Buffer, options: FinishOptions): Promise<ImageRenditionOutput[]> {
  try {
    await sharp(source).metadata();
  } catch (error) {
    throw GeneratorError.imageInvalid(`The source image cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const headlines: HeadlineCache = new Map();
  return Promise.all(options.formats.map((channelFormat) => renderRendition(source, channelFormat, options, headlines)));
}

async function renderRendition(source: Buffer, channelFormat: TChannelFormat, options: FinishOptions, headlines: HeadlineCache): Promise<ImageRenditionOutput> {
  const { width, height } = CHANNEL_FORMATS[channelFormat];
  const [layers, treated] = await Promise.all([
    overlays(width, height, options, headlines),
    applyTreatment(sharp(source).rotate().resize(width, height, { fit: 'cover', position: sharp.strategy.attention }), options.visual)
      .raw()
      .toBuffer({ resolveWithObject: true }),
  ]);
  // The cropped, treated pixels are made once; overlays and encoding (and any re-encoding) start from them.
  const pipeline = () => sharp(treated.data, { raw: treated.info }).composite(layers);
  const buffer = await encodeWithinBudget(pipeline, options.output, options.maxBytes);
  return { channelFormat, buffer, width, height, format: options.output, bytes: buffer.length };
}

/** Formats of the same width share one rendered headline (square, portrait and story are all 1080 wide). */
type HeadlineCache = Map<number, ReturnType<typeof renderHeadline>>;

function applyTreatment(image: Sharp, visual: TVisualStyle): Sharp {
  const contrast = visual.contrast;
  let pipeline = image.removeAlpha();
  if (visual.treatment === 'duotone') {
    const dark = hexToRgb(visual.palette[0] ?? '#000000');
    const light = hexToRgb(visual.palette[1] ?? visual.palette[0] ?? '#ffffff');
    // Grey levels mapped onto the line from the dark to the light palette colour, channel by channel.
    pipeline = pipeline
      .greyscale()
      .toColourspace('srgb')
      .linear(
        [0, 1, 2].map((channel) => ((light[channel] ?? 255) - (dark[channel] ?? 0)) / 255),
        [0, 1, 2].map((channel) => dark[channel] ?? 0),
      );
  } else if (visual.treatment === 'tint') {
    pipeline = pipeline.tint(visual.palette[0] ?? '#808080');
  }
  return contrast === 1 ? pipeline : pipeline.linear(contrast, 128 * (1 - contrast));
}

async function overlays(width: number, height: number, options: FinishOptions, headlines: HeadlineCache): Promise<OverlayOptions[]> {
  const layers: OverlayOptions[] = [];
  const margin = Math.round(width * 0.06);
  const fontPx = width * BASE_FONT_SHARE * options.visual.fontScale;
  const pending = headlines.get(width) ?? renderHeadline(options.headline, width - 2 * margin, fontPx, '#ffffff');
  headlines.set(width, pending);
  const headline = await pending;
  if (headline !== null) {
    const textHeight = Math.min(headline.height, Math.round(height * 0.6));
    const bandHeight = textHeight + 2 * margin;
    const band = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bandHeight}"><rect width="100%" height="100%" fill="#000000" fill-opacity="0.55"/></svg>`,
    );
    layers.push({ input: band, top: height - bandHeight, left: 0 });
    const text = headline.height > textHeight ? await sharp(headline.image).extract({ left: 0, top: 0, width: headline.width, height: textHeight }).toBuffer() : headline.image;
    layers.push({ input: text, top: height - bandHeight + margin, left: margin });
  }
  if (options.logo !== undefined) {
    const logoWidth = Math.round(width * 0.16);
    const logo = await sharp(options.logo).resize({ width: logoWidth, height: logoWidth, fit: 'inside' }).png().toBuffer();
    layers.push({ input: logo, top: margin, left: width - margin - logoWidth });
  }
  return layers;
}

/** The first quality step runs the whole pipeline; only an over-budget rendition is re-encoded from its pixels. */
async function encodeWithinBudget(pipeline: () => Sharp, format: ImageOutputFormat, maxBytes: number): Promise<Buffer> {
  const encode = (image: Sharp, quality: number) =>
    (format === 'webp'
      ? image.webp({ quality, effort: 2 })
      : format === 'avif'
        ? image.avif({ quality: quality - 20, effort: 2 })
        : image.jpeg({ quality, mozjpeg: true })
    ).toBuffer();
  const [firstQuality, ...lowerQualities] = QUALITY_STEPS;
  let encoded = await encode(pipeline(), firstQuality);
  if (encoded.length <= maxBytes) return encoded;
  const raw = await pipeline().raw().toBuffer({ resolveWithObject: true });
  // When even the lowest quality is over budget, the smallest encoding is returned (its bytes say so).
  for (const quality of lowerQualities) {
    encoded = await encode(sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }), quality);
    if (encoded.length <= maxBytes) return encoded;
  }
  return encoded;
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
