// Test helpers: the TypeScript twin's per-path results for a whole job, and those results
// summarised the way simulate() summarises the kernel's (for any split into ranges).
import { splitPaths } from '../../src/montecarlo/executors/executor.js';
import { prepareSimulation } from '../../src/montecarlo/simulationJob.js';
import { quantileRow, resultRows, type SimulationJob } from '../../src/montecarlo/simulatePaths.js';
import { simulatePathsTwin } from '../../src/montecarlo/simulatePathsTwin.js';
import { summarizePaths } from '../../src/montecarlo/summarizePaths.js';
import { emptyRangeSummary, summarizeRange } from '../../src/montecarlo/summarizeRange.js';
import type { ExposureOutcome, SimulateOptions, TradeModel } from '../../src/montecarlo/types.js';

/** The twin's results for every path of the job: resultRows × paths (row r of path i at r·paths + i). */
export function twinRows(job: SimulationJob): Float64Array {
  const out = new Float64Array(resultRows(job) * job.paths);
  simulatePathsTwin(job, 0, job.paths, out, job.paths);
  return out;
}

/** simulate()'s outcomes computed from the twin's per-path results, the paths cut into `chunks` ranges. */
export function twinOutcomes(model: TradeModel, opts: SimulateOptions, chunks = 1): ExposureOutcome[] {
  const { job, summary } = prepareSimulation(model, opts);
  const rows = twinRows(job);
  const row = (r: number) => rows.subarray(r * job.paths, (r + 1) * job.paths);
  const ranges = splitPaths(job.paths, chunks, job.block).map(({ start, end }) => {
    const s = emptyRangeSummary(job, start, end - start);
    summarizeRange(job, row, start, start, end - start, s);
    return s;
  });
  return summarizePaths(job, (q) => row(quantileRow(job, q)), ranges, summary);
}
