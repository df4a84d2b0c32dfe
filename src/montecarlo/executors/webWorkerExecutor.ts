// The browser executor: a reused set of module Web Workers, one task per path range.
import { SizewiseError } from '../../errors.js';
import { compileWasm } from '../../runtime/wasm.js';
import { resultRows } from '../simulationJob.js';
import { throwIfAborted, type Executor } from './executor.js';
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
 * workers write into one SharedArrayBuffer; elsewhere each transfers its rows back and
 * they are copied into place here. An abort drops only this call's tasks and the workers
 * running them (WebWorkerPool.cancel), so concurrent calls on the same workers carry on.
 */
export function webWorkerExecutor(threads: number): Executor {
  return async (job, ranges, { signal, onProgress }) => {
    const module = await compileWasm();
    throwIfAborted(signal);
    pool.grow(threads, module);
    const rows = resultRows(job);
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
    const shared = isolated ? new SharedArrayBuffer(8 * rows * job.paths) : undefined;
    const out = shared !== undefined ? new Float64Array(shared) : new Float64Array(rows * job.paths);
    const owner = {};
    const onAbort = () => pool.cancel(owner, new SizewiseError('ABORTED', 'opts.signal', 'the simulation was cancelled through opts.signal', signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = 0;
    try {
      await Promise.all(
        ranges.map(async ({ start, end }, i) => {
          const count = end - start;
          const reply = await pool.run(i % threads, { job, start, count, ...(shared !== undefined ? { shared } : {}) }, owner);
          if (reply.buffer !== undefined) {
            const part = new Float64Array(reply.buffer);
            for (let r = 0; r < rows; r++) out.set(part.subarray(r * count, (r + 1) * count), r * job.paths + start);
          }
          done += count;
          onProgress?.(done, job.paths);
        }),
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return out;
  };
}
