import type { TVisualStyle } from '@persona/shared';
import sharp from 'sharp';

/** 256 RGB triples: the colour each grey level becomes. */
export type GreyPalette = Uint8Array;

/**
 * A duotone or a tint as a palette indexed by grey level. Both depend on a pixel's lightness only
 * (a duotone maps grey onto the line between two colours; sharp's tint keeps the Lab lightness
 * and sets the chroma), so a rendition is coloured by one lookup per pixel, with the contrast
 * folded in. Null for the natural treatment, which keeps colour.
 */
export async function greyPalette(visual: TVisualStyle): Promise<GreyPalette | null> {
  const contrast = visual.contrast;
  const pivot = 128 * (1 - contrast);
  if (visual.treatment === 'duotone') {
    const dark = hexToRgb(visual.palette[0] ?? '#000000');
    const light = hexToRgb(visual.palette[1] ?? visual.palette[0] ?? '#ffffff');
    const palette = new Uint8Array(256 * 3);
    for (let grey = 0; grey < 256; grey++) {
      for (let channel = 0; channel < 3; channel++) {
        const low = dark[channel] ?? 0;
        const value = contrast * (low + (grey * ((light[channel] ?? low) - low)) / 255) + pivot;
        palette[grey * 3 + channel] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
    return palette;
  }
  if (visual.treatment === 'tint') {
    // The grey ramp goes through sharp's own tint and contrast, so the palette is exactly what they do to a grey pixel.
    const ramp = Buffer.alloc(256 * 3);
    for (let grey = 0; grey < 256; grey++) ramp.fill(grey, grey * 3, grey * 3 + 3);
    const tinted = sharp(ramp, { raw: { width: 256, height: 1, channels: 3 } }).tint(visual.palette[0] ?? '#808080');
    return new Uint8Array(await (contrast === 1 ? tinted : tinted.linear(contrast, pivot)).raw().toBuffer());
  }
  return null;
}

/**
 * RGB pixels recoloured in place through a palette, indexed by their Rec. 709 luma (on the
 * gamma-encoded values, in 8-bit fixed point). A loop here is cheaper than sharp's greyscale,
 * which converts every source pixel through linear light before the resize.
 */
export function recolour(rgb: Buffer, palette: GreyPalette): void {
  for (let index = 0; index < rgb.length; index += 3) {
    const grey = (54 * (rgb[index] ?? 0) + 183 * (rgb[index + 1] ?? 0) + 19 * (rgb[index + 2] ?? 0) + 128) >> 8;
    const from = grey * 3;
    rgb[index] = palette[from] ?? 0;
    rgb[index + 1] = palette[from + 1] ?? 0;
    rgb[index + 2] = palette[from + 2] ?? 0;
  }
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
