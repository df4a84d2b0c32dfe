// The Node executor: a lazily started, reused Piscina pool (Node only; never imported
// by browser code — simulate() loads this module dynamically when it runs in Node).
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { SizewiseError } from '../../errors.js';
import { compileWasm } from '../../runtime/wasm.js';
import { resultRows } from '../simulationJob.js';
import { throwIfAborted, type Executor } from './executor.js';
import type { PoolTask } from './poolWorker.js';

/**
 * Workers above the pool's size exit after this long idle (ms). The pool's own workers
 * stay started, so a later simulate() finds them warm; Piscina unrefs idle workers, so
 * they never hold the process open. closePool() stops them.
 */
export const POOL_IDLE_TIMEOUT_MS = 10_000;

/** A started pool and the number of simulate() calls with tasks on it. */
interface PoolEntry {
  pool: Piscina;
  threads: number;
  inFlight: number;
}

/** The pool new calls use. */
let current: PoolEntry | undefined;
/** Pools replaced by a larger one while calls still had tasks on them: destroyed when their last call ends. */
const retired = new Set<PoolEntry>();

/** True while a pool is started (its threads stay up until closePool()). */
export function poolRunning(): boolean {
  return current !== undefined;
}

/** Hardware threads this process may use (os.availableParallelism()). */
export function hardwareThreads(): number {
  return availableParallelism();
}

/**
 * The worker file next to this module: `poolWorker.ts` when running from the sources
 * (tests, tsx: the workers then need tsx's loader), `poolWorker.js` in the built package.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  const filename = new URL(fromSources ? './poolWorker.ts' : './poolWorker.js', import.meta.url).href;
  return { filename, execArgv: fromSources ? ['--import', 'tsx'] : [] };
}

/**
 * The pool for a call that wants `threads` workers, counted as in use until release():
 * the running one if it is large enough, else a new, larger one. A replaced pool is never
 * destroyed under a call that still has tasks on it (Piscina would reject them): it is
 * retired and destroyed when its last call releases it.
 */
function acquirePool(threads: number, module: WebAssembly.Module): PoolEntry {
  if (current === undefined || current.threads < threads) {
    if (current !== undefined) retire(current);
    const { filename, execArgv } = workerFile();
    const pool = new Piscina({
      filename,
      execArgv,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: POOL_IDLE_TIMEOUT_MS,
      workerData: { module },
    });
    current = { pool, threads, inFlight: 0 };
  }
  current.inFlight++;
  return current;
}

function releasePool(entry: PoolEntry): void {
  entry.inFlight--;
  if (entry !== current && entry.inFlight === 0 && retired.delete(entry)) void entry.pool.destroy();
}

function retire(entry: PoolEntry): void {
  if (entry.inFlight === 0) void entry.pool.destroy();
  else retired.add(entry);
}

/**
 * Stops the Monte Carlo worker pools, if any were started (tasks still running on them
 * are rejected). Safe to call any time; the next large simulate() starts a new one.
 */
export async function closeNodePool(): Promise<void> {
  const pools = [...retired, ...(current === undefined ? [] : [current])];
  current = undefined;
  retired.clear();
  await Promise.all(pools.map((entry) => entry.pool.destroy()));
}

/**
 * Runs one task per range on a pool of `threads` workers; each writes its paths into a
 * SharedArrayBuffer, so only (job, start, count) travels through messages.
 */
export function poolExecutor(threads: number): Executor {
  return async (job, ranges, { signal, onProgress }) => {
    const module = await compileWasm();
    throwIfAborted(signal);
    const shared = new SharedArrayBuffer(8 * resultRows(job) * job.paths);
    const entry = acquirePool(threads, module);
    let done = 0;
    try {
      await Promise.all(
        ranges.map(async ({ start, end }) => {
          const task: PoolTask = { job, start, count: end - start, shared };
          await entry.pool.run(task, signal === undefined ? {} : { signal });
          done += end - start;
          onProgress?.(done, job.paths);
        }),
      );
    } catch (error) {
      if (signal?.aborted) throw new SizewiseError('ABORTED', 'opts.signal', 'the simulation was cancelled through opts.signal', signal.reason);
      throw error;
    } finally {
      releasePool(entry);
    }
    return new Float64Array(shared);
  };
}
