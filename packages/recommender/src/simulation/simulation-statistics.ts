/** Least-squares slope of ln(y) on ln(x): cumulative regret ∝ t^slope (below 1: sublinear). */
export function powerLawExponent(points: readonly { x: number; y: number }[]): number {
  const usable = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
  if (usable.length < 2) return Number.NaN;
  const mx = usable.reduce((a, p) => a + p.x, 0) / usable.length;
  const my = usable.reduce((a, p) => a + p.y, 0) / usable.length;
  const sxy = usable.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = usable.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

// Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** Mean with a 95% t interval, for a figure measured over a few seeds. */
export function meanInterval(values: readonly number[]): { mean: number; low: number; high: number } {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : Number.NaN;
  if (n < 2) return { mean, low: mean, high: mean };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n));
  return { mean, low: mean - half, high: mean + half };
}
