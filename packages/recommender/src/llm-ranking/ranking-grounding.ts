export interface GroundedRanking {
  /** A full permutation of candidate positions, best first. */
  order: number[];
  duplicates: number;
  appended: number;
}

/**
 * Turns whatever the LLM named into a complete, valid ranking: positions outside the list and
 * repeats are dropped, and candidates it left out are appended in their classical order
 * (positions are classical ranks, so ascending).
 */
export function groundRanking(positions: readonly number[], candidateCount: number): GroundedRanking {
  const seen = new Uint8Array(candidateCount);
  const order: number[] = [];
  let duplicates = 0;
  for (const p of positions) {
    if (!Number.isInteger(p) || p < 0 || p >= candidateCount) continue;
    if (seen[p]) {
      duplicates++;
      continue;
    }
    seen[p] = 1;
    order.push(p);
  }
  const named = order.length;
  for (let p = 0; p < candidateCount; p++) if (!seen[p]) order.push(p);
  return { order, duplicates, appended: candidateCount - named };
}
