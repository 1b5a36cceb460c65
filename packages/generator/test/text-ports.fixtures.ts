import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import { writeTemplateText } from '../src/index.js';

/** Deterministic pseudo-random strings built from `pieces`: edge cases in bulk, the same every run. */
export function generatedStrings(pieces: readonly string[], count: number, maxPieces: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + Math.floor(next() * maxPieces);
    for (let piece = 0; piece < length; piece++) text += pieces[Math.floor(next() * pieces.length)];
    return text;
  });
}

/** Texts of every third demo item and template variants of every sixth for every segment: the texts the engine really measures. */
export function catalogTexts(): readonly string[] {
  cached ??= makeCatalogTexts();
  return cached;
}
let cached: string[] | undefined;

function makeCatalogTexts(): string[] {
  const items = generateDemoDataset({ users: 10, interactions: 10 }).items.filter((_, index) => index % 3 === 0);
  const texts = items.flatMap((item) => [item.title, item.body]);
  for (const item of items.filter((_, index) => index % 2 === 0)) {
    for (const segment of demoSegments()) {
      const content = writeTemplateText({ item, segment });
      texts.push(content.title, content.summary, content.body, content.rationale);
    }
  }
  return texts;
}
