import type { TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment } from '../generation-input.types.js';
import { extractQuantities } from '../guardrails/fact-extractor.js';
import { countWords, readingGrade } from '../text/text-statistics.js';
import { formatBody } from './body-formatter.js';
import { elevateSentence, joinSentences, simplifySentence } from './register-rewriter.js';
import { scoreSentences, type ScoredSentence } from './sentence-scorer.js';
import { prepareSource } from './source-sentences.js';
import { categoryAction, headlineEmoji, TONE_PHRASES } from './tone-phrasebook.js';

export const TEMPLATE_ENGINE = 'template';

export interface TemplateTextInput {
  item: SourceItem;
  segment: TargetSegment;
  brandVoice?: BrandVoice;
  /** Which of the alternative headlines and calls to action to use (n variants differ by it). */
  alternative?: number;
}

interface Unit {
  source: ScoredSentence;
  sentences: string[];
  words: number;
}

/** Readers at or above this grade get joined sentences and exact words; below it, split and plain. */
const DENSE_GRADE = 10;

/**
 * The offline text engine: deterministic adaptation of an item to a segment, with no network.
 * Extractive summarisation to the target length (sentences ranked for the segment), rewriting
 * toward the target reading grade (split and plain words, or joined and exact words), the
 * segment's format, and a headline and call to action in the segment's tone built around the
 * item's own title. It never writes a fact that is not in the item.
 */
export function writeTemplateText(input: TemplateTextInput): TTextContent {
  const { item, segment } = input;
  const style = segment.style;
  const alternative = input.alternative ?? 0;
  const phrases = TONE_PHRASES[style.tone];
  const avoid = [...style.mustAvoid, ...(input.brandVoice?.avoid ?? [])];
  const prepared = prepareSource(item, avoid);
  const scored = scoreSentences(prepared.sentences, item.title, style, `${segment.name} ${style.persona}`);
  const dense = style.readingGrade >= DENSE_GRADE;
  const units: Unit[] = scored.map((source) => {
    const sentences = dense ? [elevateSentence(source.text)] : simplifySentence(source.text, style.readingGrade);
    return { source, sentences, words: sentences.reduce((sum, sentence) => sum + countWords(sentence), 0) };
  });
  const opener = style.format === 'narrative' ? '' : phrases.opener;
  const budget = style.targetWords - countWords(opener);
  const chosen = chooseUnits(units, budget, style.readingGrade);
  const usedWords = countWords(opener) + chosen.reduce((sum, unit) => sum + unit.words, 0);
  const recap = usedWords < style.targetWords * 0.85 ? keyFigures(units, style.targetWords - usedWords) : [];
  const body = layOut(chosen, { opener, recap, dense, lowercaseWords: prepared.lowercaseWords, style });

  const title = pick(phrases.headlines, alternative).replace('{title}', item.title) + headlineEmoji(item.category, style.emoji);
  const lead = [...chosen].sort((a, b) => b.source.score - a.source.score)[0];
  const summary = lead === undefined ? item.title : lead.sentences.join(' ');
  const cta = pick(phrases.ctas, alternative).replace('{action}', categoryAction(item.category));
  const dropped = prepared.dropped.length === 0 ? '' : ` Left out ${prepared.dropped.length} source sentence(s) (${[...new Set(prepared.dropped.map((entry) => entry.why))].join(', ')}).`;
  const rationale =
    `For ${segment.name}: ${style.format} in a ${style.tone} tone; kept ${chosen.length} of ${units.length} source sentences ` +
    `ranked for this reader, ${dense ? 'joined into longer sentences with exact wording' : 'split into short sentences with plain words'} ` +
    `toward grade ${style.readingGrade} (measured ${readingGrade(body).toFixed(1)}); ${countWords(body)} words for a target of ${style.targetWords}.${dropped}`;
  return { title: clip(title, 300), summary: clip(summary, 1000), body: clip(body, 20_000), cta: clip(cta, 120), rationale: clip(rationale, 2000) };
}

/**
 * The best-ranked units that fill the word budget, in document order. A unit that would overshoot
 * by more than a tenth is skipped for a shorter one; hard sentences go last for young grades.
 */
