import type { WasmCore } from '../runtime/wasm.js';
import { resultRows, type SimulationJob } from './simulationJob.js';

/**
 * Exposure-path-steps per kernel call. Long jobs are cut into calls of about this size
 * (a few milliseconds each) so no single call runs for long on V8's baseline tier
 * before the optimised code is ready, and so the caller can check for cancellation.
 */
const STEPS_PER_CALL = 1 << 22;

/** Runs ranges of paths of one job through the WASM kernel of one instance. */
interface PathRunner {
  /** Paths per kernel call (a multiple of 4). */
  readonly batch: number;
  /** Simulates paths [pathStart, pathStart + count) into columns column … of `out` (rows `stride` long). */
  run(pathStart: number, count: number, out: Float64Array, stride: number, column?: number): void;
  /** Frees the WASM memory the runner holds. */
  release(): void;
}

/**
 * Allocates the job's inputs, a work area and an output block in the instance's
 * arena once, then runs the SIMD kernel batch by batch and copies each batch's rows
 * out. `scalar` selects the branchy scalar kernel (binary only; for the benchmark).
 */
export function wasmPathRunner(core: WasmCore, job: SimulationJob, options: { scalar?: boolean } = {}): PathRunner {
  const { exports, arena } = core;
  const E = job.exposures.length;
  const C = job.checkpointSteps.length;
  const rows = resultRows(job);
  const perPath = Math.max(1, job.trades * E);
  const batch = Math.max(4, Math.min(roundUp4(job.paths), Math.floor(STEPS_PER_CALL / perPath / 4) * 4));
  const binary = job.kind === 'binary';

  const paramsBytes = binary ? 16 * E : 8 * job.table.length;
  const paramsPtr = arena.alloc(paramsBytes);
  const stepsPtr = arena.alloc(4 * Math.max(1, C));
  const workBytes = options.scalar ? 16 + 32 * E : exports.montecarloWorkBytes(E);
  const workPtr = arena.alloc(workBytes);
  const outPtr = arena.alloc(8 * rows * batch);
  if (binary) {
    arena.f64(paramsPtr, E).set(job.lnWin);
    arena.f64(paramsPtr + 8 * E, E).set(job.lnLoss);
  } else {
    arena.f64(paramsPtr, job.table.length).set(job.table);
  }
  arena.i32(stepsPtr, C).set(job.checkpointSteps);
  let released = false;

  return {
    batch,
    run(pathStart, count, out, stride, column = 0) {
      for (let done = 0; done < count; done += batch) {
        const m = Math.min(batch, count - done);
        const lanes = roundUp4(m);
        const first = pathStart + done;
        if (!binary) {
          exports.simulateBootstrap(job.seed, first, lanes, job.trades, job.returns, E, paramsPtr, stepsPtr, C, outPtr, batch, workPtr);
        } else if (options.scalar) {
          exports.simulateBinaryScalar(job.seed, first, lanes, job.trades, job.threshold, E, paramsPtr, paramsPtr + 8 * E, stepsPtr, C, outPtr, batch, workPtr);
        } else {
          exports.simulateBinary(job.seed, first, lanes, job.trades, job.threshold, E, paramsPtr, paramsPtr + 8 * E, stepsPtr, C, outPtr, batch, workPtr);
        }
        const results = arena.f64(outPtr, rows * batch); // a fresh view: memory may have grown since
        for (let r = 0; r < rows; r++) {
          out.set(results.subarray(r * batch, r * batch + m), r * stride + column + done);
        }
      }
    },
    release() {
      if (released) return;
      released = true;
      for (const ptr of [outPtr, workPtr, stepsPtr, paramsPtr]) arena.release(ptr);
    },
  };
}

function roundUp4(n: number): number {
  return (n + 3) & ~3;
}
