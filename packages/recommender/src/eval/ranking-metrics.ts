/** Accumulates single-positive ranking metrics over evaluated users. Ranks are 0-based; −1 = not ranked. */
export class RankingMetrics {
  private users = 0;
  private ndcg10 = 0;
  private ndcg20 = 0;
  private hits10 = 0;
  private reciprocalRank = 0;
  private readonly recommended = new Set<string>();

  add(rank: number, topTen: readonly string[]): void {
    this.users++;
    for (const id of topTen) this.recommended.add(id);
    if (rank < 0) return;
    const gain = 1 / Math.log2(rank + 2);
    if (rank < 10) {
      this.ndcg10 += gain;
      this.hits10++;
    }
    if (rank < 20) this.ndcg20 += gain;
    this.reciprocalRank += 1 / (rank + 1);
  }

  summary(catalogSize: number): MetricSummary {
    const n = this.users || 1;
    return {
      users: this.users,
      ndcg10: this.ndcg10 / n,
      ndcg20: this.ndcg20 / n,
      // With one held-out item per user, Recall@10 and HR@10 coincide; both are reported by name.
      recall10: this.hits10 / n,
      hr10: this.hits10 / n,
      mrr: this.reciprocalRank / n,
      coverage: this.recommended.size / Math.max(1, catalogSize),
    };
  }
}

export interface MetricSummary {
  users: number;
  ndcg10: number;
  ndcg20: number;
  recall10: number;
  hr10: number;
  /** Over the ranked list: in the full protocol only the top 20 are ranked, so it is MRR@20. */
  mrr: number;
  /** Share of the catalog that appears in some user's top 10. */
  coverage: number;
}
