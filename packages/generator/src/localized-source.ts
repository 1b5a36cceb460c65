import type { SourceItem, SourceTranslation } from './generation-input.types.js';
import { isSpanishLocale } from './text/spanish/spanish-locale.js';

/** The item as written for a locale: its translation for that locale, or its own fields when it has none. */
export interface LocalizedSource {
  item: SourceItem;
  /** The locale tag of the translation used ("es-MX", "es"), or null: the item's own fields. */
  translatedFrom: string | null;
  /** The translation's own summary, when it has one. */
  summary: string | null;
}

/**
 * The translation that serves a locale: the exact tag first ("es-MX"), then the bare language
 * ("es"), then any region of the same language ("es-ES" for "es-MX", the first in tag order).
 * Tags compare case-insensitively; "_" counts as "-".
 */
export function translationFor(item: SourceItem, locale: string): [string, SourceTranslation] | null {
  const translations = Object.entries(item.translations ?? {}).filter(([, translation]) => translation.title.trim() !== '');
  if (translations.length === 0) return null;
  const wanted = locale.replace(/_/g, '-').toLowerCase();
  const language = wanted.split('-')[0] ?? wanted;
  const tagged = translations.map(([tag, translation]) => ({ tag, key: tag.replace(/_/g, '-').toLowerCase(), translation }));
  const found =
    tagged.find((entry) => entry.key === wanted) ??
    tagged.find((entry) => entry.key === language) ??
    tagged.filter((entry) => entry.key.split('-')[0] === language).sort((a, b) => a.key.localeCompare(b.key))[0];
  return found === undefined ? null : [found.tag, found.translation];
}

/** The source a segment of `locale` is adapted from and checked against: the item in that language when it has it. */
export function localizedSource(item: SourceItem, locale: string): LocalizedSource {
  const found = translationFor(item, locale);
  if (found === null) return { item, translatedFrom: null, summary: null };
  const [tag, translation] = found;
  const summary = translation.summary?.trim() ?? '';
  return {
    item: { title: translation.title, body: translation.body, category: item.category, tags: item.tags },
    translatedFrom: tag,
    summary: summary === '' ? null : summary,
  };
}

/**
 * What generation for a segment adapts, and what its guardrails compare the variant with: the
 * item's Spanish source for a Spanish segment when it has one, else the item's own fields. One
 * rule for every engine and the checks, so a variant is always judged against what it was made from.
 * Translations into other languages are stored and served, but no engine writes from them yet.
 */
export function sourceForSegment(item: SourceItem, locale: string): LocalizedSource {
  return isSpanishLocale(locale) ? localizedSource(item, locale) : { item, translatedFrom: null, summary: null };
}
