import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateDemoDataset, renderDemoImage } from '../src/index.js';

const { items } = generateDemoDataset({ items: 12, users: 10, interactions: 50 });

describe('renderDemoImage', () => {
  it('renders a 1200×800 JPEG by default', async () => {
    const jpeg = await renderDemoImage((items[0] ?? items[1])!.image);
    const metadata = await sharp(jpeg).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', 1200, 800]);
  });

  it('renders the requested size for every motif, deterministically', async () => {
    const motifs = new Map(items.map((item) => [item.image.motif, item.image]));
    expect(motifs.size).toBe(6);
    for (const spec of motifs.values()) {
      const jpeg = await renderDemoImage(spec, { width: 540, height: 960 });
      const metadata = await sharp(jpeg).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', 540, 960]);
      expect((await renderDemoImage(spec, { width: 540, height: 960 })).equals(jpeg)).toBe(true);
    }
  });

  it('draws different pictures for different items', async () => {
    const [a, b] = items;
    const stats = async (spec: NonNullable<typeof a>['image']) => (await sharp(await renderDemoImage(spec, { width: 120, height: 80 })).stats()).channels.map((c) => Math.round(c.mean));
    expect(await stats(a!.image)).not.toEqual(await stats(b!.image));
  });
});
