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
  for (let e = 0; e < E; e++) {
    const tol = tolerance[e];
    const counts = e * perExposure;
    // Terminal log wealth: losses (x < −tol, see tieTolerance), extremes, and per block of
    // paths Σ x, max x and Σ exp(x − max), each in path order.
    const terminal = row(PATH_ROW.terminal * E + e);
    const lossBelow = -tol;
    let losses = 0;
    let min = out[extremes + 2 * e];
    let max = out[extremes + 2 * e + 1];
    for (let start = column; start < end; start += job.block) {
      const stop = Math.min(end, start + job.block);
      let sum = 0;
      let top = -Infinity;
      for (let i = start; i < stop; i++) {
        const x = terminal[i];
        sum += x;
        if (x > top) top = x;
        if (x < min) min = x;
        if (x < lossBelow) losses++;
      }
      let sumExp = 0;
      for (let i = start; i < stop; i++) sumExp += Math.exp(terminal[i] - top);
      const at = blocks + 3 * (((first + start - column) / job.block - into.firstBlock) * E + e);
      out[at] = sum;
      out[at + 1] = top;
      out[at + 2] = sumExp;
      if (top > max) max = top;
    }
    out[extremes + 2 * e] = min;
    out[extremes + 2 * e + 1] = max;
    out[counts] += losses;
    // Minimum log wealth: ruined when ≤ ln(ruinLevel) + tol.
    const low = row(PATH_ROW.low * E + e);
    const ruinAtOrBelow = lnRuin + tol;
    let ruins = 0;
    for (let i = column; i < end; i++) if (low[i] <= ruinAtOrBelow) ruins++;
    out[counts + 1] += ruins;
    // Log drawdown: extremes and one count per level (reached when ≥ −ln(1 − level) − tol).
    const drawdown = row(PATH_ROW.drawdown * E + e);
    const q = E + e;
    min = out[extremes + 2 * q];
    max = out[extremes + 2 * q + 1];
    for (let i = column; i < end; i++) {
      const d = drawdown[i];
      if (d < min) min = d;
      if (d > max) max = d;
    }
    out[extremes + 2 * q] = min;
    out[extremes + 2 * q + 1] = max;
    for (let l = 0; l < thresholds.length; l++) {
      const reached = thresholds[l] - tol;
      let n = 0;
      for (let i = column; i < end; i++) if (drawdown[i] >= reached) n++;
      out[counts + 2 + l] += n;
    }
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
