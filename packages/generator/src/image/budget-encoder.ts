import sharp, { type Sharp } from 'sharp';

export type ImageOutputFormat = 'webp' | 'avif' | 'jpeg';

/** The quality every rendition is first encoded at; the bench's baseline encodes at the same settings. */
export const FIRST_QUALITY = 82;
const FLOOR_QUALITY = 20;
/**
 * Quality steps per halving of the bytes, a little more than measured for webp, jpeg and avif on
 * photos and flat illustrations alike (20–24): an over-budget prediction errs toward fitting first time.
 */
const STEPS_PER_HALVING = 26;

/** The encoder settings of a format at a quality (avif's scale runs hotter, so it is offset). */
export function encoderFor(image: Sharp, format: ImageOutputFormat, quality: number): Sharp {
  return format === 'webp'
    ? image.webp({ quality, effort: 2 })
    : format === 'avif'
      ? image.avif({ quality: Math.max(1, quality - 20), effort: 2 })
      : image.jpeg({ quality, mozjpeg: true });
}

/**
 * Encodes under `maxBytes` without a quality ladder: the first encode at FIRST_QUALITY usually
 * fits; when it does not, its size predicts the quality that will (bytes fall by half every
 * STEPS_PER_HALVING steps), and a second miss refines the prediction from the two measured points.
 * At most four encodes; when even the floor quality is over budget, that encoding is returned (its bytes say so).
 */
export async function encodeWithinBudget(pixels: () => Sharp, format: ImageOutputFormat, maxBytes: number): Promise<Buffer> {
  const first = await encoderFor(pixels(), format, FIRST_QUALITY).toBuffer();
  if (first.length <= maxBytes) return first;
  // Re-encodes start from the finished pixels, so the pipeline before encoding runs once more at most.
  const raw = await pixels().raw().toBuffer({ resolveWithObject: true });
  const encode = (quality: number) =>
    encoderFor(sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }), format, quality).toBuffer();
  const predicted = clampQuality(FIRST_QUALITY + STEPS_PER_HALVING * Math.log2(maxBytes / first.length), FIRST_QUALITY);
  const second = await encode(predicted);
  if (second.length <= maxBytes || predicted === FLOOR_QUALITY) return second;
  // Two measured points: the local rate of bytes per quality step, with a 5 % margin.
  const halvingsPerStep = Math.log2(first.length / second.length) / (FIRST_QUALITY - predicted);
  const refined = halvingsPerStep > 0 ? predicted + Math.log2((0.95 * maxBytes) / second.length) / halvingsPerStep : FLOOR_QUALITY;
  const refinedQuality = clampQuality(refined, predicted);
  const third = await encode(refinedQuality);
  if (third.length <= maxBytes || refinedQuality === FLOOR_QUALITY) return third;
  return encode(FLOOR_QUALITY);
}

/** A whole quality between the floor and a few steps under the last one tried. */
function clampQuality(quality: number, lastTried: number): number {
  return Math.max(FLOOR_QUALITY, Math.min(lastTried - 4, Math.floor(quality)));
}
