import type { WasmCore } from '../../runtime/wasm.js';
import { quantileRow, quantileRows, simulatePaths, type SimulationJob } from '../simulatePaths.js';
import { emptyRangeSummary, summarizeRange, type RangeSummary } from '../summarizeRange.js';

/**
 * What a worker (Piscina thread or Web Worker) does with one task: simulates paths
 * [start, start + count) call by call in its own WASM memory, adds each call's paths to the
 * range's summary, copies each call's quantile rows out with `copy(q, first, values)` (values
 * of paths first … first + values.length − 1) and reports the paths done after each call.
 */
export function runPathRange(
  core: WasmCore,
  job: SimulationJob,
  start: number,
  count: number,
  copy: (q: number, first: number, values: Float64Array) => void,
  progress?: (paths: number) => void,
): RangeSummary {
  const runner = simulatePaths(core, job);
  try {
    const summary = emptyRangeSummary(job, start, count);
    const Q = quantileRows(job);
    for (let first = start; first < start + count; first += runner.batch) {
      const m = Math.min(runner.batch, start + count - first);
      runner.run(first, m, 0);
      summarizeRange(job, runner.row, 0, first, m, summary);
      for (let q = 0; q < Q; q++) copy(q, first, runner.row(quantileRow(job, q)).subarray(0, m));
      progress?.(m);
    }
    return summary;
  } finally {
    runner.release();
  }
}
