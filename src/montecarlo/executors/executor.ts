import { SizewiseError } from '../../errors.js';
import type { SimulationJob } from '../simulationJob.js';

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

/**
 * Runs a job's path ranges somewhere (calling thread, Piscina pool, Web Workers) and
 * resolves with the per-path results (layout: resultRows × job.paths), each range's
 * segment of each row sorted by sortPathRows. Because a path's
 * stream depends only on (seed, path index), every executor and every split gives the
 * same numbers.
 */
export type Executor = (job: SimulationJob, ranges: readonly PathRange[], control: RunControl) => Promise<Float64Array>;

/** `chunks` contiguous ranges of nearly equal size covering [0, paths). */
export function splitPaths(paths: number, chunks: number): PathRange[] {
  const n = Math.max(1, Math.min(chunks, paths));
  return Array.from({ length: n }, (_, i) => ({ start: Math.floor((i * paths) / n), end: Math.floor(((i + 1) * paths) / n) }));
}

/** Rejects with ABORTED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new SizewiseError('ABORTED', 'opts.signal', 'the simulation was cancelled through opts.signal', signal.reason);
  }
}
