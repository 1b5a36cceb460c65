import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import { describe, expect, it } from 'vitest';
import { bodyText, layOutBody, type BodyLayout } from '../src/template/body-formatter.js';
import { countsFromClauses, gradeLayout } from '../src/template/body-grade.js';
import { keyFigures } from '../src/template/key-figures.js';
import { joinClauses } from '../src/template/register-rewriter.js';
import { prepareSource } from '../src/template/source-sentences.js';
import { TONE_PHRASES } from '../src/template/tone-phrasebook.js';
import type { TEmojiPolicy, TTextFormat } from '../src/template/tone.types.js';
import { countsOfLines, readingGrade } from '../src/text/text-statistics.js';
import { generatedStrings } from './text-ports.fixtures.js';

// The engine picks among candidate bodies by their grade counted from clauses: it must be the
// grade of the body's text to the last bit, or the engine would pick differently than it did.
const FORMATS: readonly TTextFormat[] = ['steps', 'bullets', 'narrative'];
const EMOJI: readonly TEmojiPolicy[] = ['none', 'rich'];

/** Every layout the engine could weigh for these paragraphs of sentences: all formats, bullet styles and join widths. */
function layouts(paragraphs: readonly (readonly string[])[], lowercaseWords: ReadonlySet<string>, opener: string, recap: readonly string[]): BodyLayout[] {
  return [1, 2, 3, 4].flatMap((perJoin) =>
    FORMATS.flatMap((format) =>
      EMOJI.map((emoji) =>
        layOutBody({ paragraphs: paragraphs.map((paragraph) => joinClauses(paragraph, lowercaseWords, perJoin)), opener, recap }, format, emoji),
      ),
    ),
  );
}

/** Checks each layout and returns how many of their lines were counted from clauses (not read as text), and of how many. */
function expectExactGrades(candidates: readonly BodyLayout[]): { counted: number; total: number } {
  const lines = { counted: 0, total: 0 };
  for (const layout of candidates) {
    // Graded before its text is: a grade that was already remembered for the text would prove nothing.
    const graded = gradeLayout(layout);
    const text = bodyText(layout);
    expect(graded.grade, text).toBe(readingGrade(text));
    // The engine remembers the counts for the body's text (and for its line, when it has one): they must be its own.
    if (graded.counts !== undefined) expect(graded.counts, text).toEqual(countsOfLines(text));
    for (const line of layout.recap === null ? layout.lines : [...layout.lines, layout.recap]) {
      lines.total++;
      if (countsFromClauses(line) !== undefined) lines.counted++;
    }
  }
  return lines;
}

describe('layoutGrade', () => {
  it('is the reading grade of every candidate body of a third of the demo catalog, under two seeds', () => {
    const lines = { counted: 0, total: 0 };
    for (const [round, seed] of [1, 7].entries()) {
      // Every third item, another third under the second seed: the whole catalog under both seeds
      // took 30 s of an idle core (and far more on a busy one); this keeps both seeds' variety.
      for (const item of generateDemoDataset({ users: 10, interactions: 10, seed }).items.filter((_, index) => index % 3 === round)) {
        for (const segment of demoSegments()) {
          const { style } = segment;
          const prepared = prepareSource(item, style.mustAvoid);
          const recap = keyFigures(prepared.sentences, 40);
          const opener = TONE_PHRASES[style.tone].opener;
          for (const rewrite of [(index: number) => prepared.sentences[index]?.profile.elevated(), (index: number) => prepared.sentences[index]?.profile.simplified(style.readingGrade)]) {
            const byParagraph = new Map<number, string[]>();
            prepared.sentences.forEach((sentence, index) => byParagraph.set(sentence.paragraph, [...(byParagraph.get(sentence.paragraph) ?? []), ...(rewrite(index)?.sentences ?? [])]));
            const candidates = layouts([...byParagraph.values()], prepared.lowercaseWords, opener, recap);
            const checked = expectExactGrades(candidates);
            lines.counted += checked.counted;
            lines.total += checked.total;
          }
        }
      }
    }
    // The point of counting from clauses: nearly every line of a real body is counted without being read.
    expect(lines.counted / lines.total).toBeGreaterThan(0.95);
  }, 120_000);

  it('is the reading grade of bodies whose clauses end sentences inside, hide stops in abbreviations or leave pairs open', () => {
    // Words and marks the scan treats specially; the second list leaves out what always falls back, so both ways get exercised.
    const words = ['The', 'the', 'A', 'a', 'Dr', 'etc', 'e.g', 'J', 'Smith', 'U.S.A', 'Yahoo', 'APR', '1', '40', '3.5', 'İstanbul', 'Éclair', 'é', '😀'];
    const marks = ['.', '.', '(', ')', '"', '[', ']', ',', ';', ':', '’', "'", '-', ' ', ' ', ' ', ' ', ' ', '\u00a0'];
    const sentences = [
      ...generatedStrings([...words, ...marks, '!', '?', '。', '漢', '\n'], 4_002, 12, 5),
      ...generatedStrings([...words, ...marks], 4_002, 12, 7),
      ...generatedStrings([...words, ',', ';', '-', ' ', ' ', ' ', ' ', ' ', '\u00a0', '(see p. 4.)', '"Stop. Now."', '[3. x]', ' age 40. '], 4_002, 12, 11),
    ];
    const lowercaseWords = new Set(['the', 'a', 'smith', 'éclair', 'i̇stanbul']);
    const lines = { counted: 0, total: 0 };
    for (let index = 0; index + 6 <= sentences.length; index += 6) {
      const paragraphs = [sentences.slice(index, index + 4), sentences.slice(index + 4, index + 6)];
      const candidates = layouts(paragraphs, lowercaseWords, index % 2 === 0 ? '' : 'Note: in English.\n\nHere goes.', index % 3 === 0 ? [] : ['about 3 cups', '2 eggs']);
      const checked = expectExactGrades(candidates);
      lines.counted += checked.counted;
      lines.total += checked.total;
    }
    // Both ways are taken: many of these lines are counted from their clauses, many read as text.
    expect(lines.counted).toBeGreaterThan(lines.total / 4);
    expect(lines.counted).toBeLessThan((lines.total * 3) / 4);
  }, 120_000);
});
