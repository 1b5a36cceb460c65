/**
 * Text written to be read differently by a model than by a person: invisible characters that
 * split a phrase so a filter misses it ("ign\u200Bore"), bidi controls that reorder it, and
 * words that mix look-alike letters of other scripts with Latin ones ("іgnore" with a Cyrillic
 * і). `revealText` undoes all of it so the other detectors read what a model would read.
 */

/** Zero-width, soft-hyphen, bidi and other format characters a reader never sees. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');
/** The same, minus the zero-width joiner, which emoji sequences need ("👩‍🍳"): that one counts only between letters. */
const HIDING = /[\u00AD\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]|[\p{L}\p{N}]\u200D|\u200D[\p{L}\p{N}]/u;
/** Any character past ASCII: text without one has nothing to hide and nothing to fold. */
const NON_ASCII = /[^\u0020-\u007E\t\n\r]/;
const GREEK_OR_CYRILLIC = /[\u0370-\u03FF\u0400-\u04FF\u0500-\u052F]/;
/** A word holding both Latin letters and Greek or Cyrillic ones: no language writes that way. */
const MIXED_SCRIPT_WORD = /(?=[\p{L}\p{M}]*\p{Script=Latin})(?=[\p{L}\p{M}]*[\p{Script=Cyrillic}\p{Script=Greek}])[\p{L}\p{M}]+/u;

/** Greek and Cyrillic letters drawn like Latin ones (Unicode's confusables for the letters that matter here). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i',
  ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/**
 * The text as a model reads it: compatibility forms folded (full-width and mathematical letters
 * become plain ones), invisible characters removed, look-alike letters made Latin. Only for
 * scanning: what is stored and shown is never rewritten with it.
 */
export function revealText(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  // Three detectors reveal the same variant in turn: the last answer is kept for the next.
  if (text !== lastRevealed.text) {
    const folded = text.normalize('NFKC').replace(INVISIBLE_ALL, '');
    lastRevealed = { text, revealed: GREEK_OR_CYRILLIC.test(folded) ? folded.replace(LOOK_ALIKE, (letter) => LOOK_ALIKES[letter] ?? letter) : folded };
  }
  return lastRevealed.revealed;
}
let lastRevealed = { text: '', revealed: '' };

/** What hides text in `text`, as short descriptions with the offending word (empty when none). */
export function findHiddenText(text: string): string[] {
  if (!NON_ASCII.test(text)) return [];
  const found: string[] = [];
  if (INVISIBLE.test(text) && HIDING.test(text)) found.push('invisible or direction-changing characters');
  // The word-by-word test is costly; only text with a Greek or Cyrillic letter can fail it.
  const mixed = GREEK_OR_CYRILLIC.test(text) ? MIXED_SCRIPT_WORD.exec(text) : null;
  if (mixed !== null) found.push(`a word mixing look-alike letters of other scripts: "${mixed[0]}"`);
  return found;
}
