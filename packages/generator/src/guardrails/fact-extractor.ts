/** A number as written, with the unit or currency that qualifies it (normalised), if any. */
export interface Quantity {
  text: string;
  value: string;
  unit: string | null;
}

const UNIT_ALIASES: Record<string, string> = {
  g: 'g', gram: 'g', grams: 'g', kg: 'kg', kilo: 'kg', kilos: 'kg', kilograms: 'kg',
  ml: 'ml', millilitres: 'ml', milliliters: 'ml', l: 'l', litre: 'l', litres: 'l', liter: 'l', liters: 'l',
  cm: 'cm', mm: 'mm', m: 'm', km: 'km', mi: 'mi', miles: 'mi', mile: 'mi',
  min: 'min', mins: 'min', minute: 'min', minutes: 'min', h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  second: 's', seconds: 's', day: 'day', days: 'day', week: 'week', weeks: 'week', month: 'month', months: 'month',
  year: 'year', years: 'year', kcal: 'kcal', calories: 'kcal', bpm: 'bpm', mbps: 'mbps', gb: 'gb', tb: 'tb',
  percent: '%', '%': '%', '°c': '°c', '°f': '°f', '$': '$', '€': '€', '£': '£',
};

const QUANTITY =
  /([$€£])?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(%|°[CF]|[a-zA-Z]+)\b)?/g;

/** Every number in a text, with its unit when one follows it (or a currency precedes it). */
export function extractQuantities(text: string): Quantity[] {
  const quantities: Quantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const [, currency, number = '', unitWord] = match;
    const alias = unitWord === undefined ? undefined : UNIT_ALIASES[unitWord.toLowerCase()];
    const unit = currency !== undefined ? UNIT_ALIASES[currency] ?? null : alias ?? null;
    const text = `${currency ?? ''}${number}${alias === undefined || unitWord === undefined ? '' : ` ${unitWord}`}`;
    quantities.push({ text, value: normaliseNumber(number), unit });
  }
  return quantities;
}

function normaliseNumber(number: string): string {
  const plain = number.replace(/,/g, '');
  return plain.includes('.') ? String(Number(plain)) : plain;
}

const STOPWORDS = new Set(
  ('a an the and or but if then so of in on at to for from by with without about into over under after before ' +
    'this that these those it its is are was were be been being do does did have has had you your yours we our ' +
    'they their he she his her i me my not no yes all any each every some most more less many much few very ' +
    'here there when where why how what which who whom whose as than too also just only even still yet').split(' '),
);

/**
 * Ordinary words that open sentences, headlines and calls to action ("Save this", "Key figures"):
 * capitalised there, they are not names.
 */
export const COMMON_WORDS = new Set(
  ('give save read start try take get make see find learn discover join plan check explore book shop watch send ' +
    'share weigh jump go key quick ready something short simple guide step steps figures numbers essentials ' +
    'version points details analysis let us come keep use put add set look pick choose ask call visit follow ' +
    'remember note tip tips why first next then finally today tonight now good great best easy new one two ' +
    'when while once before after because since although though however instead still also plus including ' +
    'everything nothing anything someone everyone people most many some these those our your their its ' +
    'verify purchase commence assist remedy individuals typically frequently approximately sufficient additional').split(' '),
);

export interface NameCandidate {
  word: string;
  /** Sentence-initial (or list-item-initial) capitals may be ordinary words; mid-sentence ones are names. */
  sentenceStart: boolean;
}

