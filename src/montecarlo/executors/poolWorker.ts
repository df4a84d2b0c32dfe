// A Piscina worker thread of the Monte Carlo pool (Node only). It receives the compiled
// WebAssembly.Module once, as workerData, instantiates it once per thread, and runs
// (seed, path range) tasks straight into the shared result buffer, sorting its rows there.
import { workerData } from 'node:worker_threads';
import { instantiateWasm } from '../../runtime/wasm.js';
import type { SimulationJob } from '../simulationJob.js';
import { sortPathRows } from '../sortPathRows.js';
import { wasmPathRunner } from '../wasmPathRunner.js';

/** One task: paths [start, start + count) of `job`, written into `shared` (layout: resultRows × job.paths). */
export interface PoolTask {
  job: SimulationJob;
  start: number;
  count: number;
  shared: SharedArrayBuffer;
}

const core = instantiateWasm((workerData as { module: WebAssembly.Module }).module);

export default async function runPoolTask(task: PoolTask): Promise<number> {
  const runner = wasmPathRunner(await core, task.job);
  try {
    const out = new Float64Array(task.shared);
    runner.run(task.start, task.count, out, task.job.paths, task.start);
    sortPathRows(task.job, out, task.job.paths, task.start, task.count);
  } finally {
    runner.release();
  }
  return task.count;
}
