import { CHANNEL_FORMATS, type TChannelFormat } from '@persona/shared';
import sharp from 'sharp';

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Long side of the image the attention crop looks at: JPEG decodes it by shrink-on-load, for a few ms. */
const THUMBNAIL_SIDE = 128;

/**
 * Where each channel format crops the (auto-rotated) source, chosen by libvips' attention
 * strategy on one small thumbnail shared by every format. Looking for the interesting region in
 * a full-size resize costs more than the rest of a rendition; the thumbnail finds the same region.
 */
export async function attentionCrops(source: Buffer, width: number, height: number, formats: readonly TChannelFormat[]): Promise<Map<TChannelFormat, CropBox>> {
  const thumbnail = await sharp(source)
    .rotate()
    .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { info } = thumbnail;
  const scale = info.width / width;
  const boxes = await Promise.all(
    [...new Set(formats)].map(async (format): Promise<[TChannelFormat, CropBox]> => {
      const target = CHANNEL_FORMATS[format];
      // The largest region of the source with the format's aspect ratio.
      const cover = Math.min(width / target.width, height / target.height);
      const cropWidth = Math.min(width, Math.round(target.width * cover));
      const cropHeight = Math.min(height, Math.round(target.height * cover));
      const found = await sharp(thumbnail.data, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .resize(Math.max(1, Math.round(cropWidth * scale)), Math.max(1, Math.round(cropHeight * scale)), { fit: 'cover', position: sharp.strategy.attention })
        .toBuffer({ resolveWithObject: true });
      // sharp reports the crop offset negated.
      const left = clamp(Math.round(-(found.info.cropOffsetLeft ?? 0) / scale), width - cropWidth);
      const top = clamp(Math.round(-(found.info.cropOffsetTop ?? 0) / scale), height - cropHeight);
      return [format, { left, top, width: cropWidth, height: cropHeight }];
    }),
  );
  return new Map(boxes);
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(max, value));
}
