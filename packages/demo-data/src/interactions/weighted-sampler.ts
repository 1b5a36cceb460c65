import type { SeededRandom } from '../seeded-random.js';

/** Draws indices from a fixed weight vector in O(log n) per draw (prefix sums + binary search). */
export class WeightedSampler<T> {
  private readonly cumulative: Float64Array;

  constructor(
    readonly values: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      total += w;
      this.cumulative[i] = total;
    });
  }

  draw(rng: SeededRandom): T {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const target = rng.next() * total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return this.values[low] as T;
  }
}
