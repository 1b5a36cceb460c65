import type { UserHistoryStore } from '../model/user-history.store.js';
import { decayWeight } from './decay.js';

/** Popularity re-sorts at most this often while events stream in, keeping `observe` cheap. */
const RESORT_INTERVAL_MS = 5_000;

/** Time-decayed popularity: Σ event weight × 2^(−age/halfLife), measured from the fit time. */
export class PopularityRecall {
  readonly scores: Float64Array;
  private order: Int32Array;
  private sortedAt = 0;
  private dirty = false;

  constructor(
    itemCount: number,
    histories: UserHistoryStore,
    private readonly now: number,
    private readonly halfLifeDays: number,
  ) {
    this.scores = new Float64Array(itemCount);
    for (let u = 0; u < histories.userCount; u++) {
      const events = histories.fittedEventsOf(u);
      for (let k = 0; k < events.length; k++) {
        const item = events.items[k] as number;
        this.scores[item] = (this.scores[item] as number) + (events.weights[k] as number) * decayWeight(now - (events.times[k] as number), halfLifeDays);
      }
    }
    this.order = this.sort();
  }

  observe(item: number, weight: number, at: number): void {
    this.scores[item] = (this.scores[item] as number) + weight * decayWeight(this.now - at, this.halfLifeDays);
    this.dirty = true;
  }

  /** Item indices from most to least popular. */
  ranked(): Int32Array {
    if (this.dirty && Date.now() - this.sortedAt >= RESORT_INTERVAL_MS) this.order = this.sort();
    return this.order;
  }

  get bytes(): number {
    return this.scores.byteLength + this.order.byteLength;
  }

  private sort(): Int32Array {
    this.sortedAt = Date.now();
    this.dirty = false;
    const scores = this.scores;
    return Int32Array.from(scores.keys()).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  }
}
