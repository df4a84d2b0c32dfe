// The Node executor: a lazily started, reused Piscina pool (Node only; never imported
// by browser code — simulate() loads this module dynamically when it runs in Node).
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { compileWasm } from '../../runtime/wasm.js';
import { pathsPerCall, quantileRows, type SimulationJob } from '../simulatePaths.js';
import { aborted, throwIfAborted, type Executor } from './executor.js';
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
  spare = undefined;
  await Promise.all(pools.map((entry) => entry.pool.destroy()));
}

/**
 * Runs one task per range on a pool of `threads` workers. Workers write the quantile rows
 * into one SharedArrayBuffer (reused by the next call: fresh pages cost more than the
 * copy) and log the paths of each kernel call in a shared Int32Array, which this thread
 * reads with Atomics.waitAsync to call onProgress once per kernel call of every worker
 * (each at most 5 % of the paths, see pathsPerCall); only (job, start, count) and each
 * range's small summary travel through messages.
 */
export function poolExecutor(threads: number): Executor {
  return async (job, ranges, { signal, onProgress }) => {
    const module = await compileWasm();
    throwIfAborted(signal);
    const paths = job.paths;
    const results = takeResultBuffer(8 * quantileRows(job) * paths);
    const perCall = pathsPerCall(job);
    const progress = new Int32Array(new SharedArrayBuffer(4 * (1 + ranges.reduce((n, r) => n + Math.ceil((r.end - r.start) / perCall), 0))));
    const shared = shareTable(job);
    const entry = acquirePool(threads, module);
    const watcher = onProgress === undefined ? undefined : watchProgress(progress, paths, onProgress);
    let summaries: Float64Array[];
    try {
      summaries = await Promise.all(
        ranges.map(({ start, end }) => {
          const task: PoolTask = { job: shared, start, count: end - start, results, progress: progress.buffer as SharedArrayBuffer };
          return entry.pool.run(task, signal === undefined ? {} : { signal }) as Promise<Float64Array>;
        }),
      );
    } catch (error) {
      // Tasks of this call may still be writing into `results`: it is not reused.
      if (signal?.aborted) throw aborted(signal);
      throw error;
    } finally {
      // stop() rethrows an error of onProgress: the pool is given back all the same.
      try {
        await watcher?.stop();
      } finally {
        releasePool(entry);
      }
    }
    return {
      row: (q) => new Float64Array(results, 8 * q * paths, paths),
      ranges: summaries.map((values, i) => ({ firstBlock: ranges[i].start / job.block, values })),
      release: () => keepResultBuffer(results),
    };
  };
}

/**
 * Reads the progress log entry by entry, in the order the workers claimed them, and calls
 * onProgress(paths done, total) for each: one report per kernel call, whenever it arrives.
 * `stop()` reports what is already written and ends the wait.
 */
function watchProgress(log: Int32Array, total: number, onProgress: (done: number, total: number) => void): { stop(): Promise<void> } {
  let stopped = false;
  let next = 1;
  let done = 0;
  /** Reports the entries written so far; true once every entry is read. */
  const drain = (): boolean => {
    while (next < log.length) {
      const paths = Atomics.load(log, next);
      if (paths === 0) return false;
      next++;
      onProgress((done += paths), total);
    }
    return true;
  };
  // A throwing onProgress ends the watch; its error is kept (never an unhandled rejection) and thrown by stop().
  let failure: { error: unknown } | undefined;
  const running = (async () => {
    while (!drain() && !stopped) {
      const wait = waitAsync(log, next, 0);
      if (wait.async) await wait.value;
    }
  })().catch((error: unknown) => {
    failure = { error };
  });
  return {
    async stop() {
      stopped = true;
      if (next < log.length) Atomics.notify(log, next);
      await running;
      if (failure !== undefined) throw failure.error;
      drain();
    },
  };
}

/** Atomics.waitAsync (Node ≥ 16; ES2024, beyond this project's lib setting). */
const waitAsync = (Atomics as unknown as {
  waitAsync(cell: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

/** A released result buffer, kept for the next call (up to SPARE_MAX_BYTES). */
let spare: SharedArrayBuffer | undefined;
const SPARE_MAX_BYTES = 64 * 1024 * 1024;

function takeResultBuffer(bytes: number): SharedArrayBuffer {
  if (spare !== undefined && spare.byteLength >= bytes) {
    const buffer = spare;
    spare = undefined;
    return buffer;
  }
  return new SharedArrayBuffer(bytes);
}

function keepResultBuffer(buffer: SharedArrayBuffer): void {
  if (buffer.byteLength <= SPARE_MAX_BYTES && (spare === undefined || spare.byteLength < buffer.byteLength)) spare = buffer;
}

/** The job with its bootstrap table in shared memory, so each task's message shares it rather than copying it. */
function shareTable(job: SimulationJob): SimulationJob {
  if (job.table.length === 0) return job;
  const table = new Float64Array(new SharedArrayBuffer(job.table.byteLength));
  table.set(job.table);
  return { ...job, table };
}
