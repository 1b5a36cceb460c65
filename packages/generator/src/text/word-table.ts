/**
 * The words of the texts in hand, each met as a range of a text and looked up there: an
 * open-addressing table hashed over the characters in place. The engines read hundreds of words
 * per variant (to count syllables, to number shingles) and nearly all were seen before: a hit
 * cuts no string out of the text and hashes the characters once, where a Map would want a new
 * string for each occurrence and hash it again. What is known about a word hangs on its entry.
 */
export class WordEntry {
  /** Syllables as the reading grade counts them; -1 until asked. */
  syllables = -1;
  /** The word's number for shingles, valid in `shingleGeneration` only (see word-shingles). */
  shingleNumber = -1;
  shingleGeneration = -1;

  constructor(readonly word: string) {}
}

/** The entry of the word at [start, end) of `text`, made on first sight. */
export function wordAt(text: string, start: number, end: number): WordEntry {
  let hash = FNV_OFFSET;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  let slot = hash & MASK;
  for (let entry = entries[slot]; entry !== undefined; entry = entries[slot]) {
    if (hashes[slot] === hash && entry.word.length === end - start && text.startsWith(entry.word, start)) return entry;
    slot = (slot + 1) & MASK;
  }
  // A full table is emptied, as the string memos are: the words of the items in hand come back at once.
  if (size >= LIMIT) {
    entries.fill(undefined);
    size = 0;
    slot = hash & MASK;
  }
  const entry = new WordEntry(text.slice(start, end));
  entries[slot] = entry;
  hashes[slot] = hash;
  size++;
  return entry;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const CAPACITY = 1 << 16;
const MASK = CAPACITY - 1;
/** Half full at most, so a probe ends at an empty slot within a few steps. */
const LIMIT = CAPACITY / 2;
const entries = new Array<WordEntry | undefined>(CAPACITY).fill(undefined);
const hashes = new Int32Array(CAPACITY);
let size = 0;
