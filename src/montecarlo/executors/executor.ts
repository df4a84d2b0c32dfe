import { SizewiseError } from '../../errors.js';
import type { SimulationJob } from '../simulatePaths.js';
import type { RangeSummary } from '../summarizeRange.js';

/** A contiguous range of path indices [start, end). */
export interface PathRange {
  start: number;
  end: number;
}

/** Cancellation and progress, passed through to whichever executor runs the job. */
export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Where an executor left a job's results, until release(). */
export interface PathResults {
  /** Quantile row q (quantileRows: terminal, drawdown, checkpoints), job.paths values in path order. */
  row(q: number): Float64Array;
  /** The summary of each range, in range order. */
  ranges: RangeSummary[];
  /** Gives the memory back (WASM memory, or a shared buffer for the next call). */
  release(): void;
}

/**
 * Runs a job's path ranges somewhere (calling thread, Piscina pool, Web Workers) and
 * resolves with the per-path results and the range summaries (summarizeRange), computed
 * where the paths ran. Because a path's stream depends only on (seed, path index), every
 * executor and every split gives the same numbers.
 */
export type Executor = (job: SimulationJob, ranges: readonly PathRange[], control: RunControl) => Promise<PathResults>;

/**
 * At most `chunks` contiguous ranges of nearly equal size covering [0, paths), each
 * starting on a block of `block` paths (so that block sums never straddle two ranges).
 */
export function splitPaths(paths: number, chunks: number, block: number): PathRange[] {
  const blocks = Math.ceil(paths / block);
  const n = Math.max(1, Math.min(chunks, blocks));
  return Array.from({ length: n }, (_, i) => ({
    start: Math.floor((i * blocks) / n) * block,
    end: Math.min(paths, Math.floor(((i + 1) * blocks) / n) * block),
  }));
}

/** Rejects with ABORTED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw aborted(signal);
}

/** The error a cancelled simulation rejects with. */
export function aborted(signal: AbortSignal | undefined): SizewiseError {
  return new SizewiseError('ABORTED', 'opts.signal', 'the simulation was cancelled through opts.signal', signal?.reason);
}
