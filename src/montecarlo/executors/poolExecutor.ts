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

let pool: Piscina | undefined;
let poolThreads = 0;

/** True while a pool is started (its threads stay up until closePool()). */
export function poolRunning(): boolean {
  return pool !== undefined;
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

function poolFor(threads: number, module: WebAssembly.Module): Piscina {
  if (pool !== undefined && poolThreads >= threads) return pool;
  if (pool !== undefined) void pool.destroy();
  const { filename, execArgv } = workerFile();
  pool = new Piscina({
    filename,
    execArgv,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: POOL_IDLE_TIMEOUT_MS,
    workerData: { module },
  });
  poolThreads = threads;
  return pool;
}

/** Stops the Monte Carlo worker pool, if one was started. Safe to call any time; the next large simulate() starts a new one. */
export async function closeNodePool(): Promise<void> {
  const p = pool;
  pool = undefined;
  poolThreads = 0;
  if (p !== undefined) await p.destroy();
}

/**
 * Runs one task per range on a pool of `threads` workers; each writes its paths into a
 * SharedArrayBuffer, so only (job, start, count) travels through messages.
 */
export function poolExecutor(threads: number): Executor {
  return async (job, ranges, { signal, onProgress }) => {
    const module = await compileWasm();
    throwIfAborted(signal);
    const p = poolFor(threads, module);
    const shared = new SharedArrayBuffer(8 * resultRows(job) * job.paths);
    let done = 0;
    try {
      await Promise.all(
        ranges.map(async ({ start, end }) => {
          const task: PoolTask = { job, start, count: end - start, shared };
          await p.run(task, signal === undefined ? {} : { signal });
          done += end - start;
          onProgress?.(done, job.paths);
        }),
      );
    } catch (error) {
      if (signal?.aborted) throw new SizewiseError('ABORTED', 'opts.signal', 'the simulation was cancelled through opts.signal', signal.reason);
      throw error;
    }
    return new Float64Array(shared);
  };
}
