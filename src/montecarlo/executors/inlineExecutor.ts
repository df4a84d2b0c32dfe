import { loadWasm } from '../../runtime/wasm.js';
import { resultRows } from '../simulationJob.js';
import { sortPathRows } from '../sortPathRows.js';
import { wasmPathRunner } from '../wasmPathRunner.js';
import { throwIfAborted, type Executor } from './executor.js';
import { yieldToHost } from './yieldToHost.js';

/** With a signal, the calling thread is given back at least this often (ms) so an abort can land. */
const YIELD_EVERY_MS = 16;

/**
 * Runs the job on the calling thread's WASM instance, range by range and batch by
 * batch (each kernel call about STEPS_PER_CALL steps), reporting progress after each
 * batch and yielding to the event loop between batches when a signal is given. Each
 * range's rows are sorted when it is done (sortPathRows).
 */
export const inlineExecutor: Executor = async (job, ranges, { signal, onProgress }) => {
  const core = await loadWasm();
  throwIfAborted(signal);
  const out = new Float64Array(resultRows(job) * job.paths);
  const runner = wasmPathRunner(core, job);
  try {
    let done = 0;
    let lastYield = performance.now();
    for (const { start, end } of ranges) {
      for (let s = start; s < end; s += runner.batch) {
        const m = Math.min(runner.batch, end - s);
        runner.run(s, m, out, job.paths, s);
        done += m;
        onProgress?.(done, job.paths);
        if (signal !== undefined && performance.now() - lastYield >= YIELD_EVERY_MS) {
          await yieldToHost();
          lastYield = performance.now();
          throwIfAborted(signal);
        }
      }
      sortPathRows(job, out, job.paths, start, end - start);
    }
  } finally {
    runner.release();
  }
  return out;
};
