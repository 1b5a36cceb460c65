import type { TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment } from '../../generation-input.types.js';
import { mentions } from '../../guardrails/guardrail-context.js';
import { redactPii } from '../../guardrails/pii-redactor.js';
import { stripMarkup } from '../../text/markup-sanitizer.js';
import { inflesz, infleszBand, spanishEaseTarget } from '../../text/spanish/spanish-readability.js';
import { splitSpanishSentences } from '../../text/spanish/spanish-sentences.js';
import { countWords } from '../../text/text-statistics.js';
import { unusableBecause } from '../source-sentences.js';
import { bulletMarker, headlineEmoji } from '../tone-phrasebook.js';
import { SPANISH_TONE_PHRASES, spanishCategoryAction, spanishSummaryLead } from './spanish-phrasebook.js';

export interface SpanishTemplateInput {
  /** The item as written in Spanish (its translation's title and body, its own category and tags). */
  source: SourceItem;
  /** The translation's own summary, used as written when it has one. */
  summary: string | null;
  /** The locale tag of the translation ("es", "es-MX"), for the rationale. */
  translatedFrom: string;
  segment: TargetSegment;
  brandVoice?: BrandVoice | undefined;
  alternative?: number | undefined;
}

interface SpanishSentence {
  text: string;
  position: number;
  paragraph: number;
  words: number;
  ease: number;
  score: number;
}

/**
 * The template engine for a Spanish segment of an item that has a Spanish source: an extract of
 * the Spanish sentences ranked for the reader, fitted to the target length, chosen so the body
 * reads near the segment's INFLESZ target, laid out in the segment's format, with a Spanish
 * headline, summary and call to action. Sentences are kept whole, as their author wrote them:
 * the engine does not re-write Spanish grammar, so a sentence is never glued or cut.
 */
export function writeSpanishTemplateText(input: SpanishTemplateInput): TTextContent {
  const { source, segment } = input;
  const style = segment.style;
  const alternative = input.alternative ?? 0;
  const phrases = SPANISH_TONE_PHRASES[style.tone];
  const target = spanishEaseTarget(style);
  const avoid = [...style.mustAvoid, ...(input.brandVoice?.avoid ?? [])];
  const { sentences, dropped } = spanishSentences(source, avoid);
  const opener = style.format === 'narrative' ? '' : phrases.opener;
  const budget = style.targetWords - countWords(opener);

  // Two rankings: one that weighs facts and position most, one that favours sentences near the target ease; the body closer to the target wins.
  const candidates = [1 / 40, 1 / 12].map((easeWeight) => {
    const ranked = sentences.map((sentence) => ({ ...sentence, score: sentence.score - easeWeight * Math.abs(sentence.ease - target) }));
    const chosen = chooseSentences(ranked, budget);
    const body = layOut(chosen, opener, style.format, style.emoji);
    return { chosen, body, ease: inflesz(body) };
  });
  const best = candidates.reduce((a, b) => (Math.abs(b.ease - target) < Math.abs(a.ease - target) - 1 ? b : a));

  const title = readerTitle(source, phrases, alternative) + headlineEmoji(source.category, style.emoji);
  const lead = [...best.chosen].filter((sentence) => sentence.position > 0).sort((a, b) => b.score - a.score)[0];
  const summary = input.summary ?? [spanishSummaryLead(source.title, source.category, style.format), ...(lead === undefined ? [] : [lead.text])].join(' ');
  const cta = pick(phrases.ctas, alternative).replace('{action}', spanishCategoryAction(source.category));
  const band = infleszBand(best.ease);
  const left = dropped.length === 0 ? '' : ` Left out ${dropped.length} source sentence(s) (${[...new Set(dropped)].join(', ')}).`;
  const rationale =
    `For ${segment.name}: adapted from the item's Spanish source (translation "${input.translatedFrom}"); ${style.format} in a ${style.tone} tone; ` +
    `kept ${best.chosen.length} of ${sentences.length} Spanish sentences, whole, ranked for this reader; INFLESZ ${best.ease.toFixed(1)} ` +
    `("${band.label}") for a target of ${target}; ${countWords(best.body)} words for a target of ${style.targetWords}.${left}`;
  return { title: clip(title, 300), summary: clip(summary, 1000), body: clip(best.body, 20_000), cta: clip(cta, 120), rationale: clip(rationale, 2000) };
}

