import { Logger } from '@nestjs/common';
import sharp, { type Metadata } from 'sharp';
import { ALLOWED_IMAGE_FORMATS, ErrorCode, PlatformError, type TImageFormat } from '@persona/shared';
import { sniffImage } from './image-signature.js';

export interface InspectedImage {
  format: TImageFormat;
  contentType: string;
  /** Displayed size: EXIF orientations 5 to 8 turn the stored pixels a quarter. */
  width: number;
  height: number;
  orientation: number;
  animated: boolean;
}

const CONTENT_TYPES: Record<TImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

const logger = new Logger('Images');

/** libvips' own words go to the log (they can quote file internals); the client gets ours. */
function unreadable(stage: string, error: unknown): PlatformError {
  logger.warn(`Image refused at ${stage}: ${(error as Error).message}`);
  return new PlatformError(ErrorCode.ImageInvalid, `The file is not a readable ${ALLOWED_IMAGE_FORMATS.join(', ')} image.`);
}

/**
 * Decides whether uploaded bytes are an image we accept. The file signature comes first, so
 * nothing outside the allowlist (an SVG above all) reaches an image parser. Then the header is
 * read, so that a decompression bomb is refused by its declared size before any pixel is decoded;
 * then the whole image is decoded with `failOn: 'error'` so truncated or corrupt files are
 * refused too. Reported dimensions are the displayed ones (EXIF orientation applied).
 */
export async function inspectImage(bytes: Buffer, maxPixels: number): Promise<InspectedImage> {
  const signature = sniffImage(bytes);
  if ('refused' in signature) {
    throw new PlatformError(
      ErrorCode.ImageFormatNotAllowed,
      `This file is ${signature.refused}, which is not allowed; use one of ${ALLOWED_IMAGE_FORMATS.join(', ')}.`,
    );
  }
  if ('unknown' in signature) throw unreadable('signature', new Error('no known image signature'));
  const options = { limitInputPixels: maxPixels, failOn: 'error' as const };
  let metadata: Metadata;
  try {
    // Reading the header decodes no pixels, so the size check below can name the real dimensions.
    metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable('header', error);
  }
  // libvips reports AVIF as HEIF with AV1 compression.
  const format = metadata.format === 'heif' && metadata.compression === 'av1' ? 'avif' : metadata.format;
  if (format !== signature.allowed) throw unreadable('header', new Error(`signature ${signature.allowed}, decoded as ${format}`));
  const { width, height } = metadata;
  if (!width || !height) throw unreadable('header', new Error('no dimensions'));
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
    throw unreadable('decode', error);
  }
  return {
    format,
    contentType: CONTENT_TYPES[format],
    width: metadata.autoOrient.width,
    height: metadata.autoOrient.height,
    orientation: metadata.orientation ?? 1,
    animated: (metadata.pages ?? 1) > 1,
  };
}

/**
 * The bytes to store for an inspected image without its metadata (EXIF with GPS, XMP, IPTC,
 * comments): decoded and re-encoded in its own format, turned upright per its EXIF orientation
 * so the stored pixels have the dimensions `inspectImage` reported. The colour profile is kept,
 * since it is not about the person and dropping it would change the colours.
 */
export async function withoutMetadata(bytes: Buffer, image: InspectedImage, maxPixels: number): Promise<Buffer> {
  let pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', animated: image.animated }).keepIccProfile();
  if (image.orientation > 1 && !image.animated) pipeline = pipeline.autoOrient();
  const encoded = {
    jpeg: () => pipeline.jpeg({ quality: 90 }),
    png: () => pipeline.png(),
    webp: () => pipeline.webp({ quality: 90 }),
    avif: () => pipeline.avif({ quality: 70 }),
    gif: () => pipeline.gif(),
  }[image.format]();
  try {
    return await encoded.toBuffer();
  } catch (error) {
    throw unreadable('re-encode', error);
  }
}
