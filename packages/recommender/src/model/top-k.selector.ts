/**
 * Indices of the `k` highest scores among `candidates`, best first (ties: lower index first).
 * A bounded min-heap keeps this O(n log k), which matters when fitting neighbour lists for 10k items.
 */
export function selectTopK(
  candidates: ArrayLike<number>,
  count: number,
  score: ArrayLike<number>,
  k: number,
): Int32Array {
  const size = Math.min(k, count);
  const heap = new Int32Array(size);
  let filled = 0;
  const worse = (a: number, b: number) => {
    const sa = score[a] as number;
    const sb = score[b] as number;
    return sa < sb || (sa === sb && a > b);
  };
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < filled && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < filled && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      const t = heap[i] as number;
      heap[i] = heap[m] as number;
      heap[m] = t;
      i = m;
    }
  };
  for (let c = 0; c < count; c++) {
    const item = candidates[c] as number;
    if (filled < size) {
      let i = filled++;
      heap[i] = item;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i] as number, heap[p] as number)) break;
        const t = heap[i] as number;
        heap[i] = heap[p] as number;
        heap[p] = t;
        i = p;
      }
    } else if (size > 0 && worse(heap[0] as number, item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.subarray(0, filled).sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
