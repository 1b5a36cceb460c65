import { CHANNEL_FORMATS, type TChannelFormat } from '@persona/shared';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where a channel's own interface does not cover the picture, as shares of the rendition. Stories
 * and reels (9:16) put the account bar over the top ~14 % and the reply box and captions over the
 * bottom ~20 % (Meta's and TikTok's creative guides); the feed formats only need a title-safe margin.
 */
const SAFE_INSETS: Record<TChannelFormat, { top: number; bottom: number; side: number }> = {
  square: { top: 0.05, bottom: 0.05, side: 0.05 },
  portrait: { top: 0.05, bottom: 0.05, side: 0.05 },
  story: { top: 0.14, bottom: 0.2, side: 0.05 },
  landscape: { top: 0.05, bottom: 0.05, side: 0.05 },
};

/** The rectangle of a rendition that text and logos must stay inside, in pixels. */
export function safeZone(format: TChannelFormat): Box {
  const { width, height } = CHANNEL_FORMATS[format];
  const inset = SAFE_INSETS[format];
  const top = Math.ceil(height * inset.top);
  const side = Math.ceil(width * inset.side);
  return { left: side, top, width: width - 2 * side, height: height - top - Math.ceil(height * inset.bottom) };
}

export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.left >= outer.left &&
    inner.top >= outer.top &&
    inner.left + inner.width <= outer.left + outer.width &&
    inner.top + inner.height <= outer.top + outer.height
  );
}
