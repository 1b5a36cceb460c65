import { extractFacts } from '../guardrails/fact-extractor.js';
import { isImperative } from '../text/english-grammar.js';
import { memoizeByString } from '../text/string-memo.js';
import nlp from 'compromise';

/**
 * What a source sentence is to a reader who wants to act on the item: an action to take (an
 * imperative clause: "Heat the oven to 200°C"), a key fact they need to act (an ingredient and its
 * quantity, a time, an amount, a rate, a price), or context and trivia ("Bibimbap comes from
 * Jeonju", "This is part 4 of 4").
 */
export type SentenceRole = 'step' | 'key-fact' | 'context';

/** Counts that say nothing a reader acts on: the series, the seasons, the rounds of a story. */
const NOT_AN_AMOUNT = /^(?:parts?|seasons?|times?|steps?|rounds?|studies|series|years?|review)\b/;

const SERIES_LABEL = /^part\s+\d+/i;

/** How many actions an item needs before its "steps" variant is its actions, numbered. */
export const MIN_STEPS = 2;

export const sentenceRole = memoizeByString((sentence: string): SentenceRole => {
  if (isAction(sentence)) return 'step';
  return keyQuantities(sentence).length > 0 ? 'key-fact' : 'context';
}, 20_000);

/**
 * An instruction the reader carries out: the sentence opens with an imperative verb (parts of
 * speech from compromise, see `isImperative`). "Ask anyone from Jeonju and you will get a strong
 * opinion" is imperative in form only: a promise of what follows ("and you will …", "and many
 * will …") makes it a remark. A first word that is not a plain word ("E-Readers") is a name.
 */
function isAction(sentence: string): boolean {
  // "Part 4 of 4: if you missed part 3, start there" is a label before a remark about the series.
  // "Deadlift Technique works because…": a capital on the second word makes the first part of a name.
  if (!isImperative(sentence) || SERIES_LABEL.test(sentence) || !/^\p{L}+[\s,]/u.test(sentence) || /^\p{L}+ \p{Lu}\p{Ll}/u.test(sentence)) return false;
  const doc = nlp(sentence);
  // "Daytime highs in May usually sit around 22°C", "Picnic lunches cut costs": a noun, a plural noun and then a verb is a subject and its verb.
  if (doc.has('^#Noun #Plural') && nlp(sentence.split(/[,;:]/)[0] ?? sentence).has('^#Noun #Plural .* #Verb')) return false;
  return !doc.has('and (#Pronoun|#Noun|#Adjective|#Determiner){1,3} #Modal');
}

/**
 * The figures of a sentence a reader needs to act, as written: a quantity with a unit (200 g, 25
 * minutes, $3.41, 15 percent, 180°C) or a count of a thing ("5 eggs"), outside brackets (an aside
 * such as "(64°F)" is what a plain-language rewrite drops first). A count of parts of a series is not one.
 */
export const keyQuantities = memoizeByString((sentence: string): readonly string[] => {
  const plain = sentence.replace(/\s*\([^()]*\)/g, '');
  return extractFacts(plain)
    .filter((fact) => (fact.quantity.unit !== null ? true : fact.thing !== null && !NOT_AN_AMOUNT.test(fact.thing) && !/^\d{4}$/.test(fact.quantity.value)))
    .map((fact) => fact.quantity.text);
}, 20_000);

/** "This is part 4 of 4 in our Bibimbap series", "This opens our 5-part series": where the item sits, not what to do. */
export function isSeriesNote(sentence: string): boolean {
  return /\b(?:part \d+|\d+-part)\b/i.test(sentence) && /\bseries\b/i.test(sentence);
}