/** Capitalised words that are not stopwords: the proper-name candidates of a text. */
export function extractNames(text: string): NameCandidate[] {
  const names: NameCandidate[] = [];
  for (const match of text.matchAll(/(^|[.!?:;•–—]\s*|\n\s*(?:[-*]\s+|\d+\.\s+)?|\s)(\p{Lu}[\p{L}'’-]*)/gu)) {
    const [, before = '', raw = ''] = match;
    const word = raw.replace(/['’]s$/, '').replace(/-+$/, '');
    if (word.length < 2 || STOPWORDS.has(word.toLowerCase())) continue;
    names.push({ word, sentenceStart: match.index === 0 || before.trim() !== '' || before.includes('\n') });
  }
  return names;
}

/** Every word of a text, lowercased: a name is faithful when the source has the word in any case. */
export function vocabularyOf(text: string): Set<string> {
  return new Set((text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map(baseWord));
}

/** `word.toLowerCase().replace(/['’]s$/, '').replace(/-+$/, '')` without two regexes per word of the item: most words need neither. */
function baseWord(word: string): string {
  const lower = word.toLowerCase();
  const base = lower.endsWith("'s") || lower.endsWith('’s') ? lower.slice(0, -2) : lower;
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 0x2d) end--;
  return end === base.length ? base : base.slice(0, end);
}

/** A figure with what it measures and the clause it stands in: the unit of attribution. */
export interface Fact {
  quantity: Quantity;
  /** The thing measured, lowercased ("spinach" in "200 g of spinach", "gochujang" in "gochujang, 200 g"); null when the text does not say. */
  thing: string | null;
  /** The clause the figure stands in, without the figure. */
  clause: string;
  /**
   * For a figure in a relative clause ("…, which raises spending by around 15 percent"): the clause
   * it hangs from, which is what the figure is about. Empty otherwise.
   */
  antecedent: string;
}

/** Where one clause of a sentence ends and the next begins. */
const CLAUSE_BREAK = /\s*(?:[;:]|,(?!\d{3})|\s(?:and|but|or|so|then)\s)\s*/;
/** Words that end the noun phrase after a figure ("200 g of spinach for the bowl"). */
const PHRASE_END = /\s(?:for|in|at|on|to|with|from|per|a|an|each|every|until|before|after|by|into|over|under|which|that|is|are|was|were|and|or|but|it|they|you|we|he|she|this|has|have|had|will|can|makes?|becomes?|takes?)\s.*$/;

/**
 * Every figure of a text as a fact: the number with its unit, the thing it measures, and its
 * clause. "N unit of X" and "N X" measure X; "X, N unit" (a fact-sheet entry) measures the last
 * word of X. Other figures ("for 16 minutes") measure what their clause is about, given as the clause.
 */
export function extractFacts(text: string): Fact[] {
  const facts: Fact[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const clauses = sentence.split(CLAUSE_BREAK).filter((clause) => clause.trim() !== '');
    for (const [index, clause] of clauses.entries()) {
      const relative = /^(?:which|that|who)\s/i.test(clause.trim());
      for (const quantity of extractQuantities(clause)) {
        facts.push({
          quantity,
          thing: thingMeasured(clause, quantity, clauses[index - 1]),
          clause: clause.replace(/[.!?]+$/, '').trim(),
          antecedent: relative ? (clauses[index - 1] ?? '').trim() : '',
        });
      }
    }
  }
  return facts;
}

function thingMeasured(clause: string, quantity: Quantity, previousClause: string | undefined): string | null {
  const at = clause.indexOf(quantity.text);
  const after = clause.slice(at + quantity.text.length).replace(/[.!?]+$/, '');
  const before = clause.slice(0, at);
  if (quantity.unit !== null && !/^[$€£%]$/.test(quantity.unit)) {
    const measured = /^\s+of\s+(.+)$/.exec(after)?.[1];
    if (measured !== undefined) return nounPhrase(measured);
    // "spinach, 200 g": the figure stands alone in its clause, after the thing it measures.
    if (before.trim() === '' && after.trim() === '' && previousClause !== undefined) return lastWord(previousClause);
    return null;
  }
  if (quantity.unit === null && !/\d[.,]\d/.test(quantity.text)) {
    const counted = /^\s+(\p{Ll}[\p{L}-]*(?:\s+\p{Ll}[\p{L}-]*){0,2})/u.exec(after)?.[1];
    if (counted !== undefined && !/^(?:of|to|and|or|in|at|on|for|by|percent|per|a|an|the|times|more|less|than)\b/.test(counted)) return nounPhrase(counted);
  }
  return null;
}

function nounPhrase(text: string): string | null {
  const phrase = text.replace(PHRASE_END, '').replace(/[.!?,;:]+$/, '').trim().toLowerCase();
  return phrase === '' ? null : phrase;
}

function lastWord(text: string): string | null {
  return /(\p{L}[\p{L}-]*)\W*$/u.exec(text)?.[1]?.toLowerCase() ?? null;
}

/**
 * Where the output ties a figure to something other than the source does: a figure whose measured
 * thing the source never measures with it, or a relative clause hung from another clause. A
 * figure the source lacks altogether is the faithfulness check's business, not this one's.
 */
export function misattributedFacts(output: string, source: string): { fact: Fact; why: string }[] {
  const sourceFacts = extractFacts(source);
  const problems: { fact: Fact; why: string }[] = [];
  for (const fact of extractFacts(output)) {
    const same = sourceFacts.filter((candidate) => candidate.quantity.value === fact.quantity.value && (fact.quantity.unit === null || candidate.quantity.unit === null || candidate.quantity.unit === fact.quantity.unit));
    if (same.length === 0) continue;
    if (fact.thing !== null && fact.quantity.unit !== null) {
      const things = same.map((candidate) => candidate.thing).filter((thing): thing is string => thing !== null);
      if (things.length > 0 && !things.some((thing) => sameThing(thing, fact.thing ?? ''))) {
        problems.push({ fact, why: `${fact.quantity.text} measures ${things.join(' / ')} in the source, not ${fact.thing}` });
        continue;
      }
    }
    if (fact.antecedent !== '') {
      const antecedents = same.map((candidate) => candidate.antecedent).filter((antecedent) => antecedent !== '');
      if (antecedents.length > 0 && !antecedents.some((antecedent) => sharesContent(antecedent, fact.antecedent))) {
        problems.push({ fact, why: `"${fact.clause}" is said of "${antecedents[0]}" in the source, not of "${fact.antecedent}"` });
      }
    }
  }
  return problems;
}

/** "chopped tomatoes" and "tomatoes", "egg yolks" and "yolks": one names the other's head noun. */
function sameThing(a: string, b: string): boolean {
  const head = (phrase: string) => phrase.split(/\s+/).pop() ?? phrase;
  return a === b || a.includes(b) || b.includes(a) || head(a) === head(b);
}

/** Whether two clauses are about the same thing: half the content words of the shorter are in the other. */
function sharesContent(a: string, b: string): boolean {
  const words = (text: string) => new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map((word) => word.slice(0, 5)));
  const [small, large] = [words(a), words(b)].sort((x, y) => x.size - y.size) as [Set<string>, Set<string>];
  if (small.size === 0) return true;
  return [...small].filter((word) => large.has(word)).length / small.size >= 0.5;
}
