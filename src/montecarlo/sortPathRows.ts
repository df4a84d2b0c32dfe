import type { SimulationJob } from './simulationJob.js';

/**
 * Sorts, in place, the segment [column, column + count) of every result row (terminal
 * log wealth, drawdown, minimum log wealth, each checkpoint): the summary then reads
 * quantiles directly and counts by binary search. Each executor does this for the
 * paths it ran, on its own thread, so the pool also shares the sorting; the summary then
 * merges the sorted runs. Everything the summary computes is a function of the sorted
 * rows, which are the same for every split: results never depend on the chunking.
 */
export function sortPathRows(job: SimulationJob, out: Float64Array, stride: number, column: number, count: number): void {
  const E = job.exposures.length;
  const rows = 3 + job.checkpointSteps.length;
  for (let k = 0; k < rows; k++) {
    for (let e = 0; e < E; e++) {
      const start = (k * E + e) * stride + column;
      out.subarray(start, start + count).sort();
    }
  }
}

/**
 * One sorted array from `row`, whose segments [runs[i], runs[i + 1]) are each sorted:
 * pairwise merges, O(n log k) for k runs.
 */
export function mergeSortedRuns(row: Float64Array, runs: readonly number[]): Float64Array {
  let bounds = [...runs];
  if (bounds.length <= 2) return row;
  let src = row.slice();
  let dst = new Float64Array(row.length);
  while (bounds.length > 2) {
    const next = [bounds[0]];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r];
      const mid = bounds[r + 1];
      const hi = r + 2 < bounds.length ? bounds[r + 2] : mid;
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) dst[o++] = src[j] < src[i] ? src[j++] : src[i++];
      while (i < mid) dst[o++] = src[i++];
      while (j < hi) dst[o++] = src[j++];
      next.push(hi);
    }
    bounds = next;
    [src, dst] = [dst, src];
  }
  return src;
}
