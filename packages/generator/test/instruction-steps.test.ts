import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import type { TTextContent } from '@persona/shared';
import { describe, expect, it } from 'vitest';
import { writeTemplateText, type SourceItem } from '../src/index.js';
import { extractQuantities } from '../src/guardrails/fact-extractor.js';
import { isImperative } from '../src/text/english-grammar.js';
import { sentenceRole } from '../src/template/instruction-steps.js';
import { splitSentences } from '../src/text/text-statistics.js';

/**
 * Items with instructions (the demo recipes, fitness plans and how-tos: gardening and tech): the
 * "steps" variants number the item's actions in source order and keep the figures a reader needs.
 */
const dataset = generateDemoDataset({ users: 10, interactions: 10 });
const segments = demoSegments();
const HOW_TO = new Set(['recipes', 'fitness', 'gardening', 'tech']);
/** Units a reader acts on: amounts, times, money, rates, temperatures, energy. Counts of days or weeks are left to the text. */
const KEY_UNITS = new Set(['g', 'kg', 'ml', 'l', 'cm', 'mm', 'min', 'h', 's', '$', '€', '£', '%', '°c', 'kcal', 'bpm']);

/** The numbered lines of a body, as their text after the number. */
function steps(body: string): string[] {
  return body.split('\n').flatMap((line) => /^\d+\.\s+(.*)$/.exec(line)?.[1] ?? []);
}

/** Which source sentence a step comes from: the one sharing most of its words. */
function sourceIndex(step: string, sentences: readonly string[]): number {
  const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\d]+/gu) ?? []);
  const own = words(splitSentences(step)[0] ?? step);
  let best = -1;
  let bestShared = 0;
  for (const [index, sentence] of sentences.entries()) {
    const shared = [...words(sentence)].filter((word) => own.has(word)).length;
    if (shared > bestShared) [best, bestShared] = [index, shared];
  }
  return best;
}

/** How many sentences of an item are actions (an instruction, not "Ask anyone and you will get an opinion"): an item with 2 or more has instructions. */
function actionsIn(item: SourceItem): number {
  return splitSentences(item.body).filter((sentence) => sentenceRole(sentence) === 'step').length;
}

describe('steps for items with instructions', () => {
  const howTos = dataset.items.filter((item) => HOW_TO.has(item.category) && actionsIn(item) >= 2);
  const stepSegments = segments.filter((segment) => segment.style.format === 'steps');

  it('numbers the actions, imperative and in source order, and keeps the key quantities', () => {
    expect(howTos.length).toBeGreaterThan(150);
    expect(stepSegments.map((segment) => segment.name)).toEqual(['Seniors 65+', 'Busy parents']);
    const failures: string[] = [];
    let variants = 0;
    for (const item of howTos) {
      const sentences = splitSentences(item.body);
      // Written as the API writes them: each segment knowing the variants already made for the item.
      const siblings: TTextContent[] = [];
      for (const segment of segments) {
        const content = writeTemplateText({ item, segment, siblings: [...siblings] });
        siblings.push(content);
        if (segment.style.format !== 'steps') continue;
        variants++;
        const numbered = steps(content.body);
        const where = `${item.title} / ${segment.name}`;
        if (numbered.length < 2) failures.push(`${where}: ${numbered.length} steps`);
        // A step is an action; a sentence after it in the same step may say why ("…; above 70°C they scramble").
        for (const step of numbered) if (!isImperative(splitSentences(step)[0] ?? step)) failures.push(`${where}: not an action: "${step}"`);
        const order = numbered.map((step) => sourceIndex(step, sentences));
        // A source sentence with two actions ("Water deeply, and mulch with compost") may give two steps in a row.
        if (order.some((index, position) => position > 0 && index < (order[position - 1] ?? -1))) failures.push(`${where}: steps out of source order ${order.join(',')}`);
        // Every measured figure of the item outside brackets (an aside such as "(64°F)" is what plain language drops).
        const figures = extractQuantities(item.body.replace(/\s*\([^()]*\)/g, '')).filter((quantity) => quantity.unit !== null && KEY_UNITS.has(quantity.unit));
        const kept = new Set(extractQuantities(content.body).map((quantity) => `${quantity.value} ${quantity.unit}`));
        for (const figure of figures) if (!kept.has(`${figure.value} ${figure.unit}`)) failures.push(`${where}: lost ${figure.text}`);
      }
    }
    console.info(`steps variants of ${howTos.length} how-to items: ${variants}, problems ${failures.length}`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('turns the issue\'s Bibimbap into its actions, with the shopping list, and drops the series note', () => {
    const bibimbap: SourceItem = {
      title: 'Weeknight Bibimbap in 34 Minutes',
      body:
        'Bibimbap comes from Jeonju, and cooks there still argue about the details. Every ingredient here is a supermarket staple.\n\n' +
        'Start with 350 g of short-grain rice; everything else, including 300 g of beef mince, 200 g of spinach and 45 ml of gochujang, supports it. ' +
        'Cook over medium-high heat for 12 minutes, until the rice at the bottom of the pan turns crisp. From start to finish that is 34 minutes.\n\n' +
        'This is part 4 of 4 in our Bibimbap series.',
      category: 'recipes',
      tags: ['korean'],
    };
    const seniors = segments.find((segment) => segment.name === 'Seniors 65+')!;
    const { body } = writeTemplateText({ item: bibimbap, segment: seniors });
    expect(steps(body).map((step) => step.split(' ')[0])).toEqual(['Start', 'Cook']);
    for (const figure of ['350 g', '300 g', '200 g', '45 ml', '12 minutes', '34 minutes']) expect(body).toContain(figure);
    expect(body).not.toMatch(/part 4 of 4/);
    // Context gets one line before the steps, at most: never a number.
    expect(steps(body).join(" ")).not.toMatch(/Jeonju/);
  });
});
