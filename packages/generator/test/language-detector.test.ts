import { franc } from 'franc-min';
import { data } from 'franc-min/data.js';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../src/guardrails/language-detector.js';
import { catalogTexts, generatedStrings } from './text-ports.fixtures.js';

// The locale check reports the language franc-min detects; the faster detector must name the same one.
describe('detectLanguage', () => {
  it('agrees with franc on the catalog and the variants made from it', () => {
    for (const text of catalogTexts()) expect(detectLanguage(text, 20), text).toBe(franc(text, { minLength: 20 }));
  }, 60_000);

  it("agrees on text in each of franc's languages, whole and in pieces", () => {
    for (const languages of Object.values(data)) {
      for (const model of Object.values(languages)) {
        const text = model.split('|').join(' ');
        for (let start = 0; start < text.length; start += 211) {
          const piece = text.slice(start, start + 160);
          expect(detectLanguage(piece, 10), piece).toBe(franc(piece, { minLength: 10 }));
        }
        expect(detectLanguage(text, 20)).toBe(franc(text, { minLength: 20 }));
      }
    }
  });

  it('agrees on short, empty, numeric and mixed-script text', () => {
    const cases = ['', 'short', '12345 67890 !!! ???', '漢字かなカナ混じりの文章です。', 'Привет, как дела? Это тест.', 'مرحبا كيف حالك اليوم', 'नमस्ते आप कैसे हैं', 'a'.repeat(5000)];
    // Astral characters and lone surrogates too: some script expressions match surrogate pairs.
    const pieces = ['the ', 'der ', 'la ', 'и ', 'و ', 'और ', '漢', 'é', 'ß', '1', '!', ' ', '\n', '👉', '𠀀', '𐞀', '\uD801', '\uDF80'];
    for (const text of [...cases, ...generatedStrings(pieces, 2_000, 60, 5)]) {
      for (const minLength of [0, 10, 20]) expect(detectLanguage(text, minLength), JSON.stringify(text)).toBe(franc(text, { minLength }));
    }
  }, 60_000);
});
