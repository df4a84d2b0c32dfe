import { SizewiseError, describeValue } from '../errors.js';
import { checkBinaryEdge } from '../kelly/checkBinaryEdge.js';
import type { BinaryEdge } from '../kelly/types.js';
import { finiteArray, inRange, integer, knownKeys, oneOf, seed as checkSeed } from '../validate.js';
import { binarySteps, winThreshold } from './binarySteps.js';
import type { SimulationJob } from './simulatePaths.js';
import type { SummaryOptions } from './summarizePaths.js';
import { tieTolerance } from './tieTolerance.js';
import type { DefaultDrawdownLevels, SimulateOptions, TradeModel } from './types.js';

/**
 * The documented limits of one `simulate` call; each is reachable with the others at
 * their defaults (e.g. maxPaths with one exposure and no checkpoints). The per-path results
 * kept for percentiles hold paths × exposures × (3 + checkpoints) doubles; above
 * `maxResultValues` (2²⁴ values = 128 MiB) the call is rejected with TOO_LARGE.
 */
export const MONTECARLO_LIMITS = Object.freeze({
  /** 2²²: with one exposure and no checkpoints, 3 × 2²² per-path results fit in maxResultValues. */
  maxPaths: 4_194_304,
  maxTrades: 10_000_000,
  maxExposures: 256,
  /** Bootstrap samples up to 2²⁰ returns (the index ⌊u·n / 2³²⌋ is then exact in doubles). */
  maxReturns: 1_048_576,
  /** exposures × returns: the bootstrap's table of ln(1 + f·r), 2²⁴ values = 128 MiB. */
  maxTableValues: 16_777_216,
  maxCheckpoints: 1_000,
  maxResultValues: 16_777_216,
  /** paths × trades × exposures: about 5 minutes on one core at 1 G steps/s. */
  maxSteps: 2 ** 38,
  maxWorkers: 64,
  maxChunks: 4_096,
});

/** Defaults of `simulate` (exposures has none). */
export const SIMULATE_DEFAULTS = Object.freeze({
  paths: 10_000,
  trades: 1_000,
  seed: 1,
  ruinLevel: 0.5,
  drawdownLevels: Object.freeze([0.2, 0.5] as const) as DefaultDrawdownLevels,
  percentiles: Object.freeze([0.05, 0.25, 0.5, 0.75, 0.95]) as readonly number[],
  checkpoints: 0,
  workers: 'auto' as number | 'auto',
});

export interface SimulationPlan {
  job: SimulationJob;
  summary: SummaryOptions;
  workers: number | 'auto';
  chunks: number | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
}

const OPTION_KEYS = [
  'exposures', 'paths', 'trades', 'seed', 'ruinLevel', 'drawdownLevels', 'percentiles', 'checkpoints',
  'workers', 'chunks', 'signal', 'onProgress',
] as const;

