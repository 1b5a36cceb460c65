import { fixArticles, isCompleteSentence, isImperative } from '../text/english-grammar.js';
import { memoizeByString } from '../text/string-memo.js';
import { countWords, readingGrade } from '../text/text-statistics.js';

/** Everyday words for formal ones: a lower reading grade without changing a fact. */
const PLAIN_WORDS: Record<string, string> = {
  approximately: 'about', roughly: 'about', purchase: 'buy', utilize: 'use', sufficient: 'enough',
  numerous: 'many', additional: 'extra', however: 'but', therefore: 'so', immediately: 'at once',
  demonstrate: 'show', require: 'need', requires: 'needs', assistance: 'help', individuals: 'people',
  typically: 'usually', obtain: 'get', commence: 'start', realistic: 'doable', especially: 'most of all',
  temperature: 'heat', afterwards: 'after', household: 'home', households: 'homes',
};

/**
 * Precise words for everyday ones, for readers who want exactness (a higher reading grade). Only
 * words that keep their grammar in every use the catalog makes of them: "show up", "a little more",
 * "helps keep", "keep in check", "pick in the morning", "big enough" and "work hard" would not
 * survive "demonstrate", "modest", "assists", "verify", "select", "sufficient" or "difficult".
 */
const FORMAL_WORDS: Record<string, string> = {
  roughly: 'approximately', extra: 'additional', usually: 'typically', people: 'individuals', buy: 'purchase',
  big: 'substantial', bigger: 'more substantial', simple: 'straightforward', cheap: 'inexpensive',
  whole: 'entire', often: 'frequently', mostly: 'predominantly', easy: 'straightforward',
  tip: 'recommendation', tips: 'recommendations', choose: 'select', ready: 'prepared',
};

/**
 * Where a long sentence can become two without losing meaning; the replacement opens the new
 * sentence. A split is used only when both halves can stand as sentences (`isCompleteSentence`):
 * a dependent clause ("until the rice turns crisp") never becomes a sentence of its own.
 */
const SPLIT_POINTS: readonly { pattern: RegExp; opener: string }[] = [
  { pattern: /;\s+/, opener: '' },
  { pattern: /,\s+which\s+/, opener: 'It ' },
  { pattern: /,\s+but\s+/, opener: 'But ' },
  { pattern: /,\s+so\s+/, opener: 'So ' },
  { pattern: /,\s+and\s+/, opener: '' },
  { pattern: /,\s+since\s+/, opener: 'That is because ' },
  { pattern: /,\s+because\s+/, opener: 'That is because ' },
  { pattern: /,\s+(?=then\s)/, opener: '' },
];

const MIN_CLAUSE_WORDS = 4;

/**
 * Shorter sentences and plainer words until a sentence sits near `targetGrade` (or cannot be split).
 * What does not depend on the grade (the plain wording, its grade and length, where it splits) is
 * memoised per sentence and shared by every segment's grade; callers keep the result per grade.
 */
export function simplifySentence(sentence: string, targetGrade: number): readonly string[] {
  const plain = plainSentence(sentence);
  if (plain.grade <= targetGrade + 3 || plain.words <= 10) return [plain.text];
  const { split } = plain;
  return split === null ? [plain.text] : [...simplifySentence(split[0], targetGrade), ...simplifySentence(split[1], targetGrade)];
}

interface PlainSentence {
  text: string;
  grade: number;
  words: number;
  /** The two sentences it becomes at its first usable split point; null for none, or for a sentence too short to be split. */
  split: readonly [string, string] | null;
}

const plainSentence = memoizeByString((sentence): PlainSentence => {
  // Asides in brackets ("(64°F)", "(about 150 ml)") are what a plain-language reader skips first.
  const text = fixArticles(plainWords(sentence).replace(/\s*\([^()]*\)/g, ''));
  const words = countWords(text);
  return { text, grade: readingGrade(text), words, split: words <= 10 ? null : findSplit(text) };
}, 5_000);

function findSplit(plain: string): readonly [string, string] | null {
  for (const { pattern, opener } of SPLIT_POINTS) {
    const match = pattern.exec(plain);
    if (match === null) continue;
    const head = plain.slice(0, match.index).trim();
    const tail = plain.slice(match.index + match[0].length).trim();
    if (countWords(head) < MIN_CLAUSE_WORDS || countWords(tail) < MIN_CLAUSE_WORDS) continue;
    const first = /[.!?]$/.test(head) ? head : `${head}.`;
    const second = opener === '' ? capitalise(tail) : `${opener}${tail}`;
    // Better one long sentence than a fragment.
    if (isCompleteSentence(first) && isCompleteSentence(second)) return [first, second];
  }
  return null;
}

/** More exact words, for a higher reading grade. Memoised like `simplifySentence`. */
export function elevateSentence(sentence: string): string {
  return memoisedElevate(sentence);
}
const memoisedElevate = memoizeByString(computeElevated, 5_000);

