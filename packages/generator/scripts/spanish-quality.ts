/**
 * The Spanish segment's figures over a catalog: how many items have a Spanish source, how many of
 * the segment's variants are detected as Spanish, and how many meet the Spanish readability target
 * (the reading-grade check on INFLESZ). The quality report prints them; the Spanish test holds the engine to them.
 */
import { checkGuardrails, type SourceItem, type TargetSegment, writeTemplateText } from '../src/index.js';
import { detectLanguage } from '../src/guardrails/language-detector.js';
import { translationFor } from '../src/localized-source.js';
import { isSpanishLocale } from '../src/text/spanish/spanish-locale.js';

export interface SpanishFigures {
  items: number;
  withSpanishSource: number;
  variants: number;
  detectedSpanish: number;
  readabilityMet: number;
  /** Variants whose grammar or locale check failed. */
  failedGrammarOrLocale: number;
}

export async function measureSpanish(items: readonly SourceItem[], segments: readonly TargetSegment[], alternatives = 2): Promise<SpanishFigures> {
  const spanish = segments.filter((segment) => isSpanishLocale(segment.style.locale));
  const figures: SpanishFigures = { items: items.length, withSpanishSource: 0, variants: 0, detectedSpanish: 0, readabilityMet: 0, failedGrammarOrLocale: 0 };
  for (const item of items) {
    if (translationFor(item, 'es') !== null) figures.withSpanishSource++;
    for (const segment of spanish) {
      for (let alternative = 0; alternative < alternatives; alternative++) {
        const content = writeTemplateText({ item, segment, alternative });
        figures.variants++;
        if (detectLanguage(content.body, 20) === 'spa') figures.detectedSpanish++;
        const { report } = await checkGuardrails({ content, source: item, segment });
        const status = (name: string) => report.checks.find((check) => check.name === name)?.status;
        if (status('reading-grade') === 'pass') figures.readabilityMet++;
        if (status('grammar') === 'fail' || status('locale') === 'fail') figures.failedGrammarOrLocale++;
      }
    }
  }
  return figures;
}

export function spanishRows(figures: SpanishFigures): [string, string][] {
  const share = (n: number, of: number) => `${n} of ${of} (${of === 0 ? '0.0' : ((100 * n) / of).toFixed(1)}%)`;
  return [
    ['items with a Spanish source', share(figures.withSpanishSource, figures.items)],
    ['Spanish-segment variants', String(figures.variants)],
    ['  detected as Spanish (franc-min)', share(figures.detectedSpanish, figures.variants)],
    ['  INFLESZ target met (±10)', share(figures.readabilityMet, figures.variants)],
    ['  grammar or locale check failed', share(figures.failedGrammarOrLocale, figures.variants)],
  ];
}