/** Validates `simulate`'s input once and turns it into a job; throws SizewiseError naming the field. */
export function prepareSimulation(model: TradeModel, opts: SimulateOptions): SimulationPlan {
  if (model === null || typeof model !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'model', `model must be a trade model object, received ${describeValue(model)}`, model);
  }
  if (opts === null || typeof opts !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'opts', `opts must be an object with at least exposures, received ${describeValue(opts)}`, opts);
  }
  knownKeys(opts, 'opts', OPTION_KEYS);
  const kind = oneOf(model.kind, 'model.kind', ['binary', 'bootstrap'] as const);
  const exposures = checkExposures(opts.exposures);
  const d = SIMULATE_DEFAULTS;
  const paths = integer(opts.paths ?? d.paths, 'opts.paths', 1, MONTECARLO_LIMITS.maxPaths);
  const trades = integer(opts.trades ?? d.trades, 'opts.trades', 1, MONTECARLO_LIMITS.maxTrades);
  const seed = checkSeed(opts.seed ?? d.seed, 'opts.seed');
  const ruinLevel = inRange(opts.ruinLevel ?? d.ruinLevel, 'opts.ruinLevel', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const drawdownLevels = openUnitArray(opts.drawdownLevels ?? d.drawdownLevels, 'opts.drawdownLevels');
  const percentiles = openUnitArray(opts.percentiles ?? d.percentiles, 'opts.percentiles');
  const checkpoints = integer(opts.checkpoints ?? d.checkpoints, 'opts.checkpoints', 0, Math.min(trades, MONTECARLO_LIMITS.maxCheckpoints));
  const workersOption = opts.workers ?? d.workers;
  const workers =
    typeof workersOption === 'string'
      ? oneOf(workersOption, 'opts.workers', ['auto'] as const)
      : integer(workersOption, 'opts.workers', 0, MONTECARLO_LIMITS.maxWorkers);
  const chunks = opts.chunks === undefined ? undefined : integer(opts.chunks, 'opts.chunks', 1, MONTECARLO_LIMITS.maxChunks);
  if (opts.signal !== undefined && (opts.signal === null || typeof opts.signal.aborted !== 'boolean' || typeof opts.signal.addEventListener !== 'function')) {
    throw new SizewiseError('INVALID_TYPE', 'opts.signal', `opts.signal must be an AbortSignal, received ${describeValue(opts.signal)}`, opts.signal);
  }
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') {
    throw new SizewiseError('INVALID_TYPE', 'opts.onProgress', `opts.onProgress must be a function, received ${describeValue(opts.onProgress)}`, opts.onProgress);
  }
  const values = paths * exposures.length * (3 + checkpoints);
  if (values > MONTECARLO_LIMITS.maxResultValues) {
    throw new SizewiseError(
      'TOO_LARGE',
      'opts.paths',
      `paths × exposures × (3 + checkpoints) = ${values} per-path results exceed the limit of ${MONTECARLO_LIMITS.maxResultValues} (128 MiB); use fewer paths, exposures or checkpoints`,
      paths,
    );
  }
  const steps = paths * trades * exposures.length;
  if (steps > MONTECARLO_LIMITS.maxSteps) {
    throw new SizewiseError('TOO_LARGE', 'opts.trades', `paths × trades × exposures = ${steps} exceeds the limit of ${MONTECARLO_LIMITS.maxSteps}`, trades);
  }

  const job: SimulationJob = {
    kind,
    seed,
    paths,
    trades,
    exposures,
    threshold: 0,
    lnWin: new Float64Array(0),
    lnLoss: new Float64Array(0),
    returns: 0,
    table: new Float64Array(0),
    checkpointSteps: checkpointSteps(trades, checkpoints),
    levels: {
      lnRuin: Math.log(ruinLevel),
      drawdown: Float64Array.from(drawdownLevels, (level) => -Math.log1p(-level)),
      tolerance: new Float64Array(exposures.length),
    },
    block: summationBlock(paths),
  };
  if (kind === 'binary') fillBinary(job, model as Extract<TradeModel, { kind: 'binary' }>);
  else fillBootstrap(job, model as Extract<TradeModel, { kind: 'bootstrap' }>);
  job.exposures.forEach((_, e) => (job.levels.tolerance[e] = tieTolerance(trades, maxStep(job, e))));
  return {
    job,
    summary: { ruinLevel, drawdownLevels, percentiles },
    workers,
    chunks,
    signal: opts.signal,
    onProgress: opts.onProgress,
  };
}

/**
 * Paths per summation block (see SimulationJob.block): 64, or fewer so that a job has at
 * least 20 blocks, down to 4 (the kernel's lanes). A function of the path count alone.
 */
function summationBlock(paths: number): number {
  let block = 64;
  while (block > 4 && paths < 20 * block) block /= 2;
  return block;
}

/** The largest |log step| exposure e can take. */
function maxStep(job: SimulationJob, e: number): number {
  if (job.kind === 'binary') return Math.max(Math.abs(job.lnWin[e]), Math.abs(job.lnLoss[e]));
  let m = 0;
  for (let k = e * job.returns; k < (e + 1) * job.returns; k++) m = Math.max(m, Math.abs(job.table[k]));
  return m;
}

/** Steps round((c + 1)·trades / checkpoints), c = 0 … checkpoints − 1: evenly spaced, the last is `trades`. */
function checkpointSteps(trades: number, checkpoints: number): Int32Array {
  return Int32Array.from({ length: checkpoints }, (_, c) => Math.round(((c + 1) * trades) / checkpoints));
}

function checkExposures(value: unknown): Float64Array {
  const exposures = finiteArray(value, 'opts.exposures');
  if (exposures.length > MONTECARLO_LIMITS.maxExposures) {
    throw new SizewiseError('TOO_LARGE', 'opts.exposures', `opts.exposures holds ${exposures.length} exposures, above the limit of ${MONTECARLO_LIMITS.maxExposures}`, value);
  }
  exposures.forEach((f, i) => inRange(f, `opts.exposures[${i}]`, { min: 0, minOpen: true }));
  return exposures;
}

