// The browser executor: a reused set of module Web Workers, one task per path range.
import { SizewiseError } from '../../errors.js';
import { compileWasm } from '../../runtime/wasm.js';
import { resultRows } from '../simulationJob.js';
import { throwIfAborted, type Executor } from './executor.js';
import type { WebWorkerReply, WebWorkerRequest } from './webWorker.js';

let workers: Worker[] = [];
let nextId = 0;

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
  return workers.length > 0;
}

/** Terminates the Web Workers, if any were started. */
export function closeWebWorkers(): void {
  for (const w of workers) w.terminate();
  workers = [];
}

function workerPool(n: number, module: WebAssembly.Module): Worker[] {
  while (workers.length < n) {
    const w = new Worker(new URL('./webWorker.js', import.meta.url), { type: 'module' });
    w.postMessage({ type: 'init', module } satisfies WebWorkerRequest);
    workers.push(w);
  }
  return workers.slice(0, n);
}

/**
 * Runs one task per range on `threads` Web Workers. On a cross-origin-isolated page the
 * workers write into one SharedArrayBuffer; elsewhere each transfers its rows back and
 * they are copied into place here.
 */
export function webWorkerExecutor(threads: number): Executor {
  return async (job, ranges, { signal, onProgress }) => {
    const module = await compileWasm();
    throwIfAborted(signal);
    const pool = workerPool(threads, module);
    const rows = resultRows(job);
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
    const shared = isolated ? new SharedArrayBuffer(8 * rows * job.paths) : undefined;
    const out = shared !== undefined ? new Float64Array(shared) : new Float64Array(rows * job.paths);
    let done = 0;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        closeWebWorkers(); // a running kernel cannot be interrupted: drop the workers
        reject(new SizewiseError('ABORTED', 'opts.signal', 'the simulation was cancelled through opts.signal', signal?.reason));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    const tasks = ranges.map(({ start, end }, i) => {
      const worker = pool[i % pool.length];
      const id = nextId++;
      const count = end - start;
      return new Promise<void>((resolve, reject) => {
        const onMessage = (event: MessageEvent<WebWorkerReply>) => {
          const reply = event.data;
          if (reply.id !== id) return;
          worker.removeEventListener('message', onMessage);
          if (!reply.ok) return reject(new Error(`Monte Carlo worker failed: ${reply.message}`));
          if (reply.buffer !== undefined) {
            const part = new Float64Array(reply.buffer);
            for (let r = 0; r < rows; r++) out.set(part.subarray(r * count, (r + 1) * count), r * job.paths + start);
          }
          done += count;
          onProgress?.(done, job.paths);
          resolve();
        };
        worker.addEventListener('message', onMessage);
        worker.postMessage({ type: 'run', id, job, start, count, ...(shared !== undefined ? { shared } : {}) } satisfies WebWorkerRequest);
      });
    });
    try {
      await Promise.race([Promise.all(tasks), aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return out;
  };
}
