import { sharedShingles, wordShingles, type ShingleSet } from '../../text/word-shingles.js';
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

/**
 * By the content object first: the engine and the check compare the same sibling objects within
 * one call, and the engine's draft again and again, without joining and hashing their text each
 * time. The entry keeps the strings it was made from, so a content object edited since is redone.
 */
function shingles(content: TTextContent): ShingleSet {
  const known = shinglesByContent.get(content);
  if (known !== undefined && known.title === content.title && known.body === content.body) return known.set;
  const set = wordShingles(`${content.title} ${content.body}`);
  shinglesByContent.set(content, { title: content.title, body: content.body, set });
  return set;
}
const shinglesByContent = new WeakMap<TTextContent, { title: string; body: string; set: ShingleSet }>();

/**
 * Memoised per pair of shingle sets (memoised, so the same objects come back): the check compares
 * the variant with each sibling again after the engine did.
 */
function jaccard(a: ShingleSet, b: ShingleSet): number {
  let byOther = jaccardBySets.get(a);
  const known = byOther?.get(b);
  if (known !== undefined) return known;
  const similarity = computeJaccard(a, b);
  if (byOther === undefined) {
    byOther = new WeakMap();
    jaccardBySets.set(a, byOther);
  }
  byOther.set(b, similarity);
  return similarity;
}
const jaccardBySets = new WeakMap<ShingleSet, WeakMap<ShingleSet, number>>();

function computeJaccard(a: ShingleSet, b: ShingleSet): number {
  if (a.size === 0 && b.size === 0) return 1;
  const shared = sharedShingles(a, b);
  return shared / (a.size + b.size - shared);
}
