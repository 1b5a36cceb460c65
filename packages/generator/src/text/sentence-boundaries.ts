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
  return new SentenceScanner(text).sentences();
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

/** Separators and pair marks are single code units: a table says which code units to look at closer. */
const SEPARATOR = 1;
const PAIR_MARK = 2;
const PUNCTUATION = (() => {
  const table = new Uint8Array(0x10000);
  const mark = (char: string, kind: number) => {
    const code = char.charCodeAt(0);
    table[code] = (table[code] ?? 0) | kind;
  };
  for (const char of SEPARATORS) mark(char, SEPARATOR);
  for (const char of PAIR_MARK_BY_CHAR.keys()) mark(char, PAIR_MARK);
  return table;
})();

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

  sentences(): string[] {
    const { text } = this;
    const found: string[] = [];
    let sentenceStart = -1;
    while (this.index < text.length) {
      if ((this.classAt(this.index) & WHITESPACE) !== 0) {
        // NewLineParser, then SpaceParser: whitespace between (or inside) sentences.
        this.index++;
      } else if (this.separatorAt(this.index)) {
        while (this.separatorAt(this.index)) this.index++;
        if (sentenceStart >= 0) found.push(text.slice(sentenceStart, this.index));
        sentenceStart = -1;
      } else {
        if (sentenceStart < 0) sentenceStart = this.index;
        this.scanValue();
      }
    }
    if (sentenceStart >= 0) found.push(text.slice(sentenceStart));
    return found;
  }

  /** AnyValueParser: everything up to a line break or a separator, marking abbreviations and pairs on the way. */
  private scanValue(): void {
    const { text } = this;
    // AbbrMarker only looks at word starts: the first character, or one after whitespace or a CJK character.
    let wordStart = this.index === 0 || (this.classAt(this.index - 1) & (WHITESPACE | CJK)) !== 0;
    while (this.index < text.length) {
      const kind = this.classAt(this.index);
      const punctuation = PUNCTUATION[text.charCodeAt(this.index)] ?? 0;
      if ((kind & NEWLINE) !== 0 || ((punctuation & SEPARATOR) !== 0 && this.separatorAt(this.index))) return;
      if (wordStart) this.markAbbreviation(this.index);
      if ((punctuation & PAIR_MARK) !== 0) this.markPair(this.index);
      wordStart = (kind & (WHITESPACE | CJK)) !== 0;
      this.index++;
    }
  }

  private classAt(index: number): number {
    return classOfCodeUnit(this.text.charCodeAt(index));
  }

  /** SeparatorParser.test: a full stop ends a sentence only before whitespace or the end ("1.23" does not). */
  private separatorAt(index: number): boolean {
    if (index >= this.text.length || ((PUNCTUATION[this.text.charCodeAt(index)] ?? 0) & SEPARATOR) === 0) return false;
    if (this.openPairs.size > 0 || index < this.abbreviationEnd) return false;
    return this.text.charAt(index) !== '.' || index + 1 >= this.text.length || (this.classAt(index + 1) & WHITESPACE) !== 0;
  }

  /** AbbrMarker.mark: at a word start, an abbreviation ("Dr.", "U.S.A.", "Yahoo!", "3.") is marked so its stop is not a separator. */
  private markAbbreviation(index: number): void {
    if (index < this.abbreviationEnd) return;
    let end = index;
    let plainAscii = true;
    while (end < this.text.length && (this.classAt(end) & (WHITESPACE | CJK)) === 0) {
      const code = this.text.charCodeAt(end);
      if (code >= 0x80 || code === 0x2e || code === 0x21) plainAscii = false;
      end++;
    }
    // Most words are plain ASCII without "." or "!": no abbreviation pattern or list entry can match them.
    if (end === index || (plainAscii && PLAIN_ASCII_IS_NEVER_ABBREVIATION)) return;
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

  /** PairMaker.mark: opens a pair mark that is not open, closes one that is. */
  private markPair(index: number): void {
    const char = this.text.charAt(index);
    const pair = PAIR_MARK_BY_CHAR.get(char);
    if (pair === undefined) return;
    if (!this.openPairs.has(pair.key)) {
      if (char === pair.start) this.openPairs.add(pair.key);
    } else if (char === pair.end) {
      this.openPairs.delete(pair.key);
    }
  }
}
