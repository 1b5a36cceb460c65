import { selectTopK } from './top-k.selector.js';

/** Top-K neighbours per item in compressed rows: integer item indices and float scores. */
export class NeighbourLists {
  private constructor(
    readonly offsets: Int32Array,
    readonly ids: Int32Array,
    readonly scores: Float32Array,
  ) {}

  get pairs(): number {
    return this.ids.length;
  }

  get bytes(): number {
    return this.offsets.byteLength + this.ids.byteLength + this.scores.byteLength;
  }

  /**
   * Builds the lists row by row: `fillRow(row, touched)` writes raw scores into `scratch` for the
   * items it touches (appending them to `touched`) and the best `k` are kept.
   */
  static build(
    rows: number,
    k: number,
    fillRow: (row: number, scratch: Float64Array, touched: number[]) => void,
  ): NeighbourLists {
    const scratch = new Float64Array(rows);
    const offsets = new Int32Array(rows + 1);
    const ids: number[] = [];
    const scores: number[] = [];
    const touched: number[] = [];
    for (let row = 0; row < rows; row++) {
      touched.length = 0;
      fillRow(row, scratch, touched);
      const positive = touched.filter((j) => j !== row && (scratch[j] as number) > 0);
      for (const j of selectTopK(positive, positive.length, scratch, k)) {
        ids.push(j);
        scores.push(scratch[j] as number);
      }
      for (const j of touched) scratch[j] = 0;
      offsets[row + 1] = ids.length;
    }
    return new NeighbourLists(offsets, Int32Array.from(ids), Float32Array.from(scores));
  }
}
