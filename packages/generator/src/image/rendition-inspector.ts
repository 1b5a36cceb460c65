import type { TChannelFormat } from '@persona/shared';
import sharp from 'sharp';
import type { OverlayLayer } from './rendition-overlays.js';
import type { Box } from './safe-zones.js';

/** What a finished rendition is, measured on its encoded bytes (what a viewer's screen will show). */
export interface RenditionMeasurement {
  channelFormat: TChannelFormat;
  width: number;
  height: number;
  bytes: number;
  /**
   * WCAG contrast ratio of the headline against the pixels behind it; null without a headline or
   * when the letters cover too few pixels to measure.
   */
  headlineContrast: number | null;
  /** Where text and logo actually have ink: the extent of their visible pixels. */
  ink: { role: 'headline' | 'logo'; box: Box }[];
}

/** Alpha at and above which a headline pixel is the letter itself, not its anti-aliased edge. */
const GLYPH_CORE_ALPHA = 240;
/** Background pixels closer than this to a letter are skipped: encoders smear a letter into them. */
const EDGE_CLEARANCE = 3;
/** A reader sees the dimmest letters against the brightest patches around them: compare those tails. */
const TAIL = 0.1;

/** sRGB channel value to linear light, once per value (WCAG 2 relative luminance). */
const LINEAR = Float64Array.from({ length: 256 }, (_, value) => {
  const channel = value / 255;
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
});

export function relativeLuminance(red: number, green: number, blue: number): number {
  return 0.2126 * (LINEAR[red] ?? 0) + 0.7152 * (LINEAR[green] ?? 0) + 0.0722 * (LINEAR[blue] ?? 0);
}

export function contrastRatio(lighter: number, darker: number): number {
  const [high, low] = lighter >= darker ? [lighter, darker] : [darker, lighter];
  return (high + 0.05) / (low + 0.05);
}

/**
 * Decodes an encoded rendition and measures it (see `measurePixels`): for a rendition made
 * elsewhere, where only the file is at hand.
 */
export async function measureRendition(encoded: Buffer, channelFormat: TChannelFormat, layers: readonly OverlayLayer[]): Promise<RenditionMeasurement> {
  const { data, info } = await sharp(encoded).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return measurePixels({ data, width: info.width, height: info.height }, encoded.length, channelFormat, layers);
}

/**
 * Measures a rendition's final RGB pixels against the layers drawn on them: its size and bytes,
 * the headline's contrast, and where ink landed. The layers say which pixels are letters; every
 * colour is read from the pixels, so a treatment or a weak band counts. The engine measures the
 * pixels it hands the encoder (a second decode cost a third of an image variant's time; the
 * encoder's loss is a few levels, far inside the 4.5:1 line).
 */
export function measurePixels(image: RawImage, bytes: number, channelFormat: TChannelFormat, layers: readonly OverlayLayer[]): RenditionMeasurement {
  const drawn = layers.filter((layer): layer is Extract<OverlayLayer, { kind: 'image' }> => layer.kind === 'image');
  const headline = drawn.find((layer) => layer.role === 'headline');
  return {
    channelFormat,
    width: image.width,
    height: image.height,
    bytes,
    headlineContrast: headline === undefined ? null : headlineContrast(image, headline),
    ink: drawn.flatMap((layer) => {
      const box = inkBox(layer);
      return box === null ? [] : [{ role: layer.role, box }];
    }),
  };
}

type DrawnLayer = Extract<OverlayLayer, { kind: 'image' }>;
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

function alphaAt(layer: DrawnLayer, row: number, column: number): number {
  if (row < 0 || column < 0 || row >= layer.height || column >= layer.width) return 0;
  return layer.pixels[(row * layer.width + column) * 4 + 3] ?? 0;
}

function headlineContrast(image: RawImage, layer: DrawnLayer): number | null {
  const letters: number[] = [];
  const behind: number[] = [];
  const luminanceAt = (row: number, column: number) => {
    const at = ((layer.top + row) * image.width + layer.left + column) * 3;
    return relativeLuminance(image.data[at] ?? 0, image.data[at + 1] ?? 0, image.data[at + 2] ?? 0);
  };
  const clear = (row: number, column: number) => {
    for (let dy = -EDGE_CLEARANCE; dy <= EDGE_CLEARANCE; dy += EDGE_CLEARANCE) {
      for (let dx = -EDGE_CLEARANCE; dx <= EDGE_CLEARANCE; dx += EDGE_CLEARANCE) if (alphaAt(layer, row + dy, column + dx) !== 0) return false;
    }
    return true;
  };
  const rows = Math.min(layer.height, image.height - layer.top);
  const columns = Math.min(layer.width, image.width - layer.left);
  for (let row = Math.max(0, -layer.top); row < rows; row++) {
    for (let column = Math.max(0, -layer.left); column < columns; column++) {
      const alpha = alphaAt(layer, row, column);
      if (alpha >= GLYPH_CORE_ALPHA) letters.push(luminanceAt(row, column));
      else if (alpha === 0 && clear(row, column)) behind.push(luminanceAt(row, column));
    }
  }
  if (letters.length < 20 || behind.length < 20) return null;
  letters.sort((a, b) => a - b);
  behind.sort((a, b) => a - b);
  const median = (values: number[]) => values[Math.floor(values.length / 2)] ?? 0;
  const tail = (values: number[], low: boolean) => values[Math.floor((low ? TAIL : 1 - TAIL) * (values.length - 1))] ?? 0;
  // Light letters on a dark ground: their dimmest against its brightest; dark letters the other way round.
  const lightLetters = median(letters) >= median(behind);
  return contrastRatio(tail(letters, lightLetters), tail(behind, !lightLetters));
}

/** The rectangle of a layer's visible pixels, in rendition coordinates; null when it drew nothing. */
function inkBox(layer: DrawnLayer): Box | null {
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  for (let row = 0; row < layer.height; row++) {
    for (let column = 0; column < layer.width; column++) {
      if (alphaAt(layer, row, column) === 0) continue;
      top = Math.min(top, row);
      bottom = row;
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
  }
  if (bottom < 0) return null;
  return { left: layer.left + left, top: layer.top + top, width: right - left + 1, height: bottom - top + 1 };
}
