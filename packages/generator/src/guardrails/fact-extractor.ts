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
