import { forEachWord, wordsOf } from './text-statistics.js';
import { wordAt } from './word-table.js';

/**
 * The word 3-shingles of a text, lowercased ("the pan work", "pan work takes", ...): the unit the
 * similarity of two variants counts. Opaque: compare two with `sharedShingles`.
 *
 * Why not a set of strings: every variant's shingles are made once and compared with each
 * sibling's, and a string per shingle (joined, hashed, then looked up in the other set) cost more
 * than the rest of the distinctness work. Here each distinct lowercased word gets a number, a
 * shingle is its three numbers packed into one (exactly, below 2^51), and a text's shingles are
 * those numbers sorted without repeats: two texts share a shingle exactly when they share its
 * three words in order, and the shared count is one merge of two sorted arrays.
 */
export class ShingleSet {
  constructor(
    readonly text: string,
    /** The word numbering the keys were made with (see `numberWords`). */
    readonly generation: number,
    /** Sorted, distinct; null for a text with more distinct words than a key can number. */
    readonly keys: Float64Array | null,
  ) {}

  get size(): number {
    return this.keys === null ? stringShingles(this.text).size : this.keys.length;
  }
}

/** Memoised, because every sibling is compared again for each new segment of its item, by the engine and the check. */
export function wordShingles(text: string): ShingleSet {
  const known = shinglesByText.get(text);
  if (known !== undefined && known.generation === generation) return known;
  if (shinglesByText.size >= SHINGLE_SETS) shinglesByText.clear();
  // Numbering the words may start a new generation: the set belongs to the one after it.
  const keys = packedShingles(text);
  const set = new ShingleSet(text, generation, keys);
  shinglesByText.set(text, set);
  return set;
}

/** How many shingles two sets have in common. */
export function sharedShingles(a: ShingleSet, b: ShingleSet): number {
  const first = current(a);
  const second = current(b);
  if (first.keys === null || second.keys === null || first.generation !== second.generation) {
    // Texts too long to number their words (or whose numbering crowded each other out): compared as strings.
    const other = stringShingles(second.text);
    let shared = 0;
    for (const shingle of stringShingles(first.text)) if (other.has(shingle)) shared++;
    return shared;
  }
  return sharedSortedKeys(first.keys, second.keys);
}

/** A set made before the words were numbered afresh no longer compares with new ones: made again. */
function current(set: ShingleSet): ShingleSet {
  return set.generation === generation ? set : wordShingles(set.text);
}

function sharedSortedKeys(a: Float64Array, b: Float64Array): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

const SHINGLE_SETS = 256;
const shinglesByText = new Map<string, ShingleSet>();

/** Word numbers stay below 2^17, so three of them pack into 51 bits: an exact double. */
const RADIX = 2 ** 17;
/** Renumbered from scratch past this many words (all sets made before are then made again on use): memory stays bounded. */
const MAX_NUMBERED_WORDS = RADIX - 1;
let generation = 0;
const wordNumbers = new Map<string, number>();

function packedShingles(text: string): Float64Array | null {
  const numbers = numberWords(text);
  if (numbers === null) return null;
  const keys = new Float64Array(Math.max(0, numbers.length - 2));
  for (let index = 0; index + 2 < numbers.length; index++) {
    keys[index] = ((numbers[index] ?? 0) * RADIX + (numbers[index + 1] ?? 0)) * RADIX + (numbers[index + 2] ?? 0);
  }
  keys.sort();
  let distinct = 0;
  for (let index = 0; index < keys.length; index++) if (index === 0 || keys[index] !== keys[distinct - 1]) keys[distinct++] = keys[index] ?? 0;
  return keys.slice(0, distinct);
}

/**
 * The number of each word of the text (lowercased), numbering new words on the way; null when
 * the text alone has more distinct words than fit. A word's number is kept with its entry in the
 * word table, so a word seen before costs one lookup where it stands.
 */
function numberWords(text: string): number[] | null {
  const ranges: number[] = [];
  forEachWord(text, (start, end) => ranges.push(start, end));
  const words = ranges.length / 2;
  if (wordNumbers.size + words > MAX_NUMBERED_WORDS) {
    wordNumbers.clear();
    shinglesByText.clear();
    generation++;
    if (words > MAX_NUMBERED_WORDS && new Set(wordsOf(text).map((word) => word.toLowerCase())).size > MAX_NUMBERED_WORDS) return null;
  }
  const numbers: number[] = [];
  for (let range = 0; range < ranges.length; range += 2) {
    const entry = wordAt(text, ranges[range] ?? 0, ranges[range + 1] ?? 0);
    if (entry.shingleGeneration !== generation) {
      const lowercase = entry.word.toLowerCase();
      let number = wordNumbers.get(lowercase);
      if (number === undefined) {
        number = wordNumbers.size;
        wordNumbers.set(lowercase, number);
      }
      entry.shingleNumber = number;
      entry.shingleGeneration = generation;
    }
    numbers.push(entry.shingleNumber);
  }
  return numbers;
}

/** The shingles as strings: only for a text too long to number its words (far beyond any variant's limits). */
function stringShingles(text: string): Set<string> {
  const words = wordsOf(text).map((word) => word.toLowerCase());
  const set = new Set<string>();
  for (let index = 0; index + 3 <= words.length; index++) set.add(`${words[index]} ${words[index + 1]} ${words[index + 2]}`);
  return set;
}
