import { SizewiseError, describeValue } from '../errors.js';
import { WasmColumnSet, type ColumnKind, type ColumnSpec } from '../runtime/columnSet.js';
import { checkColumn, columnSource, copyColumnIn } from '../runtime/copyColumnIn.js';
import { columnSetOf, exposeColumns } from '../runtime/exposeColumns.js';
import { wasmCore, type WasmCore } from '../runtime/wasm.js';
import { integer, knownKeys, oneOf } from '../validate.js';
import type { BatchPlan } from './batchPlan.js';
import { padRows, ROW_STEP } from './padRows.js';
import { toCode } from './regimeCodes.js';
import { PARAM_COLUMNS, SIZE_COLUMNS_PARAMS, writeSizeColumnsParams, type ParamPointers } from './sizeColumnsParams.js';

/** Columns of a sizing batch (`sizer.sizeBatch`): one row per signal. Only `baseRisk` is required; an absent column leaves its layer out. */
export interface SizeBatchColumns {
  /** Base risk fraction per row (e.g. fractional Kelly, or the fallback), finite and ≥ 0. */
  baseRisk: ArrayLike<number>;
  /** Confidence or meta-probability in [0, 1], read as the config's signalQuality.method says. */
  confidence?: ArrayLike<number>;
  /** Conviction code per row (`sizer.codes.conviction`; 0 = none). */
  conviction?: ArrayLike<number>;
  /** ATR ratio (atrRatio method) or ATR ÷ price (target method), finite and ≥ 0. */
  volatility?: ArrayLike<number>;
  /** Regime code per row (`sizer.codes.regime`, REGIME_CODES for the standard five). */
  regime?: ArrayLike<number>;
  /** Share of the full position entered now (the scaling template's initialSize), in (0, 1]. */
  scaling?: ArrayLike<number>;
  /** Bandit weight, finite and ≥ 0. */
  banditWeight?: ArrayLike<number>;
  /** Correlation penalty in [0, 1]. */
  correlation?: ArrayLike<number>;
  /** RL size multiplier, finite (clamped to the config's range). */
  rlMultiplier?: ArrayLike<number>;
  /** Account drawdown in [0, 1]. */
  drawdown?: ArrayLike<number>;
  /** Loss per unit of exposure (stop ÷ price, or the average loss), > 0: the leverage cap is maxLeverage × this. */
  lossReturn?: ArrayLike<number>;
}

/** The final risk fraction per row and its status (BATCH_STATUS; non-zero → risk 0). */
export interface SizeBatchResult {
  riskFraction: Float64Array;
  status: Uint8Array;
}

/** @deprecated Renamed SizeBatchColumns ("scaler" now names only Module Y, `scalePositions`). */
export type ScalerColumns = SizeBatchColumns;
/** @deprecated Renamed SizeBatchResult. */
export type ScalerResult = SizeBatchResult;

/** A layer column of a sizing batch. */
export type LayerColumn = keyof SizeBatchColumns;

/** Every layer column, in the kernel's order. */
export const LAYER_COLUMNS: readonly LayerColumn[] = PARAM_COLUMNS;

/**
 * Row status codes of `sizeBatch` (0 = ok; the lowest failing column's code wins). Codes
 * keep their numbers as layers are added: SCALING, added later, is 11 though its layer runs
 * after the regime's.
 */
export const BATCH_STATUS = Object.freeze({
  OK: 0,
  BASE_RISK: 1,
  CONFIDENCE: 2,
  CONVICTION: 3,
  VOLATILITY: 4,
  REGIME: 5,
  BANDIT_WEIGHT: 6,
  CORRELATION: 7,
  RL_MULTIPLIER: 8,
  DRAWDOWN: 9,
  LOSS_RETURN: 10,
  SCALING: 11,
});

/** Batch columns in WASM memory, with the result columns beside them (`sizer.allocateBatch`). */
export type BatchColumns = { [K in LayerColumn]-?: K extends 'conviction' | 'regime' ? Uint8Array : Float64Array } & {
  readonly riskFraction: Float64Array;
  readonly status: Uint8Array;
  readonly length: number;
  release(): void;
};

export interface BatchOptions<Tier extends string = string> {
  /** Account tier whose limits apply to every row; default the config's defaultTier. */
  tier?: Tier;
}

/** u8 columns hold category codes; the rest are f64. */
export const LAYER_COLUMN_KINDS: Readonly<Record<LayerColumn, ColumnKind>> = Object.freeze({
  baseRisk: 'f64',
  confidence: 'f64',
  conviction: 'u8',
  volatility: 'f64',
  regime: 'u8',
  scaling: 'f64',
  banditWeight: 'f64',
  correlation: 'f64',
  rlMultiplier: 'f64',
  drawdown: 'f64',
  lossReturn: 'f64',
});

