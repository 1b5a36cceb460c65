import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import { describe, expect, it } from 'vitest';
import { checkGuardrails, writeTemplateText } from '../src/index.js';
import { grammarProblems } from '../src/text/english-grammar.js';
import { elevateSentence, joinClauses } from '../src/template/register-rewriter.js';
import { splitSentences } from '../src/text/text-statistics.js';

// Defects an editor found in the template engine's copy on the demo catalog (issue #13), each from the real text.
const dataset = generateDemoDataset({ users: 10, interactions: 10 });
const professionals = demoSegments().find((segment) => segment.name === 'Professionals and enthusiasts')!;
const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\d]+/gu) ?? []);

describe('copy defects found on the demo catalog', () => {
  it('gives professionals no recap that repeats the body ("The key amounts are …" then the same sentences again)', () => {
    const repeats: string[] = [];
    for (const item of dataset.items.filter((_, index) => index % 4 === 0)) {
      const { body } = writeTemplateText({ item, segment: professionals });
      const sentences = splitSentences(body);
      for (const [index, sentence] of sentences.entries()) {
        const own = words(sentence);
        for (const earlier of sentences.slice(0, index)) {
          const other = words(earlier);
          const shared = [...own].filter((word) => other.has(word)).length;
          // Most of a sentence's words already said by an earlier one: the same fact twice.
          if (own.size >= 6 && shared / own.size >= 0.8) repeats.push(`${item.title}: "${sentence}" repeats "${earlier}"`);
        }
      }
      expect(body).not.toMatch(/The key amounts? (?:is|are)/);
    }
    expect(repeats).toEqual([]);
  }, 120_000);

  it('never chains a third clause onto a sentence that already links two (", and … and")', () => {
    // "Getting everything prepared requires approximately 25 minutes, and the pan work requires 15 minutes
    // in total, and you stop when the sauce coats the back of a spoon." (Professionals, Weeknight Carbonara)
    const joined = joinClauses(
      ['Getting everything prepared requires approximately 25 minutes.', 'The pan work requires 15 minutes in total, and you stop when the sauce coats the back of a spoon.'],
      new Set(['the']),
      2,
    );
    expect(joined).toHaveLength(2);
    // Two sentences that are single clauses still join: "A, and b".
    expect(joinClauses(['Prep takes about 15 minutes.', 'The pan work takes 12 minutes in total.'], new Set(['the']), 2)).toEqual([['Prep takes about 15 minutes', 'and the pan work takes 12 minutes in total']]);
    const chained: string[] = [];
    for (const item of dataset.items) {
      for (const segment of dataset.segments) {
        for (const sentence of splitSentences(writeTemplateText({ item, segment }).body)) if (/,\s+and\s.*,\s+and\s/.test(sentence) && !/,\s+and\s.*,\s+and\s/.test(item.body)) chained.push(sentence);
      }
    }
    expect(chained).toEqual([]);
  }, 120_000);

  it('writes "1 litre" and "1 session", and the grammar guardrail fails "Plan 1 sessions" and "about 1 litres"', async () => {
    const catalogProblems = dataset.items.flatMap((item) => grammarProblems(item.body).filter((problem) => problem.kind === 'number-agreement'));
    expect(catalogProblems).toEqual([]);
    expect(dataset.items.some((item) => /\b1 (?:session|litre|full rest day|year)\b/.test(item.body))).toBe(true);
    // The catalog's text before the fix (Deadlift Technique for Complete Beginners; Rosemary in Pots and Small Spaces).
    const before = 'Plan 1 sessions a week of about 55 minutes, built around the conventional deadlift. Water deeply, about 1 litres per plant a week.';
    expect(grammarProblems(before).filter((problem) => problem.kind === 'number-agreement').map((problem) => problem.excerpt)).toEqual(['1 sessions', '1 litres']);
    expect(grammarProblems('Take 1.5 times your body weight. Plan 1 session a week. It is part 1 of 6.')).toEqual([]);
    const item = dataset.items.find((entry) => entry.category === 'fitness')!;
    const content = { title: item.title, summary: 'You get the sessions and targets.', body: before, cta: 'Start your first session', rationale: 'x' };
    const { report } = await checkGuardrails({ content, source: { ...item, body: before }, segment: professionals });
    expect(report.checks.find((check) => check.name === 'grammar')).toMatchObject({ status: 'fail' });
  }, 120_000);

  it('raises professionals\' grade with exact words that keep their grammar, not with swapped words that break it', () => {
    // "it assists keep aphids in verify", "a modest more care", "Getting there is predominantly about demonstrating up".
    expect(elevateSentence('Grow tomatoes nearby; it helps keep aphids in check.')).toBe('Grow tomatoes nearby; it helps keep aphids in check.');
    expect(elevateSentence("'Genovese' is the safer choice for a first year, while 'Thai Siam Queen' rewards a little more care.")).not.toMatch(/modest/);
    expect(elevateSentence('Getting there is mostly about showing up.')).toBe('Getting there is predominantly about showing up.');
    expect(elevateSentence('Pick in the morning, when plants are full of water.')).toMatch(/^Pick /);
    // No word added for its syllables: every professional body is the item's sentences, in exact words, and nothing else.
    for (const item of dataset.items.filter((_, index) => index % 6 === 0)) {
      const { body } = writeTemplateText({ item, segment: professionals });
      expect(body).not.toMatch(/\b(?:additionally|verify|assists?|demonstrates?)\b/i);
    }
  }, 60_000);
});
