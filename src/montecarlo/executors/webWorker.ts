// A Web Worker of the browser executor. The first message hands it the compiled
// WebAssembly.Module; later messages are (job, path range) tasks. Quantile rows go into
// the SharedArrayBuffer when the page is cross-origin isolated, otherwise into a buffer of
// its own that is transferred back (no copy through the structured clone). Progress is
// posted after every kernel call; the range's summary comes back with the reply.
import { instantiateWasm, type WasmCore } from '../../runtime/wasm.js';
import { quantileRows, type SimulationJob } from '../simulatePaths.js';
import { runPathRange } from './runPathRange.js';

/** What the executor posts. `shared`: quantile rows × job.paths doubles, on isolated pages. */
export type WebWorkerRequest =
  | { type: 'init'; module: WebAssembly.Module }
  | { type: 'run'; id: number; job: SimulationJob; start: number; count: number; shared?: SharedArrayBuffer };

/**
 * What the worker posts back: progress (paths done by this task's latest kernel call), then
 * one final reply with the range's summary values and, without `shared`, its quantile rows
 * (quantile rows × count doubles, transferred).
 */
export type WebWorkerReply =
  | { id: number; progress: number }
  | { id: number; ok: true; summary: Float64Array; buffer?: ArrayBuffer }
  | { id: number; ok: false; message: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<WebWorkerRequest>) => void) | null;
  postMessage(message: WebWorkerReply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let core: Promise<WasmCore> | undefined;

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    core = instantiateWasm(msg.module);
    return;
  }
  void run(msg);
};

async function run(msg: Extract<WebWorkerRequest, { type: 'run' }>): Promise<void> {
  try {
    if (core === undefined) throw new Error('the worker received a task before its module');
    const { id, job, start, count, shared } = msg;
    const progress = (paths: number) => scope.postMessage({ id, progress: paths });
    if (shared !== undefined) {
      const out = new Float64Array(shared);
      const summary = runPathRange(await core, job, start, count, (q, first, values) => out.set(values, q * job.paths + first), progress);
      scope.postMessage({ id, ok: true, summary: summary.values }, [summary.values.buffer]);
    } else {
      const out = new Float64Array(quantileRows(job) * count);
      const summary = runPathRange(await core, job, start, count, (q, first, values) => out.set(values, q * count + first - start), progress);
      scope.postMessage({ id, ok: true, summary: summary.values, buffer: out.buffer }, [summary.values.buffer, out.buffer]);
    }
  } catch (error) {
    scope.postMessage({ id: msg.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}