/** Every set the kernel reads also holds the plan's two code → factor tables and the outputs. */
const FIXED: Record<string, ColumnSpec> = {
  riskFraction: 'f64',
  status: 'u8',
  convictionTable: { kind: 'f64', length: 256 },
  regimeTable: { kind: 'f64', length: 256 },
};
const OWN_COLUMNS = ['baseRisk', ...Object.keys(FIXED)];

/**
 * Columns for `n` rows in WASM memory (see `PositionSizer.allocateBatch`): the chosen layer
 * columns (baseRisk always) filled with `neutral` values (0 where none is given), and the
 * outputs. `n` is an integer ≥ 1; `columns` an array of layer column names.
 */
export function allocateSizeColumns(n: number, columns: readonly LayerColumn[], neutral: Partial<Record<LayerColumn, number>>): BatchColumns {
  integer(n, 'n', 1);
  if (!Array.isArray(columns)) {
    throw new SizewiseError('INVALID_TYPE', 'columns', `columns must be an array of layer names (${LAYER_COLUMNS.join(', ')}), received ${describeValue(columns)}`, columns);
  }
  const chosen = new Set<LayerColumn>(['baseRisk']);
  // An index loop, not forEach: a hole in a sparse array is an error, not a skipped entry.
  for (let i = 0; i < columns.length; i++) chosen.add(oneOf(columns[i], `columns[${i}]`, LAYER_COLUMNS));
  const specs: Record<string, ColumnSpec> = { ...FIXED };
  for (const name of LAYER_COLUMNS) if (chosen.has(name)) specs[name] = LAYER_COLUMN_KINDS[name];
  const set = new WasmColumnSet(wasmCore(), n, specs, { padTo: ROW_STEP });
  for (const name of chosen) set.view(name).fill(neutral[name] ?? 0);
  return exposeColumns({}, set, [...LAYER_COLUMNS.filter((name) => chosen.has(name)), 'riskFraction', 'status']) as BatchColumns;
}

/**
 * The layer stack over columns with the `sizeColumns` kernel: columns from
 * `allocateSizeColumns` are read in place and the result written beside them (returned as
 * views); other columns (typed or plain arrays) are checked for shape, copied in, and the
 * result copied out. Row values are checked in the kernel (BATCH_STATUS per row).
 */
export function sizeColumns(plan: BatchPlan, columns: Partial<SizeBatchColumns>): SizeBatchResult {
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns)) {
    throw new SizewiseError('INVALID_TYPE', 'columns', `columns must be an object of columns, received ${describeValue(columns)}`, columns);
  }
  const core = wasmCore();
  const own = columnSetOf(columns, core, OWN_COLUMNS);
  if (own !== undefined) {
    run(core, plan, own);
    return { riskFraction: own.view('riskFraction') as Float64Array, status: own.view('status') as Uint8Array };
  }
  knownKeys(columns, 'columns', LAYER_COLUMNS);
  if (columns.baseRisk === undefined) checkColumn(undefined, 'columns.baseRisk', undefined);
  const present = LAYER_COLUMNS.filter((name) => columns[name] !== undefined);
  let n: number | undefined;
  for (const name of present) n = checkColumn(columns[name], `columns.${name}`, n);
  const length = n as number;
  if (length === 0) return { riskFraction: new Float64Array(0), status: new Uint8Array(0) };
  const specs: Record<string, ColumnSpec> = { ...FIXED };
  for (const name of present) specs[name] = LAYER_COLUMN_KINDS[name];
  const sources = present.map((name) => columnSource(core, columns[name] as ArrayLike<unknown>));
  const set = new WasmColumnSet(core, length, specs, { padTo: ROW_STEP });
  try {
    present.forEach((name, i) => copyColumnIn(core, set.ptr(name), LAYER_COLUMN_KINDS[name], sources[i], toCode));
    run(core, plan, set);
    return { riskFraction: (set.view('riskFraction') as Float64Array).slice(), status: (set.view('status') as Uint8Array).slice() };
  } finally {
    set.release();
  }
}

/** Writes the plan's tables into the set and its parameter block into scratch, then runs the kernel. */
function run(core: WasmCore, plan: BatchPlan, set: WasmColumnSet<Record<string, ColumnSpec>>): void {
  (set.view('convictionTable') as Float64Array).set(plan.convictionTable);
  (set.view('regimeTable') as Float64Array).set(plan.regimeTable);
  const pointers: ParamPointers = {
    out: set.ptr('riskFraction'),
    status: set.ptr('status'),
    convictionTable: set.ptr('convictionTable'),
    regimeTable: set.ptr('regimeTable'),
  };
  for (const name of LAYER_COLUMNS) if (set.has(name)) pointers[name] = set.ptr(name);
  const params = core.scratch; // the scratch block is the caller's while a kernel runs
  const buffer = core.exports.memory.buffer;
  writeSizeColumnsParams(plan, { u32: new Uint32Array(buffer, params, SIZE_COLUMNS_PARAMS.bytes / 4), f64: new Float64Array(buffer, params, SIZE_COLUMNS_PARAMS.bytes / 8) }, 0, pointers);
  core.exports.sizeColumns(params, padRows(set.length));
}