/** The Spanish body's usable sentences, scored: figures and the opening rank high, series notes low. */
function spanishSentences(source: SourceItem, avoid: readonly string[]): { sentences: SpanishSentence[]; dropped: string[] } {
  const clean = redactPii(stripMarkup(source.body).text).redacted;
  const titleWords = contentWords(source.title);
  const sentences: SpanishSentence[] = [];
  const dropped: string[] = [];
  clean
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split(/\n/).flatMap(splitSpanishSentences))
    .filter((paragraph) => paragraph.length > 0)
    .forEach((paragraph, paragraphIndex) => {
      for (const text of paragraph) {
        const unusable = unusableBecause(text);
        if (unusable !== null) dropped.push(unusable);
        else if (avoid.some((term) => mentions(text, term))) dropped.push('avoided term');
        else if (!text.includes('removed]')) {
          const position = sentences.length;
          const own = contentWords(text);
          const onTopic = own.size === 0 ? 0 : [...own].filter((word) => titleWords.has(word)).length / Math.min(own.size, Math.max(1, titleWords.size));
          const score = 1 - position * 0.04 + (/\d/.test(text) ? 0.5 : 0) + 0.3 * onTopic - (SERIES_NOTE.test(text) ? 0.8 : 0);
          sentences.push({ text, position, paragraph: paragraphIndex, words: countWords(text), ease: inflesz(text), score });
        }
      }
    });
  return { sentences, dropped };
}

/** A note about the item's place in a series: what a reader of one variant needs least. */
const SERIES_NOTE = /\b(?:serie|parte \d+ de \d+|entrega)\b/i;

function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map((word) => word.slice(0, 6)));
}

/** The best-scored sentences that fill the word budget, in the author's order. */
function chooseSentences(sentences: readonly SpanishSentence[], budget: number): SpanishSentence[] {
  const ranked = [...sentences].sort((a, b) => b.score - a.score);
  const chosen: SpanishSentence[] = [];
  let words = 0;
  for (const sentence of ranked) {
    if (words >= budget * 0.95) break;
    if (words + sentence.words > budget * 1.1 && words > 0) continue;
    chosen.push(sentence);
    words += sentence.words;
  }
  return chosen.sort((a, b) => a.position - b.position);
}

function layOut(chosen: readonly SpanishSentence[], opener: string, format: TargetSegment['style']['format'], emoji: TargetSegment['style']['emoji']): string {
  if (format === 'narrative') {
    const paragraphs = new Map<number, string[]>();
    for (const sentence of chosen) paragraphs.set(sentence.paragraph, [...(paragraphs.get(sentence.paragraph) ?? []), sentence.text]);
    return [opener, ...[...paragraphs.values()].map((paragraph) => paragraph.join(' '))].filter((line) => line !== '').join('\n\n');
  }
  const lines = chosen.map((sentence, index) => (format === 'steps' ? `${index + 1}. ` : bulletMarker(index, emoji)) + sentence.text);
  return [opener, ...lines].join('\n');
}

function readerTitle(source: SourceItem, phrases: (typeof SPANISH_TONE_PHRASES)[keyof typeof SPANISH_TONE_PHRASES], alternative: number): string {
  const title = source.title.trim().replace(/[.]$/, '');
  // A question, an exclamation or a title already in two parts ("…: …", "…, …") is a headline of its own: nothing is hung after it.
  if (/[?!]$/.test(title) || /[:,]/.test(title)) return title;
  const pattern = pick(phrases.headlines, alternative);
  return pattern.replace('{title}', () => title);
}

function pick<T>(options: readonly T[], index: number): T {
  return options[index % options.length] as T;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
