import { loadWasm } from '../../runtime/wasm.js';
import { quantileRow, simulatePaths } from '../simulatePaths.js';
import { emptyRangeSummary, summarizeRange, type RangeSummary } from '../summarizeRange.js';
import { throwIfAborted, type Executor } from './executor.js';
import { yieldToHost } from './yieldToHost.js';

/** With a signal, the calling thread is given back at least this often (ms) so an abort can land. */
const YIELD_EVERY_MS = 16;

/**
 * Runs the job on the calling thread's WASM instance, range by range and kernel call by
 * kernel call (each at most 5 % of the paths), reporting progress after each call and
 * yielding to the event loop between calls when a signal is given. The kernel writes every
 * path in place, into one block of WASM memory that the summary then reads: nothing is
 * copied, and a warm call touches no fresh memory.
 */
export const inlineExecutor: Executor = async (job, ranges, { signal, onProgress }) => {
  const core = await loadWasm();
  throwIfAborted(signal);
  const runner = simulatePaths(core, job, { width: job.paths });
  try {
    const summaries: RangeSummary[] = [];
    let done = 0;
    let lastYield = performance.now();
    for (const { start, end } of ranges) {
      const summary = emptyRangeSummary(job, start, end - start);
      for (let first = start; first < end; first += runner.batch) {
        const count = Math.min(runner.batch, end - first);
        runner.run(first, count, first);
        summarizeRange(job, runner.row, first, first, count, summary);
        done += count;
        onProgress?.(done, job.paths);
        if (signal !== undefined && performance.now() - lastYield >= YIELD_EVERY_MS) {
          await yieldToHost();
          lastYield = performance.now();
          throwIfAborted(signal);
        }
      }
      summaries.push(summary);
    }
    return {
      row: (q) => runner.row(quantileRow(job, q)).subarray(0, job.paths),
      ranges: summaries,
      release: () => runner.release(),
    };
  } catch (error) {
    runner.release();
    throw error;
  }
};