function chooseUnits(units: readonly Unit[], budget: number, targetGrade: number): Unit[] {
  const ranked = [...units].sort((a, b) => b.source.score - a.source.score);
  const chosen: Unit[] = [];
  let words = 0;
  for (const unit of ranked) {
    if (words >= budget * 0.95) break;
    if (words + unit.words > budget * 1.1 && words > 0) continue;
    if (targetGrade <= 8 && readingGrade(unit.sentences.join(' ')) > targetGrade + 6 && words + unit.words > budget * 0.5) continue;
    chosen.push(unit);
    words += unit.words;
  }
  return chosen.sort((a, b) => a.source.position - b.source.position);
}

interface Layout {
  opener: string;
  recap: string[];
  dense: boolean;
  lowercaseWords: ReadonlySet<string>;
  style: TargetSegment['style'];
}

/**
 * The formatted body, with sentences joined by as many as brings the whole body closest to the
 * reader's grade: up to 4 per sentence for dense readers, 2 for the others (a source written
 * below their grade is brought up to it, not left there).
 */
function layOut(chosen: readonly Unit[], layout: Layout): string {
  const byParagraph = new Map<number, string[]>();
  for (const unit of chosen) byParagraph.set(unit.source.paragraph, [...(byParagraph.get(unit.source.paragraph) ?? []), ...unit.sentences]);
  const paragraphs = [...byParagraph.values()];
  const render = (perJoin: number) =>
    formatBody(
      {
        paragraphs: paragraphs.map((paragraph) => joinSentences(paragraph, layout.lowercaseWords, perJoin)),
        opener: layout.opener,
        recap: layout.recap,
        recapPerSentence: perJoin + 1,
      },
      layout.style.format,
      layout.style.emoji,
    );
  const target = layout.style.readingGrade;
  return (layout.dense ? [1, 2, 3, 4] : [1, 2])
    .map(render)
    .reduce((best, body) => (Math.abs(readingGrade(body) - target) < Math.abs(readingGrade(best) - target) ? body : best));
}

/**
 * A recap of the item's figures, for readers whose target length is longer than the item: the
 * shortest clause around each number, in document order, until the missing words are filled.
 */
function keyFigures(units: readonly Unit[], missingWords: number): string[] {
  const lines: string[] = [];
  let words = 0;
  const seen = new Set<string>();
  for (const unit of [...units].sort((a, b) => a.source.position - b.source.position)) {
    for (const clause of unit.source.text.split(/[;,:]\s+|\.\s*$/)) {
      const trimmed = clause.trim().replace(/\.$/, '');
      const quantities = extractQuantities(trimmed);
      if (quantities.length === 0 || countWords(trimmed) < 3 || words >= missingWords) continue;
      const key = quantities.map((quantity) => quantity.text).join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(asFactEntry(lowerFirstIfCommon(trimmed)));
      words += countWords(trimmed);
    }
  }
  return lines;
}

/** "start with 400 g of spaghetti" becomes the fact-sheet entry "spaghetti, 400 g". */
function asFactEntry(clause: string): string {
  const match = /(?:^|\s)([$€£]?\d[\d,.]*(?:\s?(?:%|°[CF]|[a-zA-Z]+))?)\s+of\s+([^;,]+)$/u.exec(clause);
  if (match === null) return clause;
  const [, quantity = '', subject = ''] = match;
  const unit = extractQuantities(quantity)[0]?.unit ?? null;
  // Only measured amounts ("400 g of", "2 litres of"); "part 2 of" or "the 25th of" read wrong reversed.
  if (unit === null || /^[$€£%]$/.test(unit)) return clause;
  return `${subject.trim()}, ${quantity}`;
}

/** "The pan work" reads on inside a list as "the pan work"; "Pecorino Romano" stays a name. */
function lowerFirstIfCommon(clause: string): string {
  const first = /^\p{L}+/u.exec(clause)?.[0] ?? '';
  return /^(?:The|This|That|These|Those|A|An|It|Its|Each|Every|Start|Take|Getting|From|Above|Below|Roughly|About|Including|With|For|At|In|On)$/.test(first)
    ? first.toLowerCase() + clause.slice(first.length)
    : clause;
}

function pick<T>(options: readonly T[], index: number): T {
  return options[index % options.length] as T;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
