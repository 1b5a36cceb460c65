import type { TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment } from '../../generation-input.types.js';
import { sourceForSegment } from '../../localized-source.js';
import { writeSpanishTemplateText } from './spanish-template.engine.js';

/**
 * The template engine's one hook for Spanish: a Spanish segment of an item that has a Spanish
 * source gets that source adapted in Spanish; anything else (no translation, another language)
 * returns null and the English engine writes it, with a note for a reader of another language.
 */
export function spanishSourceWriter(input: { item: SourceItem; segment: TargetSegment; brandVoice?: BrandVoice | undefined; alternative?: number | undefined }): TTextContent | null {
  const localized = sourceForSegment(input.item, input.segment.style.locale);
  if (localized.translatedFrom === null) return null;
  return writeSpanishTemplateText({
    source: localized.item,
    summary: localized.summary,
    translatedFrom: localized.translatedFrom,
    segment: input.segment,
    brandVoice: input.brandVoice,
    alternative: input.alternative,
  });
}
