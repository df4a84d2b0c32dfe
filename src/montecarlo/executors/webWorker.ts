// A Web Worker of the browser executor. The first message hands it the compiled
// WebAssembly.Module; later messages are (job, path range) tasks. Results go into the
// SharedArrayBuffer when the page is cross-origin isolated, otherwise into a buffer of
// its own that is transferred back (no copy through the structured clone).
import { instantiateWasm, type WasmCore } from '../../runtime/wasm.js';
import { resultRows, type SimulationJob } from '../simulationJob.js';
import { sortPathRows } from '../sortPathRows.js';
import { wasmPathRunner } from '../wasmPathRunner.js';

/** What the executor posts. */
export type WebWorkerRequest =
  | { type: 'init'; module: WebAssembly.Module }
  | { type: 'run'; id: number; job: SimulationJob; start: number; count: number; shared?: SharedArrayBuffer };

/** What the worker posts back: `buffer` (rows × count, transferred) only without `shared`. */
export type WebWorkerReply = { id: number; ok: true; buffer?: ArrayBuffer } | { id: number; ok: false; message: string };

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
    const runner = wasmPathRunner(await core, msg.job);
    try {
      if (msg.shared !== undefined) {
        const out = new Float64Array(msg.shared);
        runner.run(msg.start, msg.count, out, msg.job.paths, msg.start);
        sortPathRows(msg.job, out, msg.job.paths, msg.start, msg.count);
        scope.postMessage({ id: msg.id, ok: true });
      } else {
        const out = new Float64Array(resultRows(msg.job) * msg.count);
        runner.run(msg.start, msg.count, out, msg.count, 0);
        sortPathRows(msg.job, out, msg.count, 0, msg.count);
        scope.postMessage({ id: msg.id, ok: true, buffer: out.buffer }, [out.buffer]);
      }
    } finally {
      runner.release();
    }
  } catch (error) {
    scope.postMessage({ id: msg.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}
