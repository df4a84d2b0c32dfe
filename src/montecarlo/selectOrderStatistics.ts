/** Histogram bins per level of the search: enough to leave small buckets, few enough to stay in L1. */
const MAX_BINS = 4096;
/** Buckets at most this large are sorted rather than searched again. */
const SORT_BELOW = 256;

/**
 * The order statistics of `values` at `ranks` (0-based, each < values.length): exactly the
 * values a full ascending sort would put there, found without sorting. A histogram of
 * equal-width bins over [min, max] locates each rank's bin, one more pass gathers the
 * values of those bins only, and each gathered bucket is solved the same way over its own
 * range (or sorted, once small). Each level reads the values twice (O(n)); a bucket holds
 * about n / bins values unless values cluster, and a cluster is split at the next level
 * because its range is narrower. `min` and `max` are the extremes of `values` when known
 * (pass them to save a pass). `values` is not modified. NaN must not occur.
 *
 * The bin of x is ⌊(x − min)·scale⌋, a non-decreasing function of x (rounding is
 * monotone), so every value of a lower bin is ≤ every value of a higher one, and the
 * counts below a bin are exact.
 *
 * @example selectOrderStatistics(Float64Array.of(5, 1, 4, 2, 3), [0, 2, 4]) // Float64Array [1, 3, 5]
 */
export function selectOrderStatistics(values: Float64Array, ranks: readonly number[], min?: number, max?: number): Float64Array {
  const out = new Float64Array(ranks.length);
  if (ranks.length === 0) return out;
  const order = Array.from(ranks.keys()).sort((i, j) => ranks[i] - ranks[j]);
  const sortedRanks = order.map((i) => ranks[i]);
  const found = select(values, sortedRanks, false, min, max);
  order.forEach((i, k) => (out[i] = found[k]));
  return out;
}

/** Bin counts and wanted-bin marks, reused by every call (a level is done with them before it recurses). */
const counts = new Int32Array(MAX_BINS);
const wanted = new Int32Array(MAX_BINS);

/** `ranks` ascending; returns the values in the same order. `owned`: `values` is scratch that may be reordered. */
function select(values: Float64Array, ranks: readonly number[], owned: boolean, min?: number, max?: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(ranks.length);
  if (min === undefined || max === undefined) {
    min = Infinity;
    max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const bins = Math.min(MAX_BINS, Math.max(2, n >> 2));
  const scale = bins / (max - min);
  // A range too narrow (or too wide) for a finite, positive scale is sorted.
  if (min === max || n <= SORT_BELOW || !(scale > 0 && Number.isFinite(scale))) {
    if (min === max) return out.fill(min);
    const sorted = owned ? values.sort() : values.slice().sort();
    ranks.forEach((r, k) => (out[k] = sorted[r]));
    return out;
  }
  const last = bins - 1;
  counts.fill(0, 0, bins);
  for (let i = 0; i < n; i++) {
    const b = ((values[i] - min) * scale) | 0;
    counts[b < bins ? b : last]++;
  }
  // Which bin holds each rank, and where each wanted bin's values go in `gathered`.
  wanted.fill(-1, 0, bins);
  const binOfRank: number[] = [];
  const firstRank: number[] = []; // rank of a wanted bin's smallest value
  const offsets: number[] = [];
  let below = 0;
  let gatheredSize = 0;
  let k = 0;
  for (let b = 0; b < bins && k < ranks.length; b++) {
    const top = below + counts[b];
    if (ranks[k] < top) {
      wanted[b] = offsets.length;
      offsets.push(gatheredSize);
      firstRank.push(below);
      gatheredSize += counts[b];
      while (k < ranks.length && ranks[k] < top) binOfRank[k++] = wanted[b];
    }
    below = top;
  }
  const gathered = new Float64Array(gatheredSize);
  const fill = offsets.slice();
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const b = ((x - min) * scale) | 0;
    const slot = wanted[b < bins ? b : last];
    if (slot >= 0) gathered[fill[slot]++] = x;
  }
  // Solve each wanted bin's ranks within its bucket.
  for (let slot = 0; slot < offsets.length; slot++) {
    const bucket = gathered.subarray(offsets[slot], slot + 1 < offsets.length ? offsets[slot + 1] : gatheredSize);
    const mine: number[] = [];
    const at: number[] = [];
    for (let r = 0; r < ranks.length; r++) {
      if (binOfRank[r] === slot) {
        mine.push(ranks[r] - firstRank[slot]);
        at.push(r);
      }
    }
    const inBucket = select(bucket, mine, true);
    at.forEach((r, j) => (out[r] = inBucket[j]));
  }
  return out;
}
