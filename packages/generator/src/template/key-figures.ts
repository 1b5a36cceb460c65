import { extractFacts, extractQuantities } from '../guardrails/fact-extractor.js';
import { isCompleteSentence } from '../text/english-grammar.js';
import { countWords } from '../text/text-statistics.js';
import { capitalise } from './register-rewriter.js';
import type { SourceSentence } from './source-sentences.js';

/** A figure of a source sentence the recap can carry, always in the source's own words. */
export interface FigureClause {
  /** The figures it carries: a figure already recapped is not recapped again. */
  key: string;
  words: number;
  /** "amount": a measured thing ("200 g of spinach"), listed; "clause": a clause that is a sentence on its own. */
  kind: 'amount' | 'clause';
  text: string;
}

const NOT_AN_AMOUNT = /^(?:parts?|seasons?|times?|steps?|days?|weeks?|months?|years?|hours?|minutes?|people|portions?|rounds?)\b/;
const LEANS_ON_CONTEXT = /^(?:but|or|yet|that|these|those|which|who|where|when)\b/i;

/**
 * The figures of a sentence as the recap can use them, in order: each measured amount with the
 * thing it measures exactly as the source words it ("200 g of spinach", "5 eggs"), and each clause
 * around another figure that stands as a sentence on its own. Nothing is reordered or re-attached,
 * so a number never moves to another noun.
 */
export function figureClauses(sentence: string): FigureClause[] {
  const figures: FigureClause[] = [];
  const listed = new Set<string>();
  for (const fact of extractFacts(sentence)) {
    // "5 parts", "2 seasons": counts of time or of the series say nothing on their own.
    if (fact.thing === null || (fact.quantity.unit === null && NOT_AN_AMOUNT.test(fact.thing))) continue;
    const joiner = fact.quantity.unit === null ? ' ' : ' of ';
    const at = sentence.toLowerCase().indexOf(`${fact.quantity.text}${joiner}${fact.thing}`.toLowerCase());
    if (at === -1) continue;
    const text = sentence.slice(at, at + fact.quantity.text.length + joiner.length + fact.thing.length);
    listed.add(fact.quantity.text);
    figures.push({ key: fact.quantity.text, words: countWords(text), kind: 'amount', text });
  }
  // Clauses end at a semicolon, a colon or a comma before a conjunction: a bare comma may sit between a subject and its verb.
  for (const clause of sentence.split(/[;:]\s+|,\s+(?=(?:and|then|so)\s)/)) {
    // "and look for the first growth around day 27" stands alone as "Look for the first growth around day 27".
    const trimmed = clause.trim().replace(/[.!?]$/, '').replace(/^(?:and|then|so)\s+/i, '');
    const quantities = extractQuantities(trimmed).filter((quantity) => !listed.has(quantity.text));
    // A clause that opens with "but", "which" or the like leans on the sentence it came from.
    if (quantities.length === 0 || countWords(trimmed) < 3 || LEANS_ON_CONTEXT.test(trimmed) || !isCompleteSentence(`${capitalise(trimmed)}.`)) continue;
    figures.push({ key: quantities.map((quantity) => quantity.text).join('|'), words: countWords(trimmed), kind: 'clause', text: capitalise(trimmed) });
  }
  return figures;
}

/**
 * A recap of the item's figures, for readers whose target length is longer than the item, in
 * document order until the missing words are filled: one sentence listing the measured amounts
 * ("The key amounts are 350 g of rice and 200 g of spinach"), then the clauses around other figures,
 * a sentence each. Every entry is a sentence without its final stop.
 */
export function keyFigures(sentences: readonly SourceSentence[], missingWords: number): string[] {
  const amounts: string[] = [];
  const clauses: string[] = [];
  let words = 0;
  const seen = new Set<string>();
  for (const sentence of [...sentences].sort((a, b) => a.position - b.position)) {
    for (const figure of sentence.profile.figureClauses) {
      if (words >= missingWords || seen.has(figure.key)) continue;
      seen.add(figure.key);
      (figure.kind === 'amount' ? amounts : clauses).push(figure.text);
      words += figure.words;
    }
  }
  const listed = amounts.length === 0 ? [] : [amounts.length === 1 ? `The key amount is ${amounts[0]}` : `The key amounts are ${listOf(amounts)}`];
  return [...listed, ...clauses];
}

/** "a", "a and b", "a, b and c". */
function listOf(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
