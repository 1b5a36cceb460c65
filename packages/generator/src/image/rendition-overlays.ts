import { CHANNEL_FORMATS, type TChannelFormat } from '@persona/shared';
import sharp from 'sharp';
import { renderHeadline } from './headline-overlay.js';
import { safeZone } from './safe-zones.js';

/**
 * Raw RGBA pixels drawn at (left, top) of a rendition (the headline or the logo), or a band of
 * rows darkened to `1 - opacity`.
 */
export type OverlayLayer =
  | { kind: 'image'; role: 'headline' | 'logo'; pixels: Buffer; left: number; top: number; width: number; height: number }
  | { kind: 'shade'; top: number; height: number; opacity: number };

export interface OverlayStyle {
  headline: string;
  fontScale: number;
  logo?: Buffer;
}

/** Headline size at fontScale 1, as a share of the rendition's width. */
const BASE_FONT_SHARE = 0.062;
/** The black band under the headline: at 60 % even white behind it leaves white text 5.7:1 (WCAG AA is 4.5:1). */
const BAND_OPACITY = 0.6;

/**
 * The layers of each channel format, in drawing order: a dark band along the bottom, the headline
 * in the shipped font on it, and the logo in the top-right corner, both inside the format's safe
 * zone (on a story the headline sits above the reply bar, not under it). The headline and the logo
 * are drawn once per width (square, portrait and story are all 1080 wide and share them).
 */
export async function overlaysByFormat(formats: readonly TChannelFormat[], style: OverlayStyle): Promise<Map<TChannelFormat, OverlayLayer[]>> {
  const unique = [...new Set(formats)];
  const widths = [...new Set(unique.map((format) => CHANNEL_FORMATS[format].width))];
  const layers = new Map<TChannelFormat, OverlayLayer[]>();
  await Promise.all(
    widths.map(async (width) => {
      const margin = Math.round(width * 0.06);
      const logoWidth = Math.round(width * 0.16);
      const [headline, logo] = await Promise.all([
        renderHeadline(style.headline, width - 2 * margin, width * BASE_FONT_SHARE * style.fontScale, '#ffffff'),
        style.logo === undefined ? null : sharp(style.logo).resize({ width: logoWidth, height: logoWidth, fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true }),
      ]);
      for (const format of unique.filter((candidate) => CHANNEL_FORMATS[candidate].width === width)) {
        const { height } = CHANNEL_FORMATS[format];
        const zone = safeZone(format);
        const formatLayers: OverlayLayer[] = [];
        if (headline !== null) {
          // A headline taller than 60 % of the safe zone is cut there (its first rows are the first lines).
          const textHeight = Math.min(headline.height, Math.round(zone.height * 0.6));
          const textTop = Math.min(height - margin, zone.top + zone.height) - textHeight;
          const bandTop = textTop - margin;
          formatLayers.push({ kind: 'shade', top: bandTop, height: height - bandTop, opacity: BAND_OPACITY });
          formatLayers.push({ kind: 'image', role: 'headline', pixels: headline.image, left: margin, top: textTop, width: headline.width, height: textHeight });
        }
        if (logo !== null) {
          const logoTop = Math.max(margin, zone.top);
          formatLayers.push({ kind: 'image', role: 'logo', pixels: logo.data, left: width - margin - logoWidth, top: logoTop, width: logo.info.width, height: logo.info.height });
        }
        layers.set(format, formatLayers);
      }
    }),
  );
  return layers;
}

/**
 * Draws layers onto raw RGB pixels in place, with straight-alpha "over" blending. sharp's
 * composite would run over every pixel of the rendition; these loops touch only the pixels a
 * layer covers (a band and a headline are a fraction of the image).
 */
export function drawOverlays(image: { data: Buffer; width: number; height: number }, layers: readonly OverlayLayer[]): void {
  const { data, width, height } = image;
  for (const layer of layers) {
    if (layer.kind === 'shade') {
      const keep = Math.round((1 - layer.opacity) * 256);
      const start = Math.max(0, layer.top) * width * 3;
      const end = Math.min(height, layer.top + layer.height) * width * 3;
      for (let index = start; index < end; index++) data[index] = ((data[index] ?? 0) * keep) >> 8;
      continue;
    }
    const rows = Math.min(layer.height, height - layer.top);
    const columns = Math.min(layer.width, width - layer.left);
    for (let row = Math.max(0, -layer.top); row < rows; row++) {
      for (let column = Math.max(0, -layer.left); column < columns; column++) {
        const from = (row * layer.width + column) * 4;
        const alpha = layer.pixels[from + 3] ?? 0;
        if (alpha === 0) continue;
        const to = ((layer.top + row) * width + layer.left + column) * 3;
        for (let channel = 0; channel < 3; channel++) {
          data[to + channel] = Math.round(((layer.pixels[from + channel] ?? 0) * alpha + (data[to + channel] ?? 0) * (255 - alpha)) / 255);
        }
      }
    }
  }
}
