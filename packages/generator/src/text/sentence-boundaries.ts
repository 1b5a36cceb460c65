import { DefaultAbbrMarkerOptions } from 'sentence-splitter';
import { CJK, classOfCodeUnit, NEWLINE, WHITESPACE } from './character-classes.js';
import { memoizeByString } from './string-memo.js';

/**
 * The sentences of one line of text, exactly as `split()` of sentence-splitter 5.0.1 finds them
 * (the raw text of each Sentence node, untrimmed), without building its syntax tree.
 *
 * Why a port: the library walks the text one character at a time through parser and marker
 * objects, records line/column positions for every node and re-reads each word start against its
 * abbreviation lists; at ~3 µs per character it was half of the template engine's time (every
 * candidate body is measured for its reading grade). This is the same state machine — separators,
 * abbreviation ranges, pair marks — over the string itself, with the library's own abbreviation
 * lists. `test/sentence-boundaries.test.ts` compares the two on the demo catalog and on generated
 * edge cases, so a library upgrade that changes the rules shows up there.
 */
export function splitLineSentences(text: string): string[] {
  const spans = sentenceSpans(text);
  const sentences: string[] = [];
  for (let span = 0; span < spans.length; span += 2) sentences.push(text.slice(spans[span], spans[span + 1]));
  return sentences;
}

/**
 * Where the sentences of `splitLineSentences(text)` are, as [start, end) offsets in pairs: for
 * callers that only count what is inside them, without a string per sentence. A sentence starts
 * after whitespace or a separator and ends at the end of the text or after a separator run, where
 * the next character is whitespace or the run ends in a separator that is not a word character
 * ("?", "!"), so no word of the text runs across a sentence's end.
 */
export function sentenceSpans(text: string): number[] {
  return new SentenceScanner(text).spans();
}

const { ABBREVIATIONS, PREPOSITIVE_ABBREVIATIONS, EXCLAMATION_WORDS } = DefaultAbbrMarkerOptions.language;
// The library compares case-insensitively (`a.toLowerCase() === b.toLowerCase()`): a set of lowercased entries is the same test.
const lowercased = (words: readonly string[]) => new Set(words.map((word) => word.toLowerCase()));
const ABBREVIATION_SET = lowercased(ABBREVIATIONS);
const PREPOSITIVE_SET = lowercased(PREPOSITIVE_ABBREVIATIONS);
const EXCLAMATION_SET = lowercased(EXCLAMATION_WORDS);

const SEPARATORS = new Set(['.', '．', '。', '?', '!', '？', '！']);

/** The library's pair marks (PairMaker): inside one, separators do not end a sentence. */
const PAIR_MARKS: readonly { key: string; start: string; end: string }[] = [
  { key: 'double quote', start: '"', end: '"' },
  { key: 'angled bracket', start: '[', end: ']' },
  { key: 'round bracket', start: '(', end: ')' },
  { key: 'curly brace', start: '{', end: '}' },
  { key: 'かぎ括弧', start: '「', end: '」' },
  { key: '丸括弧', start: '（', end: '）' },
  { key: '二重かぎ括弧', start: '『', end: '』' },
  { key: '波括弧', start: '｛', end: '｝' },
  { key: '角括弧', start: '［', end: '］' },
  { key: '重角括弧', start: '〚', end: '〛' },
  { key: '隅付き括弧', start: '【', end: '】' },
  { key: '二重隅付き括弧', start: '《', end: '》' },
];
const PAIR_MARK_BY_CHAR = new Map(PAIR_MARKS.flatMap((mark) => [[mark.start, mark] as const, [mark.end, mark] as const]));

/**
 * What the scan needs to know of a code unit, in one lookup: the character classes it stops at,
 * whether it is a separator or a pair mark (single code units all), and whether a word holding it
 * can be an abbreviation at all (see PLAIN_ASCII_IS_NEVER_ABBREVIATION). Filled on first use.
 */
