import sharp from 'sharp';
import { HEADLINE_FONT } from './brand-font.js';

/** Pango markup needs these escaped; anything else in a headline is text. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The shipped font has no emoji or pictographs; rendering them would fall back to system fonts. */
export function overlayText(headline: string): string {
  return headline
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface HeadlineOverlay {
  /** Raw RGBA pixels. */
  image: Buffer;
  width: number;
  height: number;
}

/**
 * The headline as transparent raw RGBA pixels, word-wrapped to `maxWidth` in the shipped font.
 * Null when there is nothing to draw.
 */
export async function renderHeadline(headline: string, maxWidth: number, fontPx: number, colour: string): Promise<HeadlineOverlay | null> {
  const text = overlayText(headline);
  if (text === '') return null;
  const rendered = await sharp({
    text: {
      text: `<span foreground="${colour}">${escapeMarkup(text)}</span>`,
      font: `${HEADLINE_FONT.family} ${Math.round(fontPx)}`,
      fontfile: HEADLINE_FONT.file,
      width: Math.round(maxWidth),
      wrap: 'word',
      rgba: true,
      dpi: 72,
    },
  })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: rendered.data, width: rendered.info.width, height: rendered.info.height };
}
