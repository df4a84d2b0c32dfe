// The exact paired bootstrap of two rules' outcomes on the same trades, by brute force over
// all nⁿ equally likely index tuples: the oracle of compareOutcomes and compareSizing. The
// metrics are written out again here, independently of src/evaluate.

export type ExactMetric = 'meanReturn' | 'totalReturn' | 'sharpe';

/** The metric of outcomes `x`; null where it is undefined (a Sharpe ratio without spread). */
export function metric(name: ExactMetric, x: readonly number[]): number | null {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  if (name === 'meanReturn') return mean;
  if (name === 'totalReturn') return x.reduce((w, v) => w * (1 + v), 1) - 1;
  if (x.every((v) => v === x[0])) return null;
  return mean / Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1));
}

/** Every resample's a* − b* (sorted), the share where a* > b*, and the share where both are defined. */
export function exactDifferences(name: ExactMetric, a: readonly number[], b: readonly number[]) {
  const n = a.length;
  const diffs: number[] = [];
  let aBetter = 0;
  const idx = new Array<number>(n).fill(0);
  for (let t = 0; t < n ** n; t++) {
    let k = t;
    for (let j = 0; j < n; j++) {
      idx[j] = k % n;
      k = Math.floor(k / n);
    }
    const ma = metric(name, idx.map((i) => a[i]));
    const mb = metric(name, idx.map((i) => b[i]));
    if (ma === null || mb === null) continue;
    diffs.push(ma - mb);
    if (ma > mb) aBetter++;
  }
  diffs.sort((x, y) => x - y);
  return { diffs, aBetter: aBetter / diffs.length, defined: diffs.length / n ** n };
}

/** The exact distribution's p-quantile, inf{x : F(x) ≥ p}. */
export const exactQuantile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
