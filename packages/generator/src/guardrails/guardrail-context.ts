import type { TGuardrailCheck, TSegmentStyle, TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem } from '../generation-input.types.js';
import { memoizeByString } from '../text/string-memo.js';

/** What every check sees: the (markup-free) variant, what it was made from, and its siblings. */
export interface GuardrailContext {
  content: TTextContent;
  source: SourceItem;
  style: TSegmentStyle;
  brandVoice: BrandVoice | undefined;
  /** Variants of the same item for other segments, for the distinctness check. */
  siblings: readonly TTextContent[];
  /** The locale tag of the translation `source` is (see `sourceForSegment`), or null: the item's own fields. */
  sourceLocale?: string | null;
}

export type GuardrailCheck = (context: GuardrailContext) => TGuardrailCheck;

/** The reader-facing text of a variant, in reading order. */
export function variantText(content: TTextContent): string {
  return [content.title, content.summary, content.body, content.cta].join('\n\n');
}

export function sourceText(source: SourceItem): string {
  return [source.title, source.body, source.category, source.tags.join(', ')].join('\n\n');
}

/** What the creator put in the brief and may therefore appear in a variant whatever it is (a link, a code). */
export function briefPhrases(style: TSegmentStyle, brandVoice: BrandVoice | undefined): string[] {
  return [...style.mustInclude, brandVoice?.name ?? ''].filter((phrase) => phrase.trim() !== '');
}

/** `text` with every brief phrase blanked out, so checks for what nobody asked for do not see them. */
export function withoutBriefPhrases(text: string, phrases: readonly string[]): string {
  let remaining = text;
  for (const phrase of phrases) remaining = remaining.replace(phrasePattern(phrase), ' ');
  return remaining;
}

/** Compiled once per phrase: three checks blank the same phrases out of every variant of a segment. */
const phrasePattern = memoizeByString((phrase) => new RegExp(phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), 1_000);

/** `term` as a whole word or phrase, case-insensitive. */
export function mentions(text: string, term: string): boolean {
  return termPattern(term).test(text);
}

/** Compiled once per term: the same must-avoid list is checked against every source sentence of every segment. */
const termPattern = memoizeByString((term) => {
  const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // No `g` flag: `test` keeps no state between calls, so one instance serves every caller.
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
}, 1_000);
