/**
 * The exact law of the maximum drawdown of a binary bet over n trades, on its lattice.
 *
 * With log steps a = ln(1 + f·w) > 0 and b = ln(1 − f·l) = −c < 0, the log drawdown
 * D = (running peak − ln W) is a Markov chain: a win moves it to D − a, or to 0 (a new
 * peak) when D − a ≤ tol; a loss moves it to D + c. Between two peaks the path makes an
 * *excursion*: it starts with a loss and, after i wins and j losses, sits at
 * D = j·c − i·a, at time i + j after the peak it left. So the time is a function of the
 * state, and one sweep over the states with 0 < D < threshold (a strip about
 * threshold / c wide in j for each i, i + j < n) gives, for every duration d, the
 * probability that an excursion returns to a peak after d trades (R[d]) or first reaches
 * the threshold after d trades (A[d]), without a time loop. Peaks then form a renewal
 * process: π(t) = P(at a peak at time t, threshold not reached) satisfies
 * π(0) = 1, π(t) = p·π(t − 1) + q·Σ_d π(t − d)·R[d], and
 * P(max drawdown ≥ threshold within n trades) = q·Σ_s π(s)·Σ_{d ≤ n − s} A[d].
 *
 * One tail costs O(n·threshold / (a + c)) for the strip and O(n·d_max) for the renewal
 * (d_max ≤ n the longest excursion that returns), instead of O(n²·threshold / c) for a
 * chain over (time, D): about 1 ms at 1 000 trades. Every decision compares D = j·c − i·a,
 * computed from the integers (i, j), with the tie tolerance (see tieTolerance), exactly as
 * the simulator's running sums are compared, so lattice ties (ln 1.25 = −ln 0.8) fall on
 * the same side.
 */
export class MaxDrawdownLattice {
  private readonly q: number;
  private readonly c: number;
  /** tail() results by threshold. */
  private readonly cache = new Map<number, number>();
  /** P(max drawdown ≤ v) by v, for the quantile search. */
  private readonly cdf = new Map<number, number>();

  constructor(
    private readonly p: number,
    private readonly a: number,
    b: number,
    private readonly n: number,
    private readonly tol: number,
  ) {
    this.q = 1 - p;
    this.c = -b;
  }

  /** P(some D_t ≥ threshold, t ≤ n): the path reaches a log drawdown of `threshold`. */
  tail(threshold: number): number {
    const hit = this.cache.get(threshold);
    if (hit !== undefined) return hit;
    const value = this.compute(threshold);
    this.cache.set(threshold, value);
    return value;
  }

  /** P(max drawdown ≥ L) for a level L in log units, counting D within tol of L as reaching it. */
  probabilityAtLeast(L: number): number {
    return this.tail(L - this.tol);
  }

  /** P(max drawdown ≤ v), counting D within tol of v as equal to it (not above). */
  probabilityAtMost(v: number): number {
    return 1 - this.tail(nextUp(v + this.tol));
  }

  /**
   * The lower pct-quantile of the maximum log drawdown: the smallest lattice value v with
   * P(max drawdown ≤ v) ≥ pct. The law only jumps at lattice values j·c − i·a, so the
   * answer is one of them: the values already solved (by earlier quantiles too) bracket it,
   * a doubling search widens the bracket if needed, then the lattice values inside are
   * searched, alternately at the value where the CDF, interpolated linearly between the
   * bracket's ends, reaches pct, and by bisection (the CDF is a step function: interpolation
   * lands close, bisection bounds the number of steps).
   */
  quantile(pct: number): number {
    const { c, n } = this;
    if (!(c > 0) || this.q === 0) return 0; // never a loss
    const reaches = (v: number) => this.atMost(v) >= pct * (1 - 1e-12);
    if (reaches(0)) return 0;
    // The tightest bracket (lo, hi] the values solved so far give: F(lo) < pct ≤ F(hi).
    let lo = 0;
    let hi = Infinity;
    for (const [v, F] of this.cdf) {
      if (F >= pct * (1 - 1e-12)) hi = Math.min(hi, v);
      else lo = Math.max(lo, v);
    }
    const top = n * c; // n losses in a row: no path draws down further
    if (hi === Infinity) {
      hi = Math.max(c, lo);
      while (!reaches(hi)) {
        lo = hi;
        if (hi >= top) return top;
        hi = Math.min(2 * hi, top);
      }
    }
    const values = this.latticeValues(lo, hi);
    let left = 0; // values[left] … values[right]: the answer is among them; reaches(values[right])
    let right = values.length - 1;
    let bisect = false;
    while (left < right) {
      let mid = (left + right) >> 1;
      if (!bisect) {
        const Flo = left === 0 ? this.atMost(lo) : this.atMost(values[left - 1]);
        const Fhi = this.atMost(values[right]);
        const target = (left === 0 ? lo : values[left - 1]) + ((pct - Flo) / (Fhi - Flo)) * (values[right] - (left === 0 ? lo : values[left - 1]));
        if (Number.isFinite(target)) mid = Math.min(right - 1, Math.max(left, lowerBound(values, target, left, right)));
      }
      if (reaches(values[mid])) right = mid;
      else left = mid + 1;
      bisect = !bisect;
    }
    return values[left];
  }

