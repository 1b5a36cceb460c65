/**
 * Character classes of UTF-16 code units, looked up in a table instead of tested with a Unicode
 * regex per character. Each entry is computed on first use with the very expression it stands
 * for, so a lookup answers exactly what that regex would for the same character.
 */
export const WHITESPACE = 1; // /\s/
export const NEWLINE = 2; // /[\r\n]/
export const CJK = 4; // /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
export const LETTER_OR_DIGIT = 8; // /[\p{L}\p{N}]/u
export const WORD_JOINER = 16; // /['’.,%°$€£-]/: holds a figure or a word together ("1,000", "25%", "it's")
export const SURROGATE = 32; // half of an astral code point: read the pair with `codePointAt`

const UNKNOWN = 0x80;
const table = new Uint8Array(0x10000).fill(UNKNOWN);

const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER_OR_DIGIT_CHARACTER = /[\p{L}\p{N}]/u;

/** The classes of one code unit (a lone surrogate is tested as one, as a `u` regex sees it). */
export function classOfCodeUnit(code: number): number {
  const known = table[code] ?? 0;
  if (known !== UNKNOWN) return known;
  const char = String.fromCharCode(code);
  const classes =
    (/\s/.test(char) ? WHITESPACE : 0) |
    (/[\r\n]/.test(char) ? NEWLINE : 0) |
    (CJK_CHARACTER.test(char) ? CJK : 0) |
    (LETTER_OR_DIGIT_CHARACTER.test(char) ? LETTER_OR_DIGIT : 0) |
    (/['’.,%°$€£-]/.test(char) ? WORD_JOINER : 0) |
    (code >= 0xd800 && code <= 0xdfff ? SURROGATE : 0);
  table[code] = classes;
  return classes;
}

const astralLetterOrDigit = new Map<number, boolean>();

/** `/[\p{L}\p{N}]/u` for a whole code point, astral ones (emoji, rare scripts) included. */
export function isLetterOrDigit(codePoint: number): boolean {
  if (codePoint <= 0xffff) return (classOfCodeUnit(codePoint) & LETTER_OR_DIGIT) !== 0;
  let answer = astralLetterOrDigit.get(codePoint);
  if (answer === undefined) {
    answer = LETTER_OR_DIGIT_CHARACTER.test(String.fromCodePoint(codePoint));
    astralLetterOrDigit.set(codePoint, answer);
  }
  return answer;
}
