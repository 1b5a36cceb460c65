/**
 * What an editor would object to in template variants, counted over a catalog × segments: the
 * quality report prints it, and the catalog test holds the engine to it.
 */
import type { TTextContent } from '@persona/shared';
import { checkGuardrails, type SourceItem, type TargetSegment, writeTemplateText } from '../src/index.js';
import { extractNames } from '../src/guardrails/fact-extractor.js';
import { grammarProblems, hasRepeatedColon } from '../src/text/english-grammar.js';
import { stripMarkup } from '../src/text/markup-sanitizer.js';
import { readsAsSpanish } from '../src/guardrails/checks/spanish-text.check.js';
import { splitSentences } from '../src/text/text-statistics.js';

export interface QualityCounts {
  variants: number;
  semicolonCapital: number;
  fragments: number;
  repeatedColonTitles: number;
  articles: number;
  /** "1 litres", "Plan 1 sessions": a count of one before a plural. */
  numberAgreement: number;
  /** Variants whose attribution guardrail fails: a figure tied to another thing than in the source. */
  attributionMismatches: number;
  summaryIsFirstSentence: number;
  lengthWithin20: number;
  /** Within ±20%, or short of it only because the body already carries the whole item (the length check warns). */
  lengthWithin20OrWholeSource: number;
  gradeWithin2: number;
  /** Variants with at least one of the grammar problems above. */
  ungrammatical: number;
}

export interface BuiltVariant {
  item: SourceItem;
  segment: TargetSegment;
  alternative: number;
  content: TTextContent;
}

/** Every item × segment × headline alternative, each item's variants written knowing their siblings, as the API does. */
export function buildVariants(items: readonly SourceItem[], segments: readonly TargetSegment[], alternatives = 2): BuiltVariant[] {
  const built: BuiltVariant[] = [];
  for (const item of items) {
    for (let alternative = 0; alternative < alternatives; alternative++) {
      const siblings: TTextContent[] = [];
      for (const segment of segments) {
        const content = writeTemplateText({ item, segment, alternative, siblings: [...siblings] });
        siblings.push(content);
        built.push({ item, segment, alternative, content });
      }
    }
  }
  return built;
}

export async function measureQuality(variants: readonly BuiltVariant[]): Promise<QualityCounts> {
  const counts: QualityCounts = { variants: 0, semicolonCapital: 0, fragments: 0, repeatedColonTitles: 0, articles: 0, numberAgreement: 0, attributionMismatches: 0, summaryIsFirstSentence: 0, lengthWithin20: 0, lengthWithin20OrWholeSource: 0, gradeWithin2: 0, ungrammatical: 0 };
  for (const { item, segment, content } of variants) {
    counts.variants++;
    // Names: capitalised words the source never writes in lowercase ("Lenovo" after a semicolon is fine).
    const lowercase = new Set(item.body.match(/(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu) ?? []);
    const names = new Set(extractNames(item.body).map((name) => name.word).filter((word) => !lowercase.has(word.toLowerCase())));
    // A headline is not a sentence ("Charlotte or Maris Piper?"): it is judged for its articles only.
    // Spanish text is judged by the Spanish checks (the quality report's Spanish rows), not by English grammar.
    const problems = readsAsSpanish({ content, style: segment.style })
      ? []
      : [
          ...grammarProblems(content.title, names).filter((problem) => problem.kind === 'article'),
          ...grammarProblems([content.summary, content.body, content.cta].join('\n\n'), names),
        ];
    const has = (kind: string) => problems.some((problem) => problem.kind === kind);
    if (has('semicolon-capital')) counts.semicolonCapital++;
    if (has('fragment')) counts.fragments++;
    if (has('article')) counts.articles++;
    if (has('number-agreement')) counts.numberAgreement++;
    const repeatedColon = hasRepeatedColon(content.title);
    if (repeatedColon) counts.repeatedColonTitles++;
    if (problems.length > 0 || repeatedColon) counts.ungrammatical++;
    if (echoesFirstSentence(content.summary, item.body)) counts.summaryIsFirstSentence++;
    const { report } = await checkGuardrails({ content, source: item, segment });
    const status = (name: string) => report.checks.find((check) => check.name === name)?.status;
    if (status('length') === 'pass') counts.lengthWithin20++;
    const length = report.checks.find((check) => check.name === 'length');
    if (length?.status === 'pass' || (length?.status === 'warn' && length.detail.includes('the item itself has'))) counts.lengthWithin20OrWholeSource++;
    if (status('attribution') === 'fail') counts.attributionMismatches++;
    if (status('reading-grade') === 'pass') counts.gradeWithin2++;
  }
  return counts;
}

/** Whether a summary is (a light rewrite of) the source's opening sentence: most of its words are that sentence's. */
export function echoesFirstSentence(summary: string, body: string): boolean {
  const first = splitSentences(stripMarkup(body).text)[0] ?? '';
  const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\d]+/gu) ?? []);
  const own = words(summary);
  const opening = words(first);
  if (own.size === 0 || opening.size === 0) return false;
  const shared = [...own].filter((word) => opening.has(word)).length;
  return shared / Math.min(own.size, opening.size) >= 0.7;
}

export function qualityRows(counts: QualityCounts): [string, string][] {
  const share = (n: number) => `${n} (${((100 * n) / counts.variants).toFixed(1)}%)`;
  return [
    ['variants', String(counts.variants)],
    ['"; Capital" joins', share(counts.semicolonCapital)],
    ['fragments', share(counts.fragments)],
    ['titles with two colons', share(counts.repeatedColonTitles)],
    ['a/an against the sound', share(counts.articles)],
    ['"1" before a plural', share(counts.numberAgreement)],
    ['any of the five above', share(counts.ungrammatical)],
    ['attribution mismatches', share(counts.attributionMismatches)],
    ['summary = source\'s first sentence', share(counts.summaryIsFirstSentence)],
    ['length within ±20%', share(counts.lengthWithin20)],
    ['… or the whole item when it is shorter', share(counts.lengthWithin20OrWholeSource)],
    ['reading grade within ±2', share(counts.gradeWithin2)],
  ];
}