// Bits above the three kept from character-classes (WHITESPACE, NEWLINE, CJK).
const SEPARATOR = 8;
const PAIR_MARK = 16;
const NOT_PLAIN_ASCII = 32; // not ASCII, or "." or "!"
const UNKNOWN_CODE_UNIT = 0x80;
const scanTable = new Uint8Array(0x10000).fill(UNKNOWN_CODE_UNIT);
const SEPARATOR_CODES = new Set([...SEPARATORS].map((char) => char.charCodeAt(0)));
const PAIR_MARK_CODES = new Set([...PAIR_MARK_BY_CHAR.keys()].map((char) => char.charCodeAt(0)));

function scanClass(code: number): number {
  const known = scanTable[code] ?? 0;
  if (known !== UNKNOWN_CODE_UNIT) return known;
  const classes =
    (classOfCodeUnit(code) & (WHITESPACE | NEWLINE | CJK)) |
    (SEPARATOR_CODES.has(code) ? SEPARATOR : 0) |
    (PAIR_MARK_CODES.has(code) ? PAIR_MARK : 0) |
    (code >= 0x80 || code === 0x2e || code === 0x21 ? NOT_PLAIN_ASCII : 0);
  scanTable[code] = classes;
  return classes;
}

const UPPERCASE_START = /^\p{Uppercase_Letter}/u;
const MULTI_PERIOD_ABBREVIATION = /^([a-zA-Z]\.){3,}$/;
const LINE_INDEX = /^\d+\.$/;
const CAPITAL_INITIAL = /^\p{Uppercase_Letter}\./u;

/**
 * The patterns all need a "." and every (lowercased) list entry holds a ".", a "!" or a non-ASCII
 * character, so a word of ASCII characters other than "." and "!" (whose lowercase is the same
 * kind of word) matches none of them and is skipped without a lookup. Checked against the
 * library's lists rather than assumed: an entry that breaks the rule only turns the shortcut off.
 */
const PLAIN_ASCII_IS_NEVER_ABBREVIATION = [...ABBREVIATION_SET, ...PREPOSITIVE_SET, ...EXCLAMATION_SET].every(
  (entry) => /[.!]/.test(entry) || [...entry].some((char) => char.charCodeAt(0) >= 0x80),
);

const ALWAYS = 'always';
const NEVER = 'never';
type AbbreviationKind = typeof ALWAYS | typeof NEVER | { initial: boolean; listed: boolean };

/**
 * What a word alone says about it being an abbreviation: always ("U.S.A.", "Mr.", "3."), never,
 * or depending on the words around it. Memoised per word: text repeats its words, and this is
 * the part of the scan that runs regexes.
 */
const abbreviationKind = memoizeByString((word): AbbreviationKind => {
  if (MULTI_PERIOD_ABBREVIATION.test(word)) return ALWAYS;
  const lower = word.toLowerCase();
  if (EXCLAMATION_SET.has(lower) || PREPOSITIVE_SET.has(lower) || LINE_INDEX.test(word)) return ALWAYS;
  const initial = CAPITAL_INITIAL.test(word);
  const listed = ABBREVIATION_SET.has(lower);
  return initial || listed ? { initial, listed } : NEVER;
}, 20_000);

class SentenceScanner {
  private index = 0;
  /** End of the last abbreviation range: ranges are marked at word starts in reading order and never overlap, so the last one is the only one the scan can still be inside. */
  private abbreviationEnd = 0;
  /** Keys of the open pair marks (the library never opens a mark that is already open). */
  private readonly openPairs = new Set<string>();

  constructor(private readonly text: string) {}

  spans(): number[] {
    const { text } = this;
    const found: number[] = [];
    let sentenceStart = -1;
    while (this.index < text.length) {
      if ((this.classAt(this.index) & WHITESPACE) !== 0) {
        // NewLineParser, then SpaceParser: whitespace between (or inside) sentences.
        this.index++;
      } else if (this.separatorAt(this.index)) {
        while (this.separatorAt(this.index)) this.index++;
        if (sentenceStart >= 0) found.push(sentenceStart, this.index);
        sentenceStart = -1;
      } else {
        if (sentenceStart < 0) sentenceStart = this.index;
        this.scanValue();
      }
    }
    if (sentenceStart >= 0) found.push(sentenceStart, text.length);
    return found;
  }