  /** P(max drawdown ≤ v), remembered in `cdf` for later brackets. */
  private atMost(v: number): number {
    let F = this.cdf.get(v);
    if (F === undefined) {
      F = this.probabilityAtMost(v);
      this.cdf.set(v, F);
    }
    return F;
  }

  /** Distinct values j·c − i·a in (lo, hi] with j ≥ 1, i ≥ 0, i + j ≤ n, ascending; hi included. */
  private latticeValues(lo: number, hi: number): Float64Array {
    const { a, c, n } = this;
    const values: number[] = [hi];
    for (let i = 0; i < n && (n - i) * c - i * a > lo; i++) {
      for (let j = Math.max(1, Math.floor((lo + i * a) / c)); i + j <= n; j++) {
        const v = j * c - i * a;
        if (v > hi) break;
        if (v > lo) values.push(v);
      }
    }
    const sorted = Float64Array.from(values).sort();
    let k = 0;
    for (let i = 0; i < sorted.length; i++) if (k === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i];
    return sorted.subarray(0, k);
  }

  private compute(threshold: number): number {
    const { p, q, a, c, n, tol } = this;
    if (threshold <= 0) return 1; // every path starts there
    if (!(c > 0) || q === 0) return 0; // never a loss
    // R[d]: an excursion (begun by a loss) returns to a peak d trades after the peak it left;
    // A[d]: it first reaches the threshold d trades after. Both conditional on the first loss.
    const R = new Float64Array(n + 1);
    const A = new Float64Array(n + 1);
    let longest = 0; // largest d with R[d] > 0
    if (c >= threshold) {
      A[1] = 1;
    } else {
      // Row i holds j = first … last, i + j ≤ n − 1, of the states below a peak: D < threshold,
      // and D > tol unless i = 0 (losses only: a win that leaves D ≤ tol is a new peak instead).
      let prev = new Float64Array(0);
      let prevFirst = 0;
      for (let i = 0; i < n; i++) {
        const first = i === 0 ? 1 : Math.max(1, Math.floor((i * a + tol) / c));
        const last = Math.min(n - 1 - i, Math.ceil((threshold + i * a) / c));
        if (last < first) break;
        const row = new Float64Array(last - first + 1);
        let live = false;
        for (let j = first; j <= last; j++) {
          const D = j * c - i * a;
          if (!(D < threshold && (i === 0 || D > tol))) continue;
          let m = i === 0 && j === 1 ? 1 : 0;
          // A win from (i − 1, j), if that state was interior; a loss from (i, j − 1), likewise.
          if (i > 0 && j >= prevFirst && j - prevFirst < prev.length) m += p * prev[j - prevFirst];
          if (j > first) m += q * row[j - 1 - first];
          row[j - first] = m;
          if (m === 0) continue;
          live = true;
          const d = i + j + 1;
          if (D - a <= tol) {
            R[d] += p * m;
            if (d > longest) longest = d;
          }
          if (D + c >= threshold) A[d] += q * m;
        }
        if (!live) break;
        prev = row;
        prevFirst = first;
      }
    }
    // Renewal over peaks: π(t), and the mass that leaves a peak by a loss and is absorbed in time.
    const pi = new Float64Array(n + 1);
    pi[0] = 1;
    for (let t = 1; t <= n; t++) {
      let returned = 0;
      const dMax = Math.min(t, longest);
      for (let d = 2; d <= dMax; d++) returned += pi[t - d] * R[d];
      pi[t] = p * pi[t - 1] + q * returned;
    }
    let absorbed = 0;
    let reachable = 0; // Σ_{d ≤ n − s} A[d], grown as s falls
    for (let s = n - 1; s >= 0; s--) {
      reachable += A[n - s];
      absorbed += pi[s] * reachable;
    }
    return Math.min(1, q * absorbed);
  }
}

/** The first index in [from, to] whose value is ≥ x (`to` if none before it). */
function lowerBound(values: Float64Array, x: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest double above x (x finite and ≥ 0). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}
