import { isImperative } from '../text/english-grammar.js';
import { countWords } from '../text/text-statistics.js';
import type { BodyLayout, SentenceLine } from './body-formatter.js';
import { isSeriesNote, keyQuantities, MIN_STEPS } from './instruction-steps.js';
import { keyFigures } from './key-figures.js';
import type { Rewrite } from './sentence-profile.js';
import type { ScoredSentence } from './sentence-scorer.js';

/** A source sentence and what it became for the reader (as in the template engine). */
export interface StepUnit {
  source: ScoredSentence;
  rewrite: Rewrite;
}

export interface StepsPlan {
  /** The units the body uses, in the order they appear in it. */
  chosen: StepUnit[];
  layout: BodyLayout;
}

/**
 * A "steps" body for an item with instructions: its actions, numbered in the order the source
 * gives them; before them, the key facts a reader needs to act (ingredients and quantities, times,
 * amounts, rates, prices), every figure of them whatever the length target; and at most one line of
 * context, the reader's best-ranked one, only when the word budget has room for it. Trivia (where
 * the item sits in its series) is dropped. Null for an item with fewer than `MIN_STEPS` actions: its sentences are not steps.
 */
export function layOutSteps(units: readonly StepUnit[], budget: number, opener: string, redraft: boolean): StepsPlan | null {
  const actions = units.filter((unit) => unit.source.profile.role === 'step');
  if (actions.length < MIN_STEPS) return null;
  const facts = newFacts(units, actions);
  let used = [...actions, ...facts].reduce((sum, unit) => sum + unit.rewrite.words, 0);
  // One line of context, when it fits: a reader who acts on the text needs the actions first. A
  // redraft (a sibling with the same actions and facts reads the same) takes up to three sentences of
  // context, the least repeated, even past the length target: two segments that both asked for
  // steps differ only in what surrounds them.
  const contexts: StepUnit[] = [];
  const candidates = units
    .filter((unit) => unit.source.profile.role === 'context' && !isSeriesNote(unit.source.text))
    .sort((a, b) => b.source.score - a.source.score);
  for (const unit of candidates) {
    if (contexts.length === (redraft ? 3 : 1)) break;
    if (used + unit.rewrite.words > budget * (redraft ? 1.8 : 1.1)) continue;
    contexts.push(unit);
    used += unit.rewrite.words;
  }
  contexts.sort((a, b) => a.source.position - b.source.position);
  // Without context, the tone's opening line, when it fits too.
  const context = contexts.flatMap((unit) => unit.rewrite.sentences).join(' ');
  // A redraft opens with the tone's line as well.
  const intro = redraft ? [opener, context].filter((line) => line !== '').join('\n') : context !== '' ? context : used + countWords(opener) <= budget * 1.1 ? opener : '';
  const steps = actions.flatMap((unit) => stepsOf(unit.rewrite.sentences));
  const factSentences = (redraft ? figuresOnly(facts) : null) ?? facts.flatMap((unit) => unit.rewrite.sentences.map((sentence) => sentence.replace(/[.!?]$/, '')));
  const lines: SentenceLine[] = [
    ...(facts.length === 0 ? [] : [{ marker: '', sentences: factSentences.map((sentence) => [sentence]) }]),
    ...steps.map((sentences, index) => ({ marker: `${index + 1}. `, sentences: sentences.map(asClauses) })),
  ];
  const chosen = [...contexts, ...facts, ...actions];
  return { chosen, layout: { opener: intro, lines, separator: '\n', recap: null } };
}

/**
 * The key-fact sentences, in source order, each only when it carries a figure the actions and the
 * facts before it do not: "Getting everything ready takes 25 minutes" after "This version trims the
 * prep to 25 minutes" tells the reader nothing new.
 */
function newFacts(units: readonly StepUnit[], actions: readonly StepUnit[]): StepUnit[] {
  const known = new Set(actions.flatMap((unit) => keyQuantities(unit.source.text)));
  const facts: StepUnit[] = [];
  for (const unit of units) {
    if (unit.source.profile.role !== 'key-fact') continue;
    const figures = keyQuantities(unit.source.text);
    if (figures.every((figure) => known.has(figure))) continue;
    for (const figure of figures) known.add(figure);
    facts.push(unit);
  }
  return facts;
}

/**
 * The key facts as their figures alone, from the fact tuples (`keyFigures`: "The key amounts are
 * 400 g of spaghetti and 4 egg yolks", then the clauses around the other figures, in the source's
 * words): shorter than the sentences, for a redraft that must read differently from a sibling with
 * the same facts. Null when that would lose one of their figures.
 */
function figuresOnly(facts: readonly StepUnit[]): string[] | null {
  const recap = keyFigures(facts.map((unit) => unit.source), Number.POSITIVE_INFINITY);
  const text = recap.join(' ');
  return facts.every((unit) => keyQuantities(unit.source.text).every((figure) => text.includes(figure))) ? recap : null;
}

/** A sentence as a line holds it: one clause, its stop added back when the line is written (`joinedSentence`). */
function asClauses(sentence: string): string[] {
  return [sentence.replace(/[.!?]$/, '')];
}

/**
 * An action's sentences as steps: a sentence that is an instruction of its own (a rewrite may split
 * "Water deeply, and mulch with compost" in two) starts a step; one that is not ("Everything else
 * supports it.") stays with the step before it.
 */
function stepsOf(sentences: readonly string[]): string[][] {
  const steps: string[][] = [];
  for (const sentence of sentences) {
    const last = steps[steps.length - 1];
    if (last === undefined || isImperative(sentence)) steps.push([sentence]);
    else last.push(sentence);
  }
  return steps;
}
