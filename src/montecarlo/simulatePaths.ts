import { WasmColumnSet } from '../runtime/columnSet.js';
import type { WasmCore } from '../runtime/wasm.js';

/**
 * Everything the path kernels (assembly/simulatePaths.ts), their twin and the per-range
 * summary need to simulate and count any range of paths: plain data that crosses
 * postMessage. The host computes every logarithm once (prepareSimulation), so the kernel,
 * the twin and the exact lattice add the same doubles.
 */
export interface SimulationJob {
  kind: 'binary' | 'bootstrap';
  seed: number;
  paths: number;
  trades: number;
  exposures: Float64Array;
  /** Binary: u32 draws below this win. */
  threshold: number;
  /** Binary: ln(1 + f·winReturn) per exposure. */
  lnWin: Float64Array;
  /** Binary: ln(1 − f·lossReturn) per exposure. */
  lnLoss: Float64Array;
  /** Bootstrap: sample size n. */
  returns: number;
  /** Bootstrap: ln(1 + f_e · r_k) at [e·n + k]. */
  table: Float64Array;
  /** Increasing steps in [1, trades] after which log wealth is kept (fan-chart bands). */
  checkpointSteps: Int32Array;
  /** What each range of paths counts where it ran (see summarizeRange). */
  levels: PathLevels;
  /**
   * Paths per summation block: sums are taken per block of consecutive paths, in path
   * order, and blocks are added in block order, so they never depend on how the paths were
   * split. Path ranges start on a block boundary. A multiple of 4 (the kernel's lanes).
   */
  block: number;
}

/** The levels a path is compared with, in log units, and the tie tolerance per exposure. */
export interface PathLevels {
  /** ln(ruinLevel): ruined when the minimum log wealth ≤ it. */
  lnRuin: number;
  /** −ln(1 − level) per drawdown level: reached when the log drawdown ≥ it. */
  drawdown: Float64Array;
  /** tieTolerance(trades, max |log step|) per exposure. */
  tolerance: Float64Array;
}

/**
 * The kernel's output rows, `width` doubles each, in this order (E exposures, C checkpoints):
 * terminal log wealth ln(W_n / W_0) [0, E), maximum log drawdown max_t (peak_t − ln W_t)
 * [E, 2E), minimum log wealth min_t ln W_t ≤ 0 [2E, 3E), log wealth after checkpoint c
 * [(3 + c)E, (4 + c)E).
 */
export const PATH_ROW = Object.freeze({ terminal: 0, drawdown: 1, low: 2, firstCheckpoint: 3 });

/** Output rows of the kernel for a job: (3 + checkpoints) × exposures. */
export function resultRows(job: SimulationJob): number {
  return (3 + job.checkpointSteps.length) * job.exposures.length;
}

/**
 * Rows whose percentiles are reported, (2 + checkpoints) × exposures: terminal, drawdown,
 * then the checkpoints (the minimum is only counted). `quantileRow(job, q)` is the kernel row
 * of quantile row q.
 */
export function quantileRows(job: SimulationJob): number {
  return (2 + job.checkpointSteps.length) * job.exposures.length;
}

export function quantileRow(job: SimulationJob, q: number): number {
  const E = job.exposures.length;
  return q < 2 * E ? q : q + E;
}

/**
 * Exposure-path-steps per kernel call, at most: long jobs are cut into calls of a few
 * milliseconds, so no call runs long on V8's baseline tier and the caller can report
 * progress and notice a cancellation between calls.
 */
const STEPS_PER_CALL = 1 << 22;

/** A call covers at most this share of the job's paths (but at least one block), so progress is reported at least every 5 % once a job has 80 paths. */
const CALLS_PER_JOB = 20;

/** Runs paths of one job through the SIMD kernel of one WASM instance. */
export interface PathRunner {
  /** Paths per kernel call: a multiple of the job's block (the last call of a job may be shorter). */
  readonly batch: number;
  /** Doubles per output row. */
  readonly width: number;
  /**
   * Simulates paths [first, first + count) into output columns [column, column + count);
   * `column + count`, rounded up to 4, must not exceed `width`.
   */
  run(first: number, count: number, column: number): void;
  /** A current view of output row `r` (layout: PATH_ROW), `width` long. */
  row(r: number): Float64Array;
  /** Frees the runner's WASM memory (one block). Idempotent. */
  release(): void;
}

/** Paths per kernel call for a job: about STEPS_PER_CALL steps, at most 1/CALLS_PER_JOB of the paths, a multiple of the block. */
export function pathsPerCall(job: SimulationJob): number {
  const perPath = Math.max(1, job.trades * job.exposures.length);
  const bySteps = Math.floor(STEPS_PER_CALL / perPath);
  const byShare = Math.ceil(job.paths / CALLS_PER_JOB);
  return Math.max(job.block, Math.floor(Math.min(bySteps, byShare) / job.block) * job.block);
}

/**
 * The facade of the path kernels: one WASM column set (one arena block, refused before
 * memory grows) holding the job's log steps or bootstrap table, its checkpoint steps,
 * the kernel's work area and `width` columns of output rows. `width` defaults to one
 * call's worth of paths (workers copy each call's rows out); the calling thread passes
 * the whole job (rounded up to 4) so the kernel writes every path in place.
 */
export function simulatePaths(core: WasmCore, job: SimulationJob, options: { width?: number } = {}): PathRunner {
  const { exports } = core;
  const E = job.exposures.length;
  const C = job.checkpointSteps.length;
  const rows = resultRows(job);
  const batch = pathsPerCall(job);
  const columns = roundUp4(options.width ?? batch);
  const binary = job.kind === 'binary';
  const set = new WasmColumnSet(core, 0, {
    steps: { kind: 'f64', length: binary ? 2 * E : job.table.length },
    checkpoints: { kind: 'i32', length: Math.max(1, C) },
    work: { kind: 'u8', length: exports.simulatePathsWorkBytes(E) },
    out: { kind: 'f64', length: rows * columns },
  });
  const steps = set.view('steps');
  if (binary) {
    steps.set(job.lnWin);
    steps.set(job.lnLoss, E);
  } else {
    steps.set(job.table);
  }
  set.view('checkpoints').set(job.checkpointSteps);
  const stepsPtr = set.ptr('steps');
  const checkpointsPtr = set.ptr('checkpoints');
  const workPtr = set.ptr('work');
  const outPtr = set.ptr('out');

  return {
    batch,
    width: columns,
    run(first, count, column) {
      // The kernel writes whole lanes of four: never past the output block (a caller's bug).
      if (!(column >= 0 && column + roundUp4(count) <= columns)) throw new RangeError(`paths ${column} … ${column + count} do not fit ${columns} output columns`);
      for (let done = 0; done < count; done += batch) {
        const lanes = roundUp4(Math.min(batch, count - done));
        const out = outPtr + 8 * (column + done);
        if (binary) {
          exports.simulateBinary(job.seed, first + done, lanes, job.trades, job.threshold, E, stepsPtr, stepsPtr + 8 * E, checkpointsPtr, C, out, columns, workPtr);
        } else {
          exports.simulateBootstrap(job.seed, first + done, lanes, job.trades, job.returns, E, stepsPtr, checkpointsPtr, C, out, columns, workPtr);
        }
      }
    },
    row(r) {
      return set.view('out').subarray(r * columns, (r + 1) * columns);
    },
    release() {
      set.release();
    },
  };
}

function roundUp4(n: number): number {
  return (n + 3) & ~3;
}
