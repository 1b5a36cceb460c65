import { createHash } from 'node:crypto';
import { fleschKincaid } from 'flesch-kincaid';
import { split } from 'sentence-splitter';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../src/text/content-hash.js';
import { countWords, readingGrade, wordsOf } from '../src/text/text-statistics.js';
import { catalogTexts, generatedStrings } from './text-ports.fixtures.js';

// The statistics were computed with regexes and the libraries directly; the faster versions must give the same numbers.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,%°$€£-]*/gu;
const regexWords = (text: string) => (text.match(WORD) ?? []).map((word) => word.replace(/[.,]+$/, ''));

function referenceGrade(text: string): number {
  const sentences = text
    .split(/\n+/)
    .flatMap((line) => split(line).filter((node) => node.type === 'Sentence').map((node) => node.raw.trim()))
    .filter((sentence) => regexWords(sentence).length > 0);
  const words = sentences.flatMap(regexWords);
  if (words.length === 0) return 0;
  const syllables = words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0);
  return fleschKincaid({ sentence: sentences.length, word: words.length, syllable: syllables });
}

describe('text statistics', () => {
  it('finds the words the word regex finds', () => {
    const pieces = ['a', 'Z', 'é', 'ß', '1', '٣', 'Ⅻ', "'", '’', '.', ',', '%', '°', '$', '€', '£', '-', ' ', '\n', '!', '😀', '𝐀', '𝟙', '\uD800', '\uDC00', '漢', '_', '¼', '²', '—'];
    for (const text of [...catalogTexts(), ...generatedStrings(pieces, 20_000, 20, 3)]) {
      expect(wordsOf(text), JSON.stringify(text)).toEqual(regexWords(text));
      expect(countWords(text)).toBe(regexWords(text).length);
    }
  }, 60_000);

  it('grades reading level as sentence-splitter, the word regex and syllable do', () => {
    for (const text of catalogTexts()) expect(readingGrade(text), text).toBe(referenceGrade(text));
  }, 60_000);

  it('hashes canonical JSON: key order and undefined entries do not matter, array holes do', () => {
    const sha = (json: string) => createHash('sha256').update(json).digest('hex');
    expect(contentHash({ b: [1, 'x', null], a: { d: true, c: undefined } })).toBe(sha('{"a":{"d":true},"b":[1,"x",null]}'));
    // eslint-disable-next-line no-sparse-arrays
    expect(contentHash([1, , undefined])).toBe(sha('[1,,null]'));
    expect(contentHash({ image: Buffer.from('png') })).toBe(sha(`{"image":${JSON.stringify(sha('png'))}}`));
  });
});