  /**
   * AnyValueParser: everything up to a line break or a separator, marking abbreviations and pairs
   * on the way. Read a run of characters at a time (up to whitespace or a CJK character, where a
   * new word starts): the run is the word an abbreviation is marked for, and only the few
   * punctuation characters inside it need a closer look, in order.
   */
  private scanValue(): void {
    const { text } = this;
    // AbbrMarker only looks at word starts: the first character, or one after whitespace or a CJK character.
    let wordStart = this.index === 0 || (this.classAt(this.index - 1) & (WHITESPACE | CJK)) !== 0;
    while (this.index < text.length) {
      const index = this.index;
      const kind = this.classAt(index);
      if ((kind & (WHITESPACE | CJK)) !== 0) {
        // A line break ends the value; other whitespace and CJK characters are single characters here.
        if ((kind & NEWLINE) !== 0 || !this.scanPunctuation(index, index + 1)) return;
        wordStart = true;
        this.index = index + 1;
        continue;
      }
      // As the library reads it: a separator ends the value before its word is looked at as an abbreviation.
      if (this.separatorAt(index)) return;
      let end = index;
      let runClasses = 0;
      for (let classes = kind; (classes & (WHITESPACE | CJK)) === 0; classes = this.classAt(end)) {
        runClasses |= classes;
        if (++end === text.length) break;
      }
      // Most words are plain ASCII without "." or "!": no abbreviation pattern or list entry can match them.
      if (wordStart && ((runClasses & NOT_PLAIN_ASCII) !== 0 || !PLAIN_ASCII_IS_NEVER_ABBREVIATION)) this.markAbbreviation(index, end);
      // Most words hold neither a separator nor a pair mark and need no second look.
      if ((runClasses & (SEPARATOR | PAIR_MARK)) !== 0 && !this.scanPunctuation(index, end)) return;
      wordStart = false;
      this.index = end;
    }
  }

  /** Marks the pairs in [start, end) in order; false at a separator, which ends the value there. */
  private scanPunctuation(start: number, end: number): boolean {
    for (let index = start; index < end; index++) {
      const classes = this.classAt(index);
      if ((classes & SEPARATOR) !== 0 && this.separatorAt(index)) {
        this.index = index;
        return false;
      }
      if ((classes & PAIR_MARK) !== 0) this.markPair(index);
    }
    return true;
  }

  private classAt(index: number): number {
    return scanClass(this.text.charCodeAt(index));
  }

  /** SeparatorParser.test: a full stop ends a sentence only before whitespace or the end ("1.23" does not). */
  private separatorAt(index: number): boolean {
    if (index >= this.text.length || (this.classAt(index) & SEPARATOR) === 0) return false;
    if (this.openPairs.size > 0 || index < this.abbreviationEnd) return false;
    return this.text.charAt(index) !== '.' || index + 1 >= this.text.length || (this.classAt(index + 1) & WHITESPACE) !== 0;
  }

  /** AbbrMarker.mark: at a word start, an abbreviation ("Dr.", "U.S.A.", "Yahoo!", "3.") is marked so its stop is not a separator. */
  private markAbbreviation(index: number, end: number): void {
    if (index < this.abbreviationEnd) return;
    const word = this.text.slice(index, end);
    if (this.isAbbreviation(index, word)) this.abbreviationEnd = end;
  }

  private isAbbreviation(index: number, word: string): boolean {
    const kind = abbreviationKind(word);
    if (kind === ALWAYS) return true;
    if (kind === NEVER) return false;
    // Only a capital initial or a listed abbreviation depends on its neighbours; most words are neither, so those are not read.
    const nextCapitalised = UPPERCASE_START.test(this.wordFrom(index + word.length + 1));
    // "Albert I. Jones": a capital initial between capitalised words; otherwise a listed abbreviation not followed by a capital.
    if (kind.initial && nextCapitalised && UPPERCASE_START.test(this.wordFrom(this.previousWordStart(index)))) return true;
    return kind.listed && !nextCapitalised;
  }

