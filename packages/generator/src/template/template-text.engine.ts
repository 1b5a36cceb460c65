import type { TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment } from '../generation-input.types.js';
import { NEAR_DUPLICATE_SIMILARITY, variantSimilarity } from '../guardrails/checks/distinctness.check.js';
import { fixArticles } from '../text/english-grammar.js';
import { countWords } from '../text/text-statistics.js';
import { sharedShingles, wordShingles, type ShingleSet } from '../text/word-shingles.js';
import { layOutBody, type BodyLayout } from './body-formatter.js';
import { gradedBodyText, gradeLayout } from './body-grade.js';
import { keyFigures } from './key-figures.js';
import { joinClauses } from './register-rewriter.js';
import type { Rewrite } from './sentence-profile.js';
import { scoreSentences, type ScoredSentence } from './sentence-scorer.js';
import { layOutSteps } from './steps-layout.js';
import { secondLanguageNote, writesLanguageOf } from './locale-notes.js';
import { isSpanishLocale } from '../text/spanish/spanish-locale.js';
import { spanishSourceWriter } from './spanish/spanish-source.hook.js';
import { prepareSource, readerSafeTitle, unusableBecause } from './source-sentences.js';
import { categoryAction, headlineEmoji, summaryLead, TONE_PHRASES } from './tone-phrasebook.js';

export const TEMPLATE_ENGINE = 'template';

export interface TemplateTextInput {
  item: SourceItem;
  segment: TargetSegment;
  brandVoice?: BrandVoice;
  /** Which of the alternative headlines and calls to action to use (n variants differ by it). */
  alternative?: number;
  /** Variants of the same item already made for other segments: the engine writes away from them. */
  siblings?: readonly TTextContent[];
}

interface Unit {
  source: ScoredSentence;
  /** The source sentence as this reader gets it. */
  rewrite: Rewrite;
}

/** Readers at or above this grade get joined sentences and exact words; below it, split and plain. */
const DENSE_GRADE = 10;
/** How much plainer sentences are made for a reader who gets English as a second language. */
const SECOND_LANGUAGE_GRADE_DROP = 4;

/**
 * Above this similarity to a sibling, the first draft is redone. It sits under the near-duplicate
 * line with room to spare, so a redraft is not one human edit away from failing distinctness.
 */
const REDRAFT_SIMILARITY = NEAR_DUPLICATE_SIMILARITY - 0.1;

/** How a draft departs from the plain extract when a sibling already reads like it. */
interface DraftPlan {
  /** Shingles of the closest sibling: sentences that repeat them rank lower. */
  avoid: ShingleSet | null;
  /** Open with the sentence ranked first for this reader rather than the author's first. */
  leadFirst: boolean;
  /** Whether a short item is padded with the recap of its figures. */
  recap: boolean;
  /** Share of the target length to aim for (the length check allows 80 % to 120 %). */
  budgetShare: number;
}

const FIRST_DRAFT: DraftPlan = { avoid: null, leadFirst: false, recap: true, budgetShare: 1 };
/**
 * A reader who gets English as a second language is better served by the key points than by
 * every sentence: the draft aims at the short end of the length window, in plain English.
 */
const SECOND_LANGUAGE_DRAFT: DraftPlan = { ...FIRST_DRAFT, budgetShare: 0.85 };

/**
 * The offline text engine: deterministic adaptation of an item to a segment, with no network.
 * Extractive summarisation to the target length (sentences ranked for the segment), rewriting
 * toward the target reading grade (split and plain words, or joined and exact words), the
 * segment's format, and a headline and call to action in the segment's tone built around the
 * item's own title. It never writes a fact that is not in the item.
 *
 * Given siblings, a first draft that reads like one of them (a short item leaves two segments
 * little to choose from) is redrafted: the sentences the sibling repeats rank lower, the reader's
 * top sentence leads, the figures recap goes, and the body aims lower in the length window, step
 * by step until it reads differently; the least similar draft within the length window wins.
 */
export function writeTemplateText(input: TemplateTextInput): TTextContent {
  const spanish = spanishSourceWriter(input);
  if (spanish !== null) return spanish;
  const siblings = input.siblings ?? [];
  const first = composeDraft(input, writesLanguageOf(input.segment.style.locale) ? FIRST_DRAFT : SECOND_LANGUAGE_DRAFT);
  const closestTo = (content: TTextContent) => Math.max(0, ...siblings.map((sibling) => variantSimilarity(content, sibling)));
  const firstSimilarity = closestTo(first);
  if (firstSimilarity < REDRAFT_SIMILARITY) return first;
  const closest = siblings.reduce((best, sibling) => (variantSimilarity(first, sibling) > variantSimilarity(first, best) ? sibling : best));
  const avoid = wordShingles(`${closest.title} ${closest.body}`);
  const plans: DraftPlan[] = [
    { avoid, leadFirst: true, recap: true, budgetShare: 1 },
    { avoid, leadFirst: true, recap: false, budgetShare: 1 },
    { avoid, leadFirst: true, recap: false, budgetShare: 0.9 },
    { avoid, leadFirst: true, recap: false, budgetShare: 0.84 },
  ];
  const target = input.segment.style.targetWords;
  // A redraft may not stray further from the target length than the length check allows, or than the first draft did.
  // Steps keep every action and key fact, so a steps redraft can only differ by more context: it may run longer.
  const lengthSlack = Math.max(target * 0.2, Math.abs(countWords(first.body) - target)) + (input.segment.style.format === 'steps' ? target * 0.4 : 0);
  let best = { content: first, similarity: firstSimilarity };
  for (const plan of plans) {
    const content = composeDraft(input, plan);
    if (Math.abs(countWords(content.body) - target) > lengthSlack) continue;
    const similarity = closestTo(content);
    if (similarity < best.similarity) best = { content, similarity };
    if (similarity < REDRAFT_SIMILARITY) break;
  }
  if (best.content === first) return first;
  const note = ` Redrafted to read differently from a sibling variant (${percent(firstSimilarity)} similar at first, ${percent(best.similarity)} now).`;
  return { ...best.content, rationale: clip(best.content.rationale + note, 2000) };
}

