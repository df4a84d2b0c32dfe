// The browser executor: a reused set of module Web Workers, one task per path range.
import { compileWasm } from '../../runtime/wasm.js';
import { quantileRows } from '../simulatePaths.js';
import { aborted, throwIfAborted, type Executor } from './executor.js';
import { WebWorkerPool } from './webWorkerPool.js';

const pool = new WebWorkerPool(() => new Worker(new URL('./webWorker.js', import.meta.url), { type: 'module' }));

/** Hardware threads the browser reports (navigator.hardwareConcurrency), at least 1. */
export function browserThreads(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

/** True where Web Workers exist (browsers; Node has no global Worker). */
export function hasWebWorkers(): boolean {
  return typeof Worker === 'function';
}

/** True while Web Workers are started. */
export function webWorkersRunning(): boolean {
  return pool.size > 0;
}

/** Terminates the Web Workers, if any were started (tasks still running on them reject). */
export function closeWebWorkers(): void {
  pool.close();
}

/**
 * Runs one task per range on `threads` Web Workers. On a cross-origin-isolated page the
 * workers write the quantile rows into one SharedArrayBuffer; elsewhere each transfers its
 * rows back and they are copied into place here. Workers post progress after every kernel
 * call. An abort drops only this call's tasks and the workers running them
 * (WebWorkerPool.cancel), so concurrent calls on the same workers carry on.
 */
export function webWorkerExecutor(threads: number): Executor {
  return async (job, ranges, { signal, onProgress }) => {
    const module = await compileWasm();
    throwIfAborted(signal);
    pool.grow(threads, module);
    const rows = quantileRows(job);
    const paths = job.paths;
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
    const shared = isolated ? new SharedArrayBuffer(8 * rows * paths) : undefined;
    const out = shared !== undefined ? new Float64Array(shared) : new Float64Array(rows * paths);
    const owner = {};
    const onAbort = () => pool.cancel(owner, aborted(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = 0;
    // Progress arrives in a message listener: an error thrown there is kept and rejects the call.
    let failure: { error: unknown } | undefined;
    const progress =
      onProgress === undefined
        ? undefined
        : (count: number) => {
            if (failure !== undefined) return;
            try {
              onProgress((done += count), paths);
            } catch (error) {
              failure = { error };
            }
          };
    try {
      const summaries = await Promise.all(
        ranges.map(async ({ start, end }, i) => {
          const count = end - start;
          const reply = await pool.run(i % threads, { job, start, count, ...(shared !== undefined ? { shared } : {}) }, owner, progress);
          if (reply.buffer !== undefined) {
            const part = new Float64Array(reply.buffer);
            for (let r = 0; r < rows; r++) out.set(part.subarray(r * count, (r + 1) * count), r * paths + start);
          }
          return { firstBlock: start / job.block, values: reply.summary };
        }),
      );
      if (failure !== undefined) throw failure.error;
      return { row: (q) => out.subarray(q * paths, (q + 1) * paths), ranges: summaries, release: () => {} };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };
}