function computeElevated(sentence: string): string {
  // "about 25 minutes" is an estimate and reads as "approximately"; "think about" is left alone, and so
  // is "around" inside a sentence, where it may belong to the verb ("highs sit around 22°C").
  return fixArticles(formalWords(sentence))
    .replace(/\babout(?=\s+[$€£]?\d)/g, 'approximately')
    .replace(/\b(?:About|Around)(?=\s+[$€£]?\d)/g, 'Approximately')
    .replace(/\btakes(?=\s+(?:approximately\s+)?\d)/g, 'requires')
    .replace(/\bmore than(?=\s+[$€£]?\d)/g, 'in excess of')
    .replace(/, but /g, '; however, ');
}

/**
 * Joins sentences into longer ones for readers who handle density (a higher reading grade): up to
 * `perJoin` consecutive sentences of a paragraph become one, linked by commas and a final "and"
 * (or the conjunction the last one already opens with), when the result is a correct sentence:
 * each part complete, all instructions or all statements, none with a colon. Never a semicolon:
 * readability comes from how sentences are built, not from punctuation that games the formula.
 * Each joined sentence comes as the clauses it links (see `joinedSentence`): the last carries its
 * conjunction, so the body's grader counts it from what it knows of the clauses.
 */
export function joinClauses(sentences: readonly string[], lowercaseWords: ReadonlySet<string>, perJoin: number): string[][] {
  const joined: string[][] = [];
  let index = 0;
  while (index < sentences.length) {
    const group = [sentences[index] ?? ''];
    while (group.length < perJoin && index + group.length < sentences.length) {
      const next = sentences[index + group.length] ?? '';
      const lowered = decapitalise(next, lowercaseWords);
      // A capital left after the comma would be a name or a word the source never writes in lowercase: no join.
      if (/^\p{Lu}\p{Ll}/u.test(lowered) || !joinable(group, next)) break;
      group.push(lowered);
    }
    index += group.length;
    joined.push(group.map((sentence, position) => (position > 0 && position === group.length - 1 ? linkedClause(sentence) : sentence).replace(/[.!?]$/, '')));
  }
  return joined;
}

/** A comma or semicolon before a conjunction, or a semicolon: the sentence is two clauses already. */
const LINKED_CLAUSES = /,\s+(?:and|but|so|or|yet|while)\s|;\s/;

/** Conjunctions a sentence may open with that link it to the one before. */
const OPENING_CONJUNCTION = /^(?:and|but|so|yet|or)\b/i;

/** Whether `next` can join the sentences of `group` as one correct sentence. */
function joinable(group: readonly string[], next: string): boolean {
  const first = group[0] ?? '';
  if (!/[.]$/.test(next) || group.some((sentence) => !/[.]$/.test(sentence))) return false;
  if (next.includes(':') || group.some((sentence) => sentence.includes(':'))) return false;
  // A sentence that already links two clauses ("…, and you stop when…") takes no third: ", and … and" reads as a run-on.
  if ([...group, next].some((sentence) => LINKED_CLAUSES.test(sentence))) return false;
  // Only the last part may open with a conjunction ("A, b, and c"; never "A, but b, and c").
  if (OPENING_CONJUNCTION.test(next) && group.length > 1) return false;
  if (group.slice(1).some((sentence) => OPENING_CONJUNCTION.test(sentence))) return false;
  if (countWords(next) + group.reduce((sum, sentence) => sum + countWords(sentence), 0) > 60) return false;
  if (!isCompleteSentence(first) || !isCompleteSentence(next)) return false;
  return isImperative(first) === isImperative(next);
}

function linkedClause(sentence: string): string {
  return OPENING_CONJUNCTION.test(sentence) ? sentence : `and ${sentence}`;
}

/** The sentence that links `clauses` (see `joinClauses`). */
export function joinedSentence(clauses: readonly string[]): string {
  return `${clauses.join(', ')}.`;
}

/**
 * Each word of the table replaced, keeping a capital. The table's words are ASCII letters, matched
 * as whole words and case-insensitively: exactly the table's hits among the `\b[A-Za-z]+\b` words
 * of a sentence, found in one pass instead of a callback for every word.
 */
function wordSwapper(table: Record<string, string>): (sentence: string) => string {
  if (!Object.keys(table).every((word) => /^[a-z]+$/.test(word))) throw new Error('a word table holds lowercase ASCII words only');
  const pattern = new RegExp(`\\b(?:${Object.keys(table).join('|')})\\b`, 'gi');
  return (sentence) =>
    sentence.replace(pattern, (word) => {
      const swap = table[word.toLowerCase()] ?? word;
      return word[0] === word[0]?.toUpperCase() ? capitalise(swap) : swap;
    });
}
const plainWords = wordSwapper(PLAIN_WORDS);
const formalWords = wordSwapper(FORMAL_WORDS);

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function decapitalise(sentence: string, lowercaseWords: ReadonlySet<string>): string {
  const first = /^\p{L}+/u.exec(sentence)?.[0];
  if (first === undefined || first.length < 2 || first !== capitalise(first.toLowerCase())) return sentence;
  return lowercaseWords.has(first.toLowerCase()) || first === 'A' ? first.toLowerCase() + sentence.slice(first.length) : sentence;
}
