import { diffWords } from 'diff';

export interface DiffPart {
  text: string;
  /** `same` in both texts, `removed` only in the left one, `added` only in the right one. */
  change: 'same' | 'removed' | 'added';
}

/** Word-level differences between two texts (jsdiff's diffWords: whitespace does not count as a change). */
export function wordDiff(left: string, right: string): DiffPart[] {
  return diffWords(left, right).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}

/** One side of a side-by-side view: the left text keeps what was removed, the right what was added. */
export function sideOf(parts: readonly DiffPart[], side: 'left' | 'right'): DiffPart[] {
  return parts.filter((part) => part.change === 'same' || part.change === (side === 'left' ? 'removed' : 'added'));
}

/** How many words differ on each side, for a one-line summary above the texts. */
export function changedWordCounts(parts: readonly DiffPart[]): { removed: number; added: number } {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  return {
    removed: parts.filter((p) => p.change === 'removed').reduce((n, p) => n + words(p.text), 0),
    added: parts.filter((p) => p.change === 'added').reduce((n, p) => n + words(p.text), 0),
  };
}
