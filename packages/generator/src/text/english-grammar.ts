import nlp from 'compromise';
import indefinite from 'indefinite';
import { memoizeByString } from './string-memo.js';
import { splitSentences } from './text-statistics.js';

/**
 * Parts of speech from `compromise` (a rule-based English tagger that ships its lexicon: nothing is
 * downloaded), behind the few verbs the generator needs: whether a sentence can stand on its own,
 * whether it is an instruction, and which article a word takes.
 */

/** Words that open a dependent clause: such a clause needs a main clause after a comma to be a sentence. */
const SUBORDINATORS = /^(?:until|unless|because|since|although|though|whereas|if|which|while|whereby|including|so that|as long as|even if|once|when|whenever|where)\b/i;

/** A list marker or lead-in a line of the body starts with: not part of the sentence after it. */
const LINE_MARKER = /^(?:\d+\.\s+|[-*•]\s+(?:\p{Extended_Pictographic}\uFE0F?\s+)?)/u;

/**
 * Whether a sentence can stand on its own: it has a finite verb (a gerund or bare participle is
 * not one), and a dependent clause it opens with ("Until the rice turns crisp") is followed by a
 * main clause after a comma. Memoised: every segment of an item meets the same sentences.
 */
export const isCompleteSentence = memoizeByString((sentence: string): boolean => {
  const text = sentence.replace(LINE_MARKER, '').trim();
  const doc = nlp(text);
  // "suits them", "it asks": a word the tagger reads as a plural noun next to a pronoun that only a verb fits is a verb.
  const finite =
    doc.match('#Verb').not('#Gerund').found || doc.has('#Copula') || doc.has('#Modal') || doc.has('#Plural (them|him|us|me)') || doc.has('(it|he|she|they|we|i) #Plural') || isImperative(text);
  // "Grows to roughly $152,004": a sentence that opens with a third-person verb has lost its subject.
  if (/^\p{Lu}\p{Ll}+[^s\W]s\s+\p{Ll}/u.test(text) && nlp(text).terms().first().has('#PresentTense') && !isImperative(text)) return false;
  // "Part 3 of 5" reads to the tagger as an instruction: a numbered label is not a sentence.
  if (!finite || /^(?:part|step|day|week|chapter|episode)\s+\d+(?:\s+of\s+\d+)?[.!?]?$/i.test(text)) return false;
  return !(SUBORDINATORS.test(text) && !text.includes(','));
}, 20_000);

/**
 * Whether a clause opens with an imperative verb ("Heat the oven", "Cook over a medium heat"): read
 * after "you", its first word is a verb. The tagger alone reads a bare "Cook" or "Rest" as a noun.
 */
export const isImperative = memoizeByString((clause: string): boolean => {
  // "Above all, protect the vault": an adverbial lead-in before the instruction.
  const text = clause.replace(LINE_MARKER, '').trim().replace(/^(?:above all|first|second|third|then|next|finally|also|now|in short|if in doubt),\s+/i, '');
  const first = /^\p{L}+/u.exec(text)?.[0]?.toLowerCase();
  // A plural or third-person "-s", a gerund or a past form opens a statement, not an instruction.
  if (first === undefined || /(?:[^s]s|ing|ed)$/.test(first) || /^(?:if|when|it|this|that|there|you|we|i|a|an|the)$/.test(first)) return false;
  const asStatement = nlp(`you ${first}${text.slice(first.length)}`);
  if (!asStatement.has('^you (#Infinitive|#PresentTense)') || asStatement.has('^you #Noun')) return false;
  if (/^(?:let|make|help|have|keep|watch|see)$/.test(first)) return true;
  // "Setup takes 85 minutes", "Children tend to love it": a present verb before any link to another clause makes the first word its subject.
  const head = text.split(/,|;|\s(?:and|so|until|when|before|after|while|because|if|or|then|to)\s/)[0] ?? text;
  return !nlp(head.slice(first.length)).has('(#Copula|#Modal|#PresentTense)');
}, 20_000);

/**
 * An article and the word after it. Only a word in lowercase or a number is judged: an acronym is
 * said as letters ("an FAQ") or as a word ("a NAS"), which spelling alone cannot tell.
 */
const ARTICLE_AND_WORD = /\b([Aa]n?)(\s+)(?!(?:and|or|at|to|of|in|on|for|is|was)\b)((?:\p{Ll}|\d)[\p{L}\d'’-]*)/gu;

/** "a" or "an", by how `word` sounds ("an hour", "a unit", "an 8", "a 30"). */
export function articleFor(word: string): 'a' | 'an' {
  return indefinite(word, { articleOnly: true }) === 'an' ? 'an' : 'a';
}

/** `text` with each "a"/"an" matched to the sound of the word after it, keeping its capital. */
export function fixArticles(text: string): string {
  return text.replace(ARTICLE_AND_WORD, (whole, article: string, space: string, word: string) => {
    const right = articleFor(word);
    if (article.toLowerCase() === right) return whole;
    return `${article[0] === 'A' ? right.charAt(0).toUpperCase() + right.slice(1) : right}${space}${word}`;
  });
}

export type GrammarProblemKind = 'semicolon-capital' | 'fragment' | 'repeated-colon' | 'article' | 'number-agreement';

export interface GrammarProblem {
  kind: GrammarProblemKind;
  /** The text at fault, as the reader sees it. */
  excerpt: string;
}

/**
 * What no editor would approve in a text: a capital after a semicolon (two sentences glued to game
 * a readability formula; a name of `names` is allowed), a sentence that cannot stand on its own
 * (only sentences that end in a stop: a list item without one is not a sentence), and a/an
 * against the sound of the next word.
 */
export function grammarProblems(text: string, names: ReadonlySet<string> = new Set()): GrammarProblem[] {
  const problems: GrammarProblem[] = [];
  for (const match of text.matchAll(/;\s+(\p{Lu}[\p{L}'’-]*)/gu)) {
    const word = match[1] ?? '';
    if (word !== 'I' && !names.has(word)) problems.push({ kind: 'semicolon-capital', excerpt: excerptAround(text, match.index) });
  }
  for (const sentence of splitSentences(text)) {
    if (/[.!?]["”’)]?$/.test(sentence) && !isCompleteSentence(sentence)) problems.push({ kind: 'fragment', excerpt: sentence });
  }
  for (const match of text.matchAll(ARTICLE_AND_WORD)) {
    const [, article = '', , word = ''] = match;
    if (article.toLowerCase() !== articleFor(word)) problems.push({ kind: 'article', excerpt: `${article} ${word}` });
  }
  for (const excerpt of singularCountWithPlural(text)) problems.push({ kind: 'number-agreement', excerpt });
  return problems;
}

/**
 * "Plan 1 sessions a week", "about 1 litres", "1 full rest days": a count of one before a plural
 * noun, found by its parts of speech.
 */
function singularCountWithPlural(text: string): string[] {
  const found: string[] = [];
  // Only the words after the "1" are parsed, and only when one of the next three ends in "s".
  for (const match of text.matchAll(/(?<![\d.,])\b1 (?:[\p{L}-]+ ){0,2}[\p{L}-]+s\b/gu)) {
    found.push(...(nlp(match[0]).match('^1 #Adjective? #Singular? #Plural').out('array') as string[]));
  }
  return found;
}

/** A headline with more than one colon reads as two headlines stacked. */
export function hasRepeatedColon(title: string): boolean {
  return (title.match(/:/g) ?? []).length > 1;
}

function excerptAround(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 40).replace(/\s+/g, ' ').trim();
}