function composeDraft(input: TemplateTextInput, plan: DraftPlan): TTextContent {
  const { item, segment } = input;
  const style = segment.style;
  const alternative = input.alternative ?? 0;
  const phrases = TONE_PHRASES[style.tone];
  const avoid = [...style.mustAvoid, ...(input.brandVoice?.avoid ?? [])];
  const prepared = prepareSource(item, avoid);
  const scored = scoreSentences(prepared.sentences, item.title, style, `${segment.name} ${style.persona}`);
  const english = writesLanguageOf(style.locale);
  const dense = english && style.readingGrade >= DENSE_GRADE;
  // A reader of another language gets English they can read as a second language: shorter sentences, plainer words.
  const simplifyTo = english ? style.readingGrade : style.readingGrade - SECOND_LANGUAGE_GRADE_DROP;
  const units: Unit[] = scored.map((source) => {
    const rewrite = dense ? source.profile.elevated() : source.profile.simplified(simplifyTo);
    const repeated = plan.avoid === null ? 0 : shareRepeated(rewrite.sentences.join(' '), plan.avoid);
    // A sentence the sibling already says ranks lower, by as much as the gap between good and middling sentences.
    return { source: { ...source, score: source.score - repeated }, rewrite };
  });
  const note = secondLanguageNote(style.locale);
  const opener = [note, style.format === 'narrative' ? '' : phrases.opener].filter((line) => line !== '').join(style.format === 'narrative' ? '\n\n' : '\n');
  const targetWords = Math.round(style.targetWords * plan.budgetShare);
  const budget = targetWords - countWords(opener);
  // An item with instructions gets its actions as the steps, in source order, for a reader who asked for steps.
  const steps = english && style.format === 'steps' ? layOutSteps(units, targetWords, opener, plan.avoid !== null) : null;
  const chosen = steps?.chosen ?? chooseUnits(units, budget, style.readingGrade, plan.leadFirst);
  const usedWords = countWords(opener) + chosen.reduce((sum, unit) => sum + unit.rewrite.words, 0);
  // The recap carries only figures of sentences the body left out: repeating the body would be padding.
  const unused = units.filter((unit) => !chosen.includes(unit)).map((unit) => unit.source);
  const recap = steps === null && plan.recap && usedWords < targetWords * 0.85 ? keyFigures(unused, targetWords - usedWords) : [];
  // Sentences that are not actions are never numbered as steps: an item without instructions is a list.
  const format = style.format === 'steps' && english && steps === null ? 'bullets' : style.format;
  const { body, grade } = steps === null ? layOut(chosen, { opener, recap, lowercaseWords: prepared.lowercaseWords, style: { ...style, format }, leadFirst: plan.leadFirst }) : gradedSteps(steps.layout);

  const itemTitle = headlineOf(item);
  // A title that asks or exclaims ("Is Router Security Worth It?") is the headline as it is: nothing reads well after its mark.
  const pattern = /[?!]$/.test(itemTitle) ? '{title}' : itemTitle.includes(':') ? phrases.colonFreeHeadline : pick(phrases.headlines, alternative);
  const title = pattern.replace('{title}', () => itemTitle) + headlineEmoji(item.category, style.emoji);
  // The reader's best sentence after the opening one: the opening line is what every extract starts with.
  const lead = [...chosen].filter((unit) => unit.source.position > 0).sort((a, b) => b.source.score - a.source.score)[0];
  const summary = [summaryLead(itemTitle, item.category, format), ...(lead === undefined ? [] : lead.rewrite.sentences)].join(' ');
  const cta = pick(phrases.ctas, alternative).replace('{action}', categoryAction(item.category));
  const dropped = prepared.dropped.length === 0 ? '' : ` Left out ${prepared.dropped.length} source sentence(s) (${[...new Set(prepared.dropped.map((entry) => entry.why))].join(', ')}).`;
  const rationale =
    `For ${segment.name}: ${style.format} in a ${style.tone} tone; kept ${chosen.length} of ${units.length} source sentences ` +
    (steps === null ? '' : `(its ${steps.layout.lines.filter((line) => line.marker !== '').length} actions as numbered steps in source order, the key facts before them) `) +
    `ranked for this reader, ${dense ? 'joined into longer sentences with exact wording' : 'split into short sentences with plain words'} ` +
    `toward grade ${style.readingGrade} (measured ${grade.toFixed(1)}); ${countWords(body)} words for a target of ${style.targetWords}.${dropped}${localeNote(style.locale)}`;
  return { title: clip(title, 300), summary: clip(summary, 1000), body: clip(body, 20_000), cta: clip(cta, 120), rationale: clip(rationale, 2000) };
}

