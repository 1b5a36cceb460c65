import type { TImageFormat } from '@persona/shared';

/**
 * What the first bytes of an upload say it is, decided before any image parser sees them: an SVG
 * (XML that can carry scripts and external references) or another format outside the allowlist
 * is refused without libvips ever parsing it. (file-type, the usual library for this, needs
 * Node 22; these are the handful of signatures the allowlist needs.)
 */
export type Signature = { allowed: TImageFormat } | { refused: string } | { unknown: true };

const ascii = (bytes: Buffer, start: number, end: number) => bytes.toString('latin1', start, end);

/** ISO-BMFF brands (the `ftyp` box) that are AVIF. HEIC and other brands are not on the allowlist. */
const AVIF_BRANDS = new Set(['avif', 'avis']);

function isoMediaBrands(bytes: Buffer): string[] | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

export function sniffImage(bytes: Buffer): Signature {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { allowed: 'jpeg' };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { allowed: 'png' };
  }
  if (['GIF87a', 'GIF89a'].includes(ascii(bytes, 0, 6))) return { allowed: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { allowed: 'webp' };
  const brands = isoMediaBrands(bytes);
  if (brands) return brands.some((brand) => AVIF_BRANDS.has(brand)) ? { allowed: 'avif' } : { refused: `ISO media (${brands[0]})` };
  return refusedFormat(bytes) ?? { unknown: true };
}

const REFUSED_SIGNATURES: [string, (bytes: Buffer) => boolean][] = [
  ['tiff', (b) => ['II*\u0000', 'MM\u0000*'].includes(ascii(b, 0, 4))],
  ['bmp', (b) => ascii(b, 0, 2) === 'BM'],
  ['pdf', (b) => ascii(b, 0, 5) === '%PDF-'],
  ['psd', (b) => ascii(b, 0, 4) === '8BPS'],
  ['jpeg xl', (b) => (b[0] === 0xff && b[1] === 0x0a) || ascii(b, 4, 8) === 'JXL '],
  ['ico', (b) => b.length >= 4 && b.readUInt32BE(0) === 0x00000100],
  // SVG and other XML or HTML: text whose first non-blank character opens a tag.
  ['svg/xml', (b) => /^(\ufeff)?\s*</.test(b.toString('utf8', 0, 256))],
];

function refusedFormat(bytes: Buffer): Signature | null {
  const match = REFUSED_SIGNATURES.find(([, test]) => test(bytes));
  return match ? { refused: match[0] } : null;
}
