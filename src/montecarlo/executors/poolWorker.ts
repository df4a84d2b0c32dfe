// A Piscina worker thread of the Monte Carlo pool (Node only). It receives the compiled
// WebAssembly.Module once, as workerData, instantiates it once per thread, and runs
// (job, path range) tasks: quantile rows go straight into the call's shared result buffer,
// each kernel call's paths into a shared progress log the calling thread waits on, and the
// range's summary comes back as the task's result.
import { workerData } from 'node:worker_threads';
import { instantiateWasm } from '../../runtime/wasm.js';
import type { SimulationJob } from '../simulatePaths.js';
import { runPathRange } from './runPathRange.js';

/** One task: paths [start, start + count) of `job`. */
export interface PoolTask {
  job: SimulationJob;
  start: number;
  count: number;
  /** Quantile rows × job.paths doubles (row q of path i at q·paths + i). */
  results: SharedArrayBuffer;
  /**
   * The call's progress log, Int32: [0] the number of entries claimed, then one entry per
   * kernel call of any task, the paths it ran (0 until written). See watchProgress.
   */
  progress: SharedArrayBuffer;
}

const core = instantiateWasm((workerData as { module: WebAssembly.Module }).module);

/** Runs one task; resolves with its RangeSummary's values. */
export default async function runPoolTask(task: PoolTask): Promise<Float64Array> {
  const results = new Float64Array(task.results);
  const progress = new Int32Array(task.progress);
  const paths = task.job.paths;
  const summary = runPathRange(
    await core,
    task.job,
    task.start,
    task.count,
    (q, first, values) => results.set(values, q * paths + first),
    (done) => {
      const entry = 1 + Atomics.add(progress, 0, 1);
      Atomics.store(progress, entry, done);
      Atomics.notify(progress, entry);
    },
  );
  return summary.values;
}
