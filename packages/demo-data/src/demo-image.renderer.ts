import sharp from 'sharp';
import type { DemoImageSpec, DemoMotif } from './demo-dataset.types.js';
import { SeededRandom } from './seeded-random.js';

/** All drawing happens on a 1200×800 canvas; other sizes scale and crop it. */
const CANVAS = { width: 1200, height: 800 } as const;

function motifShapes(motif: DemoMotif, accent: string, highlight: string, surface: string): string {
  switch (motif) {
    case 'bowl':
      return `<ellipse cx="600" cy="430" rx="260" ry="70" fill="${highlight}"/>
        <path d="M340 430 Q600 760 860 430 Z" fill="${accent}"/>
        <circle cx="540" cy="400" r="38" fill="${surface}"/><circle cx="640" cy="390" r="30" fill="${surface}"/>
        <path d="M520 300 q30 -50 0 -100 M600 290 q30 -50 0 -100 M680 300 q30 -50 0 -100" stroke="${surface}" stroke-width="14" fill="none" stroke-linecap="round"/>`;
    case 'mountain':
      return `<circle cx="820" cy="250" r="80" fill="${highlight}"/>
        <path d="M180 640 L470 260 L640 470 L760 340 L1020 640 Z" fill="${accent}"/>
        <path d="M470 260 L410 340 L470 320 L520 345 Z" fill="${surface}"/>`;
    case 'pulse':
      return `<rect x="300" y="250" width="600" height="300" rx="60" fill="${accent}"/>
        <path d="M330 400 H470 L520 300 L590 500 L650 340 L700 400 H870" stroke="${highlight}" stroke-width="22" fill="none" stroke-linejoin="round" stroke-linecap="round"/>`;
    case 'coins':
      return `<ellipse cx="520" cy="560" rx="150" ry="45" fill="${accent}"/><rect x="370" y="440" width="300" height="120" fill="${accent}"/>
        <ellipse cx="520" cy="440" rx="150" ry="45" fill="${highlight}"/>
        <ellipse cx="730" cy="560" rx="120" ry="38" fill="${accent}"/><rect x="610" y="360" width="240" height="200" fill="${accent}"/>
        <ellipse cx="730" cy="360" rx="120" ry="38" fill="${highlight}"/>
        <path d="M360 300 L520 220 L640 260 L860 150" stroke="${surface}" stroke-width="18" fill="none" stroke-linecap="round"/>`;
    case 'leaf':
      return `<path d="M600 660 C380 560 380 300 600 160 C820 300 820 560 600 660 Z" fill="${accent}"/>
        <path d="M600 660 V200 M600 420 L500 340 M600 500 L700 420 M600 340 L680 280" stroke="${highlight}" stroke-width="14" fill="none" stroke-linecap="round"/>`;
    case 'circuit':
      return `<rect x="450" y="250" width="300" height="300" rx="30" fill="${accent}"/>
        <rect x="520" y="320" width="160" height="160" rx="16" fill="${highlight}"/>
        ${[300, 360, 420, 480]
          .map(
            (y) =>
              `<path d="M450 ${y + 30} H330 M750 ${y + 30} H870" stroke="${accent}" stroke-width="14"/><circle cx="320" cy="${y + 30}" r="14" fill="${highlight}"/><circle cx="880" cy="${y + 30}" r="14" fill="${highlight}"/>`,
          )
          .join('')}`;
  }
}

/** Soft circles and rounded squares behind the motif, placed from the spec's seed. */
function backdrop(spec: DemoImageSpec): string {
  const rng = new SeededRandom(spec.seed);
  const [, surface, accent, highlight] = spec.palette;
  const colours = [surface, accent, highlight];
  return Array.from({ length: 14 }, () => {
    const colour = rng.pick(colours);
    const opacity = (0.12 + rng.next() * 0.25).toFixed(2);
    const x = rng.int(0, CANVAS.width);
    const y = rng.int(0, CANVAS.height);
    const size = rng.int(30, 180);
    return rng.chance(0.6)
      ? `<circle cx="${x}" cy="${y}" r="${size}" fill="${colour}" fill-opacity="${opacity}"/>`
      : `<rect x="${x - size / 2}" y="${y - size / 2}" width="${size}" height="${size}" rx="${Math.round(size / 5)}" fill="${colour}" fill-opacity="${opacity}" transform="rotate(${rng.int(0, 89)} ${x} ${y})"/>`;
  }).join('');
}

function demoImageSvg(spec: DemoImageSpec, size: { width: number; height: number }): string {
  const [background, surface, accent, highlight] = spec.palette;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${CANVAS.width} ${CANVAS.height}" preserveAspectRatio="xMidYMid slice">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${background}"/><stop offset="1" stop-color="${surface}" stop-opacity="0.55"/></linearGradient></defs>
  <rect x="-600" y="-600" width="2400" height="2000" fill="${background}"/>
  <rect width="${CANVAS.width}" height="${CANVAS.height}" fill="url(#bg)"/>
  ${backdrop(spec)}
  ${motifShapes(spec.motif, accent, highlight, surface)}
</svg>`;
}

/** Renders an item's illustration (no text, so no fonts involved) to a JPEG of the requested size. */
export async function renderDemoImage(
  spec: DemoImageSpec,
  size: { width: number; height: number } = CANVAS,
): Promise<Buffer> {
  return sharp(Buffer.from(demoImageSvg(spec, size)))
    .resize(size.width, size.height, { fit: 'cover' })
    .jpeg({ quality: 84 })
    .toBuffer();
}
