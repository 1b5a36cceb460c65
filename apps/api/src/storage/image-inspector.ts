import sharp, { type Metadata } from 'sharp';
import { ALLOWED_IMAGE_FORMATS, ErrorCode, PlatformError, type TImageFormat } from '@persona/shared';

export interface InspectedImage {
  format: TImageFormat;
  contentType: string;
  width: number;
  height: number;
}

const CONTENT_TYPES: Record<TImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

function isAllowed(format: string | undefined): format is TImageFormat {
  return (ALLOWED_IMAGE_FORMATS as readonly string[]).includes(format ?? '');
}

/**
 * Decides whether uploaded bytes are an image we accept. The header is read first so that a
 * decompression bomb is refused by its declared size before any pixel is decoded; then the whole
 * image is decoded with `failOn: 'error'` so truncated or corrupt files are refused too.
 */
export async function inspectImage(bytes: Buffer, maxPixels: number): Promise<InspectedImage> {
  const options = { limitInputPixels: maxPixels, failOn: 'error' as const };
  let metadata: Metadata;
  try {
    // Reading the header decodes no pixels, so the size check below can name the real dimensions.
    metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new PlatformError(ErrorCode.ImageInvalid, `Not a readable image: ${(error as Error).message}`);
  }
  // libvips reports AVIF as HEIF with AV1 compression.
  const format = metadata.format === 'heif' && metadata.compression === 'av1' ? 'avif' : metadata.format;
  if (!isAllowed(format)) {
    throw new PlatformError(
      ErrorCode.ImageFormatNotAllowed,
      `Format ${format ?? 'unknown'} is not allowed; use one of ${ALLOWED_IMAGE_FORMATS.join(', ')}.`,
    );
  }
  const { width, height } = metadata;
  if (!width || !height) throw new PlatformError(ErrorCode.ImageInvalid, 'Image has no dimensions.');
  if (width * height > maxPixels) {
    throw new PlatformError(
      ErrorCode.ImageTooLarge,
      `Image is ${width}×${height} (${width * height} pixels); the limit is ${maxPixels} pixels.`,
    );
  }
  try {
    // Decoding to a tiny thumbnail touches every byte of the file without holding it full size.
    await sharp(bytes, options).resize(8, 8, { fit: 'inside' }).raw().toBuffer();
  } catch (error) {
    throw new PlatformError(ErrorCode.ImageInvalid, `Image is corrupt: ${(error as Error).message}`);
  }
  return { format, contentType: CONTENT_TYPES[format], width, height };
}
