import { PATH_ROW, quantileRow, quantileRows, type SimulationJob } from './simulatePaths.js';

/**
 * What a range of paths contributes to the summary, computed where those paths ran (on
 * the calling thread, or in the worker that simulated them, so a pool shares this work):
 * counts of paths that lost, were ruined or reached each drawdown level; the smallest and
 * largest value of each row whose percentiles are reported; and per block of `job.block`
 * paths, Σ ln W_n, max ln W_n and Σ exp(ln W_n − max). Counts are integers, extremes are
 * exact and block sums depend only on the block's paths, so merging the ranges in any
 * split gives the same totals (summarizePaths).
 *
 * One Float64Array, so it crosses postMessage as is:
 *   counts   [0, E·(2 + L)): per exposure: losses, ruins, then one count per drawdown level;
 *   extremes [·, + 2Q): per quantile row (quantileRows): min, max;
 *   blocks   [·, + 3·E·B): per block of the range, per exposure: Σ x, max x, Σ exp(x − max).
 */
export interface RangeSummary {
  /** Index of the range's first block (its first path ÷ job.block). */
  firstBlock: number;
  values: Float64Array;
}

/** Offsets of the three parts of a RangeSummary's values. */
export function rangeLayout(job: SimulationJob): { counts: number; extremes: number; blocks: number; perExposure: number } {
  const E = job.exposures.length;
  const perExposure = 2 + job.levels.drawdown.length;
  const extremes = E * perExposure;
  return { counts: 0, extremes, blocks: extremes + 2 * quantileRows(job), perExposure };
}

/** An empty summary for paths [start, start + count) (start on a block boundary). */
export function emptyRangeSummary(job: SimulationJob, start: number, count: number): RangeSummary {
  const { extremes, blocks } = rangeLayout(job);
  const firstBlock = start / job.block;
  const blockCount = Math.ceil((start + count) / job.block) - firstBlock;
  const values = new Float64Array(blocks + 3 * job.exposures.length * blockCount);
  for (let q = 0; q < quantileRows(job); q++) {
    values[extremes + 2 * q] = Infinity;
    values[extremes + 2 * q + 1] = -Infinity;
  }
  return { firstBlock, values };
}

/**
 * Adds paths [first, first + count) to `into`: their results are columns
 * [column, column + count) of the kernel rows `row(r)` (layout: PATH_ROW). `first` is on a
 * block boundary and `count` covers whole blocks, except at the end of the job.
 */
export function summarizeRange(job: SimulationJob, row: (r: number) => Float64Array, column: number, first: number, count: number, into: RangeSummary): void {
  const E = job.exposures.length;
  const { lnRuin, drawdown: thresholds, tolerance } = job.levels;
  const { extremes, blocks, perExposure } = rangeLayout(job);
  const out = into.values;
  const end = column + count;
  const L = thresholds.length;
  const reached = new Float64Array(L);
  const levelCounts = new Float64Array(L);
  for (let e = 0; e < E; e++) {
    const tol = tolerance[e];
    const terminal = row(PATH_ROW.terminal * E + e);
    const drawdown = row(PATH_ROW.drawdown * E + e);
    const low = row(PATH_ROW.low * E + e);
    // Each comparison up to the tie tolerance (see tieTolerance): a loss is x < −tol, a ruin
    // a minimum ≤ ln(ruinLevel) + tol, a drawdown level reached at ≥ −ln(1 − level) − tol.
    const lossBelow = -tol;
    const ruinAtOrBelow = lnRuin + tol;
    for (let l = 0; l < L; l++) reached[l] = thresholds[l] - tol;
    levelCounts.fill(0);
    let losses = 0;
    let ruins = 0;
    let xMin = out[extremes + 2 * e];
    let xMax = out[extremes + 2 * e + 1];
    let dMin = out[extremes + 2 * (E + e)];
    let dMax = out[extremes + 2 * (E + e) + 1];
    // One pass per block of paths for everything but the exponentials, then Σ exp(x − max)
    // over the block: each block's sums in path order.
    for (let start = column; start < end; start += job.block) {
      const stop = Math.min(end, start + job.block);
      let sum = 0;
      let top = -Infinity;
      for (let i = start; i < stop; i++) {
        const x = terminal[i];
        sum += x;
        if (x > top) top = x;
        if (x < xMin) xMin = x;
        if (x < lossBelow) losses++;
        if (low[i] <= ruinAtOrBelow) ruins++;
        const d = drawdown[i];
        if (d < dMin) dMin = d;
        if (d > dMax) dMax = d;
        for (let l = 0; l < L; l++) if (d >= reached[l]) levelCounts[l]++;
      }
      let sumExp = 0;
      for (let i = start; i < stop; i++) sumExp += Math.exp(terminal[i] - top);
      const at = blocks + 3 * (((first + start - column) / job.block - into.firstBlock) * E + e);
      out[at] = sum;
      out[at + 1] = top;
      out[at + 2] = sumExp;
      if (top > xMax) xMax = top;
    }
    out[extremes + 2 * e] = xMin;
    out[extremes + 2 * e + 1] = xMax;
    out[extremes + 2 * (E + e)] = dMin;
    out[extremes + 2 * (E + e) + 1] = dMax;
    const counts = e * perExposure;
    out[counts] += losses;
    out[counts + 1] += ruins;
    for (let l = 0; l < L; l++) out[counts + 2 + l] += levelCounts[l];
  }
  // Extremes of the checkpoint rows (fan-chart bands).
  for (let q = 2 * E; q < quantileRows(job); q++) {
    const values = row(quantileRow(job, q));
    let min = out[extremes + 2 * q];
    let max = out[extremes + 2 * q + 1];
    for (let i = column; i < end; i++) {
      const x = values[i];
      if (x < min) min = x;
      if (x > max) max = x;
    }
    out[extremes + 2 * q] = min;
    out[extremes + 2 * q + 1] = max;
  }
}