/** The item's title without what no variant may carry; the category when nothing of it is left. */
function headlineOf(item: TemplateTextInput['item']): string {
  const title = fixArticles(readerSafeTitle(item.title));
  if (title !== '') return title;
  const category = item.category.trim();
  return category !== '' && unusableBecause(category) === null ? category.charAt(0).toUpperCase() + category.slice(1) : 'Read on';
}

/** A reviewer (and the locale check) should hear from the variant itself that it is not in the reader's language. */
function localeNote(locale: string): string {
  return writesLanguageOf(locale)
    ? ''
    : ` Written in plain English: the item has no source in ${locale} to adapt${isSpanishLocale(locale) ? ' (add its Spanish translation)' : ', and the template engine writes English and Spanish only; the openai engine can'}.`;
}

/** The share of a sentence's word 3-shingles that `avoid` already holds, 0 to 1. */
function shareRepeated(text: string, avoid: ShingleSet): number {
  const own = wordShingles(text);
  if (own.size === 0) return 0;
  return sharedShingles(own, avoid) / own.size;
}

function percent(similarity: number): string {
  return `${Math.round(similarity * 100)}%`;
}

/**
 * The best-ranked units that fill the word budget, in document order. A unit that would overshoot
 * by more than a tenth is skipped for a shorter one; hard sentences go last for young grades.
 */
function chooseUnits(units: readonly Unit[], budget: number, targetGrade: number, leadFirst: boolean): Unit[] {
  const ranked = [...units].sort((a, b) => b.source.score - a.source.score);
  const chosen: Unit[] = [];
  let words = 0;
  for (const unit of ranked) {
    if (words >= budget * 0.95) break;
    const unitWords = unit.rewrite.words;
    if (words + unitWords > budget * 1.1 && words > 0) continue;
    if (targetGrade <= 8 && unit.rewrite.grade > targetGrade + 6 && words + unitWords > budget * 0.5) continue;
    chosen.push(unit);
    words += unitWords;
  }
  chosen.sort((a, b) => a.source.position - b.source.position);
  const lead = leadFirst ? chosen.reduce<Unit | undefined>((best, unit) => (best === undefined || unit.source.score > best.source.score ? unit : best), undefined) : undefined;
  return lead === undefined ? chosen : [lead, ...chosen.filter((unit) => unit !== lead)];
}

interface Layout {
  opener: string;
  recap: string[];
  lowercaseWords: ReadonlySet<string>;
  style: TargetSegment['style'];
  /** The lead sentence stands as a paragraph of its own before the rest. */
  leadFirst: boolean;
}

/**
 * The formatted body, with its sentences left alone or joined in pairs where that makes a
 * correct sentence (`joinClauses`), whichever brings the whole body closest to the reader's grade
 * (a source written below their grade is brought up to it, not left there), and its reading grade.
 */
function layOut(chosen: readonly Unit[], layout: Layout): { body: string; grade: number } {
  const [lead, ...rest] = chosen;
  const byParagraph = new Map<number | 'lead', readonly string[]>();
  if (layout.leadFirst && lead !== undefined) byParagraph.set('lead', lead.rewrite.sentences);
  for (const unit of layout.leadFirst ? rest : chosen) byParagraph.set(unit.source.paragraph, [...(byParagraph.get(unit.source.paragraph) ?? []), ...unit.rewrite.sentences]);
  const paragraphs = [...byParagraph.values()];
  const render = (perJoin: number) =>
    gradeLayout(
      layOutBody(
        {
          paragraphs: paragraphs.map((paragraph) => joinClauses(paragraph, layout.lowercaseWords, perJoin)),
          opener: layout.opener,
          recap: layout.recap,
        },
        layout.style.format,
        layout.style.emoji,
      ),
    );
  const target = layout.style.readingGrade;
  // Pairs at most: three clauses chained by commas and "and" read as a run-on, whatever the grade.
  const best = [1, 2]
    .map(render)
    .reduce((best, candidate) => (Math.abs(candidate.grade - target) < Math.abs(best.grade - target) ? candidate : best));
  return { body: gradedBodyText(best), grade: best.grade };
}

function gradedSteps(layout: BodyLayout): { body: string; grade: number } {
  const graded = gradeLayout(layout);
  return { body: gradedBodyText(graded), grade: graded.grade };
}

function pick<T>(options: readonly T[], index: number): T {
  return options[index % options.length] as T;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
