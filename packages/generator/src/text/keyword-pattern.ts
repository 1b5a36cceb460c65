/**
 * A pattern with its triggers: words (whole, lowercase ASCII letters and digits, found in any
 * case) or symbols (substrings, e.g. `{`, `$(`, matched as written: list each case a symbol
 * with letters may take) one of which every match contains. Guardrails run
 * dozens of patterns over every variant, and nearly all copy holds none of their triggers: a
 * look-up in the text's trigger words rules a pattern out for a fraction of what running it costs.
 */
export interface KeywordPattern {
  words: readonly string[];
  symbols: readonly string[];
  pattern: RegExp;
}

const WORD = /^[a-z0-9]+$/;
/** Every trigger word of every pattern: a text's words are looked up here, once each. */
const TRIGGER_WORDS = new Set<string>();
/** Their hashes (see `wordHash`): a word whose hash is not here is passed over without making a string of it. */
const TRIGGER_HASHES = new Set<number>();
let longestTrigger = 0;

export function keywordPattern(triggers: readonly string[], pattern: RegExp): KeywordPattern {
  const words = triggers.filter((trigger) => WORD.test(trigger));
  const symbols = triggers.filter((trigger) => !WORD.test(trigger));
  for (const word of words) {
    TRIGGER_WORDS.add(word);
    TRIGGER_HASHES.add(wordHash(word));
    longestTrigger = Math.max(longestTrigger, word.length);
  }
  return { words, symbols, pattern };
}

/** A text as the patterns read it, with the trigger words it holds. */
export interface ScanText {
  text: string;
  words: ReadonlySet<string>;
  /** The longest run of base64 characters (letters, digits, `+`, `/`): an encoded blob needs a long one. */
  longestBase64Run: number;
  /** Where a word may hold a link: each `.` between a letter or digit and two letters, and each `://`. */
  linkHints: readonly number[];
}

/**
 * The detectors read the same variant one after another: the last text's scan is kept for the
 * next (comparing a string with the last one costs far less than hashing it for a map). Words are
 * read with a loop over character codes: a regex split of a variant costs several times as much.
 */
let last: ScanText = { text: '', words: new Set(), longestBase64Run: 0, linkHints: [] };

export function scanText(text: string): ScanText {
  if (text === last.text) return last;
  const words = new Set<string>();
  const linkHints: number[] = [];
  let start = -1;
  let hash = 0;
  let run = 0;
  let longestBase64Run = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 32;
    const wordCharacter = isAsciiAlphanumeric(code);
    run = wordCharacter || code === 43 || code === 47 ? run + 1 : 0;
    if (run > longestBase64Run) longestBase64Run = run;
    if (wordCharacter) {
      if (start < 0) {
        start = index;
        hash = 0;
      }
      hash = nextHash(hash, code);
      continue;
    }
    if (code === 46 && index > 0 && isLinkLabel(text.charCodeAt(index - 1)) && isLetter(text.charCodeAt(index + 1)) && isLetter(text.charCodeAt(index + 2))) linkHints.push(index);
    else if (code === 58 && text.charCodeAt(index + 1) === 47 && text.charCodeAt(index + 2) === 47) linkHints.push(index);
    if (start >= 0 && index - start <= longestTrigger && TRIGGER_HASHES.has(hash)) {
      const word = text.slice(start, index).toLowerCase();
      if (TRIGGER_WORDS.has(word)) words.add(word);
    }
    start = -1;
  }
  last = { text, words, longestBase64Run, linkHints };
  return last;
}

/** A hash of a word's lowercase letters, built character by character as the scan reads them. */
function nextHash(hash: number, code: number): number {
  const lower = code >= 65 && code <= 90 ? code + 32 : code;
  return (Math.imul(hash, 31) + lower) | 0;
}

function wordHash(word: string): number {
  let hash = 0;
  for (let index = 0; index < word.length; index++) hash = nextHash(hash, word.charCodeAt(index));
  return hash;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** A letter of a domain name: any letter past ASCII counts (internationalised domains). */
function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code > 127 && !Number.isNaN(code) && /\p{L}/u.test(String.fromCharCode(code)));
}

function isLinkLabel(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 45 || isLetter(code);
}

/** The first match of a pattern in the text, or null when it cannot match or does not. */
export function firstMatch(entry: KeywordPattern, scan: ScanText): RegExpExecArray | null {
  if (!mayMatch(entry, scan)) return null;
  entry.pattern.lastIndex = 0;
  return entry.pattern.exec(scan.text);
}

export function mayMatch({ words, symbols }: KeywordPattern, scan: ScanText): boolean {
  return words.some((word) => scan.words.has(word)) || symbols.some((symbol) => scan.text.includes(symbol));
}