  /** The run of characters from `start` up to whitespace, a CJK character or the end. */
  private wordFrom(start: number): string {
    let end = start;
    while (end < this.text.length && (this.classAt(end) & (WHITESPACE | CJK)) === 0) end++;
    return this.text.slice(start, end);
  }

  /** AbbrMarker.getPrevWord: back over whitespace, then back over non-whitespace (CJK included). */
  private previousWordStart(index: number): number {
    let position = index - 1;
    while (position >= 0 && (this.classAt(position) & WHITESPACE) !== 0) position--;
    while (position >= 0 && (this.classAt(position) & WHITESPACE) === 0) position--;
    return position + 1;
  }

  private markPair(index: number): void {
    markPair(this.openPairs, this.text.charAt(index));
  }
}

/** PairMaker.mark: opens a pair mark that is not open, closes one that is. */
function markPair(openPairs: Set<string>, char: string): void {
  const pair = PAIR_MARK_BY_CHAR.get(char);
  if (pair === undefined) return;
  if (!openPairs.has(pair.key)) {
    if (char === pair.start) openPairs.add(pair.key);
  } else if (char === pair.end) {
    openPairs.delete(pair.key);
  }
}

/**
 * Whether no character of `text` can end a sentence wherever it stands in a line, after whitespace
 * or at the line's start and before a character other than whitespace: it holds no line break and
 * no CJK character, its only separators outside pair marks are full stops that are not followed by
 * whitespace (or end the text) or that end a word that is always an abbreviation ("in week 3.
 * Soreness"), and it closes every pair mark it opens. Open pairs are all the scan carries past such
 * a text besides the abbreviation range, which ends at whitespace: the text leaves the scan of the
 * rest of its line as it found it.
 */
export function isInertClause(text: string): boolean {
  const openPairs = new Set<string>();
  for (let index = 0; index < text.length; index++) {
    const classes = scanClass(text.charCodeAt(index));
    if ((classes & (NEWLINE | CJK)) !== 0) return false;
    // Inside a pair mark nothing ends a sentence; the text starts with none open.
    if ((classes & SEPARATOR) !== 0 && openPairs.size === 0 && (text.charAt(index) !== '.' || !stopCannotEnd(text, index))) return false;
    if ((classes & PAIR_MARK) !== 0) markPair(openPairs, text.charAt(index));
  }
  return openPairs.size === 0;
}

/** A full stop at `index` of `text` that ends no sentence there (see `isInertClause`). */
function stopCannotEnd(text: string, index: number): boolean {
  if (index + 1 === text.length || (scanClass(text.charCodeAt(index + 1)) & WHITESPACE) === 0) return true;
  // Before whitespace: the stop ends its word, marked as an abbreviation at the word's start (after whitespace, or where the text starts).
  return abbreviationKind(text.slice(runStart(text, index), index + 1)) === ALWAYS;
}

/** Where the run of characters holding `index` starts: after the last whitespace or CJK character before it, or at 0. */
function runStart(text: string, index: number): number {
  let start = index;
  while (start > 0 && (scanClass(text.charCodeAt(start - 1)) & (WHITESPACE | CJK)) === 0) start--;
  return start;
}

/**
 * What a full stop put right after `clause` does where the clause stands in a line after
 * whitespace or at the line's start, with no pair mark open and whitespace after the stop: it ends
 * the sentence if the word it ends is never an abbreviation, and it does not if that word always
 * is ("at age 40."); for any other word ("APR.", "etc.") that depends on the words around it.
 */
export function stopAfter(clause: string): 'ends' | 'continues' | 'depends' {
  const kind = abbreviationKind(`${clause.slice(runStart(clause, clause.length))}.`);
  return kind === NEVER ? 'ends' : kind === ALWAYS ? 'continues' : 'depends';
}

/** Whether `word` is an abbreviation wherever it stands ("U.S.A.", "Mr.", a line index "3."). */
export function isAlwaysAbbreviation(word: string): boolean {
  return abbreviationKind(word) === ALWAYS;
}
