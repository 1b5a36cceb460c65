import { extractQuantities } from '../guardrails/fact-extractor.js';
import { countWords } from '../text/text-statistics.js';
import type { SourceSentence } from './source-sentences.js';

/** A clause of a source sentence that carries a number: a candidate line of the figures recap. */
export interface FigureClause {
  /** The clause's numbers: a clause repeating figures already recapped is skipped. */
  key: string;
  words: number;
  /** The clause as a fact-sheet entry. */
  entry: string;
}

/** The clauses of a sentence with a number and at least three words, in order. */
export function figureClauses(sentence: string): FigureClause[] {
  const clauses: FigureClause[] = [];
  for (const clause of sentence.split(/[;,:]\s+|\.\s*$/)) {
    const trimmed = clause.trim().replace(/\.$/, '');
    const quantities = extractQuantities(trimmed);
    const words = countWords(trimmed);
    if (quantities.length === 0 || words < 3) continue;
    clauses.push({ key: quantities.map((quantity) => quantity.text).join('|'), words, entry: asFactEntry(lowerFirstIfCommon(trimmed)) });
  }
  return clauses;
}

/**
 * A recap of the item's figures, for readers whose target length is longer than the item: the
 * shortest clause around each number, in document order, until the missing words are filled.
 */
export function keyFigures(sentences: readonly SourceSentence[], missingWords: number): string[] {
  const lines: string[] = [];
  let words = 0;
  const seen = new Set<string>();
  for (const sentence of [...sentences].sort((a, b) => a.position - b.position)) {
    for (const clause of sentence.profile.figureClauses) {
      if (words >= missingWords || seen.has(clause.key)) continue;
      seen.add(clause.key);
      lines.push(clause.entry);
      words += clause.words;
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