/** Keys of a binary trade model (`kind` is optional for exactBinary). */
export const BINARY_MODEL_KEYS = Object.freeze(['kind', 'winProbability', 'winReturn', 'lossReturn'] as const);

/** An array of numbers each strictly between 0 and 1 (percentiles, drawdown levels), as a plain array. */
export function openUnitArray(value: unknown, field: string): number[] {
  const values = finiteArray(value, field);
  values.forEach((x, i) => inRange(x, `${field}[${i}]`, { min: 0, max: 1, minOpen: true, maxOpen: true }));
  return Array.from(values);
}

/**
 * Rejects an exposure f with f·lossReturn ≥ 1 on a bet that can lose: one loss would take
 * all the equity or more (certain ruin; ln(1 − f·lossReturn) is not defined).
 */
export function checkBinaryExposure(f: number, edge: BinaryEdge, field: string): void {
  if (f * edge.lossReturn >= 1 && edge.winProbability < 1) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      field,
      `${field} = ${f} with lossReturn ${edge.lossReturn} loses ${f * edge.lossReturn} ≥ 100 % of equity on a loss: certain ruin; it must stay below 1 / lossReturn = ${1 / edge.lossReturn}`,
      f,
    );
  }
}

/** Rejects an exposure whose gain f·r overflows a double (its log step would be infinite). */
export function checkFiniteGain(gain: number, f: number, field: string, what: string): void {
  if (!Number.isFinite(gain)) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} = ${f} times ${what} overflows a double: the gain of one trade must be finite`, f);
  }
}

function fillBinary(job: SimulationJob, model: Extract<TradeModel, { kind: 'binary' }>): void {
  knownKeys(model, 'model', BINARY_MODEL_KEYS);
  const edge = checkBinaryEdge(model, 'model');
  job.exposures.forEach((f, i) => checkBinaryExposure(f, edge, `opts.exposures[${i}]`));
  job.exposures.forEach((f, i) => checkFiniteGain(f * edge.winReturn, f, `opts.exposures[${i}]`, 'model.winReturn'));
  job.threshold = winThreshold(edge.winProbability);
  job.lnWin = new Float64Array(job.exposures.length);
  job.lnLoss = new Float64Array(job.exposures.length);
  job.exposures.forEach((f, e) => {
    const s = binarySteps(edge, f);
    job.lnWin[e] = s.lnWin;
    job.lnLoss[e] = s.lnLoss;
  });
}

function fillBootstrap(job: SimulationJob, model: Extract<TradeModel, { kind: 'bootstrap' }>): void {
  knownKeys(model, 'model', ['kind', 'returns']);
  const returns = finiteArray(model.returns, 'model.returns');
  if (returns.length > MONTECARLO_LIMITS.maxReturns) {
    throw new SizewiseError('TOO_LARGE', 'model.returns', `model.returns holds ${returns.length} returns, above the limit of ${MONTECARLO_LIMITS.maxReturns}`, returns.length);
  }
  if (returns.length * job.exposures.length > MONTECARLO_LIMITS.maxTableValues) {
    throw new SizewiseError(
      'TOO_LARGE',
      'model.returns',
      `model.returns × opts.exposures = ${returns.length} × ${job.exposures.length} table entries exceed the limit of ${MONTECARLO_LIMITS.maxTableValues}; use fewer returns or exposures`,
      returns.length,
    );
  }
  let worst = Infinity;
  let best = -Infinity;
  returns.forEach((r, i) => {
    if (r <= -1) {
      throw new SizewiseError('OUT_OF_RANGE', `model.returns[${i}]`, `model.returns[${i}] must be > −1 (a loss of the whole position or more), received ${describeValue(r)}`, r);
    }
    worst = Math.min(worst, r);
    best = Math.max(best, r);
  });
  job.exposures.forEach((f, i) => checkFiniteGain(f * best, f, `opts.exposures[${i}]`, 'the largest of model.returns'));
  job.exposures.forEach((f, i) => {
    if (1 + f * worst <= 0) {
      throw new SizewiseError(
        'OUT_OF_RANGE',
        `opts.exposures[${i}]`,
        `opts.exposures[${i}] = ${f} loses ${-f * worst} ≥ 100 % of equity on the worst return ${worst}: certain ruin once it is drawn; exposures must stay below ${-1 / worst}`,
        f,
      );
    }
  });
  const n = returns.length;
  job.returns = n;
  job.table = new Float64Array(job.exposures.length * n);
  job.exposures.forEach((f, e) => {
    for (let k = 0; k < n; k++) job.table[e * n + k] = Math.log1p(f * returns[k]);
  });
}

