import { split } from 'sentence-splitter';
import { describe, expect, it } from 'vitest';
import { splitLineSentences } from '../src/text/sentence-boundaries.js';
import { catalogTexts, generatedStrings } from './text-ports.fixtures.js';

// The port must find exactly the sentences sentence-splitter finds: reading grades (and so the
// drafts the engine picks) depend on it. A library upgrade that changes its rules fails here.
const library = (text: string) => split(text).filter((node) => node.type === 'Sentence').map((node) => node.raw);

describe('splitLineSentences', () => {
  it('agrees with sentence-splitter on the catalog and the variants made from it', () => {
    const lines = catalogTexts().flatMap((text) => [text, ...text.split(/\n+/)]);
    for (const line of lines) expect(splitLineSentences(line), line).toEqual(library(line));
  }, 60_000);

  it('agrees on abbreviations, initials, numbering, quotes, brackets and CJK', () => {
    const cases = [
      'Dr. Smith arrived. He sat down.',
      'Albert I. Jones came. We make a good team, you and I. Did you see him?',
      'The U.S.A. is large. So is Canada.',
      'Use e.g. basil. Or mint, etc. Then stop.',
      'Yahoo! Inc. is a company. Really!',
      '1. Boil the water. 2. Add salt.',
      'It costs 1.23 dollars. Cheap!',
      'He said "Stop. Now." and left. Then "quiet".',
      'Open (see p. 4. or the index) first. Done.',
      'An unclosed ( bracket. Goes on. And on.',
      '日本語の文です。次の文！最後？',
      'Wait... what?! Fine.',
      'Mixed\rline. End',
      '',
      '   ',
      '.',
      '. Leading stop.',
    ];
    for (const text of cases) expect(splitLineSentences(text), text).toEqual(library(text));
  });

  it('agrees on generated text mixing every rule', () => {
    const pieces = [
      'Dr.', 'Mr.', 'U.S.A.', 'e.g.', 'E.g.', 'etc.', 'Inc.', 'Yahoo!', 'I.', 'Albert', 'Jones', 'the', 'Cat', '3.', '1.23',
      '.', '..', '!', '?', '？', '。', '．', '"', '(', ')', '[', ']', '「', '」', '漢字', ' ', ' ', '  ', '\r', '\t', '\u00a0',
      'No.', 'a.m.', 'Jan.', 'é', 'Ünder', '😀', 'fig.', 'ca.', ',', ';', '’', 'x',
    ];
    for (const text of generatedStrings(pieces, 10_000, 25, 1)) expect(splitLineSentences(text), JSON.stringify(text)).toEqual(library(text));
  }, 60_000);
});
