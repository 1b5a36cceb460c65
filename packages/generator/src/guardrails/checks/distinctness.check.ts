import { memoizeByString } from '../../text/string-memo.js';
import { wordsOf } from '../../text/text-statistics.js';
import type { TTextContent } from '@persona/shared';
import type { GuardrailCheck } from '../guardrail-context.js';

/** Jaccard similarity of word 3-shingles at or above which two variants are near-duplicates. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;
const SIMILAR_WARNING = 0.6;

/** Variants of one item for different segments must read differently. */
export const checkDistinctness: GuardrailCheck = ({ content, siblings }) => {
  if (siblings.length === 0) return { name: 'distinctness', status: 'pass', detail: 'no sibling variants to compare' };
  const own = shingles(content);
  const closest = Math.max(...siblings.map((sibling) => jaccard(own, shingles(sibling))));
  const status = closest >= NEAR_DUPLICATE_SIMILARITY ? 'fail' : closest >= SIMILAR_WARNING ? 'warn' : 'pass';
  return {
    name: 'distinctness',
    status,
    detail: `closest of ${siblings.length} sibling variants: ${(closest * 100).toFixed(0)}% similar (near-duplicate at ${NEAR_DUPLICATE_SIMILARITY * 100}%)`,
  };
};

/** Similarity of two variants' reader-facing text (title and body), 0 to 1. */
export function variantSimilarity(a: TTextContent, b: TTextContent): number {
  return jaccard(shingles(a), shingles(b));
}

function shingles(content: TTextContent): ReadonlySet<string> {
  return wordShingles(`${content.title} ${content.body}`);
}

/**
 * The word 3-shingles of a text, lowercased: the unit the similarity counts. Memoised, because
 * every sibling is compared again for each new segment of its item, by the engine and the check.
 */
export function wordShingles(text: string): ReadonlySet<string> {
  return memoisedShingles(text);
}
const memoisedShingles = memoizeByString(computeShingles, 256);

function computeShingles(text: string): Set<string> {
  const words = wordsOf(text).map((word) => word.toLowerCase());
  const set = new Set<string>();
  for (let index = 0; index + 3 <= words.length; index++) set.add(`${words[index]} ${words[index + 1]} ${words[index + 2]}`);
  return set;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const shingle of a) if (b.has(shingle)) shared++;
  return shared / (a.size + b.size - shared);
}
