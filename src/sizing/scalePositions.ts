import { SizewiseError } from '../errors.js';
import { WasmColumnSet, type ColumnKind } from '../runtime/columnSet.js';
import { checkColumn, columnSource, copyColumnIn } from '../runtime/copyColumnIn.js';
import { columnSetOf, exposeColumns } from '../runtime/exposeColumns.js';
import { loadWasm, wasmCore, type WasmCore } from '../runtime/wasm.js';
import { inRange, integer, knownKeys } from '../validate.js';
import { padRows, ROW_STEP } from './padRows.js';
import { codeTable, REGIME_CODES, REGIME_FACTORS, toCode } from './regimeCodes.js';

/** Columns of the seeds' Module Y scaler: one row per position. */
export interface ScaleColumns {
  position: Float64Array;
  metaProbability: Float64Array;
  banditWeight: Float64Array;
  /** REGIME_CODES per row. */
  regime: Uint8Array;
  correlationPenalty: Float64Array;
}

/** Row status codes of `scalePositions` (0 = ok; the lowest failing column's code wins). */
export const SCALE_STATUS = Object.freeze({
  OK: 0,
  POSITION: 1,
  META_PROBABILITY: 2,
  BANDIT_WEIGHT: 3,
  REGIME: 4,
  CORRELATION_PENALTY: 5,
});

export interface ScalePositionsOptions {
  /** Clip on the scaled position, ± (the seeds' leverage cap for scalers), > 0. */
  maxPosition?: number;
}

export const SCALE_POSITIONS_DEFAULTS: Readonly<Required<ScalePositionsOptions>> = Object.freeze({ maxPosition: 3 });

/** The scaled positions and a status byte per row (SCALE_STATUS; non-zero → scaled 0). */
export interface ScaleResult {
  scaled: Float64Array;
  status: Uint8Array;
}

/** Scale columns living in WASM memory, with the output columns beside them. */
export type WasmScaleColumns = ScaleColumns & {
  readonly scaled: Float64Array;
  readonly status: Uint8Array;
  readonly length: number;
  release(): void;
};

const INPUTS: Record<keyof ScaleColumns, ColumnKind> = {
  position: 'f64',
  metaProbability: 'f64',
  banditWeight: 'f64',
  regime: 'u8',
  correlationPenalty: 'f64',
};
const INPUT_NAMES = Object.keys(INPUTS) as (keyof ScaleColumns)[];
const KINDS = { ...INPUTS, scaled: 'f64', status: 'u8' } as const;
const NAMES = Object.keys(KINDS) as (keyof typeof KINDS)[];

/** Module Y's regime factors as a 256-entry code table (NaN for unknown codes). */
export function moduleYRegimeTable(): Float64Array {
  return codeTable(REGIME_CODES, REGIME_FACTORS);
}

/**
 * Columns for `n` rows of the Module Y scaler in WASM memory: fill them in place and
 * `scalePositions` reads them with no copy. The properties are getters that rebuild
 * their view when WASM memory has grown (any later allocation may grow it), so read
 * them through this object; `release()` frees them. Contents start undefined.
 * Rejects (never throws) on a bad `n`.
 */
export async function allocateScaleColumns(n: number): Promise<WasmScaleColumns> {
  await loadWasm();
  return allocateScaleColumnsSync(n);
}

/** `allocateScaleColumns` after `await ready()`. */
export function allocateScaleColumnsSync(n: number): WasmScaleColumns {
  integer(n, 'n', 1);
  const set = new WasmColumnSet(wasmCore(), n, KINDS, { padTo: ROW_STEP });
  return exposeColumns({}, set, NAMES) as WasmScaleColumns;
}

/**
 * The seeds' Module Y scaler over columns, in WASM (f64x2 SIMD):
 * scaled = clip(position × (0.5 + metaProbability) × max(0.2, banditWeight) × regimeFactor ×
 * max(0.2, 1 − correlationPenalty), ±maxPosition), regime factors REGIME_FACTORS by REGIME_CODES.
 *
 * Columns from `allocateScaleColumns` are read in place and the result is written to their
 * `scaled` and `status` columns (returned as views: valid until WASM memory grows). Other
 * columns (typed or plain arrays) are copied in and the result copied out. Rows are checked
 * in the kernel, not here: a bad row gets a non-zero SCALE_STATUS and scaled 0; every row
 * is written. Rejects (never throws) on bad columns or options.
 */
export async function scalePositions(columns: ScaleColumns, options: ScalePositionsOptions = {}): Promise<ScaleResult> {
  await loadWasm();
  return scalePositionsSync(columns, options);
}

/** `scalePositions` after `await ready()`. */
export function scalePositionsSync(columns: ScaleColumns, options: ScalePositionsOptions = {}): ScaleResult {
  knownKeys(options, 'options', ['maxPosition']);
  const maxPosition = inRange(options.maxPosition ?? SCALE_POSITIONS_DEFAULTS.maxPosition, 'options.maxPosition', { min: 0, minOpen: true });
  if (columns === null || typeof columns !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'columns', 'columns must be an object of columns');
  }
  const core = wasmCore();
  const table = regimeTable(core);
  const own = columnSetOf(columns, core, NAMES);
  if (own !== undefined) {
    run(core, own, table, maxPosition);
    return { scaled: own.view('scaled') as Float64Array, status: own.view('status') as Uint8Array };
  }

  knownKeys(columns, 'columns', INPUT_NAMES);
  let n: number | undefined;
  for (const name of INPUT_NAMES) n = checkColumn(columns[name], `columns.${name}`, n);
  const length = n as number;
  if (length === 0) return { scaled: new Float64Array(0), status: new Uint8Array(0) };
  const sources = INPUT_NAMES.map((name) => columnSource(core, columns[name] as ArrayLike<unknown>));
  const set = new WasmColumnSet(core, length, KINDS, { padTo: ROW_STEP });
  try {
    INPUT_NAMES.forEach((name, i) => copyColumnIn(core, set.ptr(name), INPUTS[name], sources[i], toCode));
    run(core, set, table, maxPosition);
    return { scaled: (set.view('scaled') as Float64Array).slice(), status: (set.view('status') as Uint8Array).slice() };
  } finally {
    set.release();
  }
}

/** The kernel call: every column of `set` by address, `padRows(n)` rows. */
function run(core: WasmCore, set: Pick<WasmColumnSet<Record<string, ColumnKind>>, 'ptr' | 'length'>, table: number, maxPosition: number): void {
  core.exports.scalePositions(
    set.ptr('position'),
    set.ptr('metaProbability'),
    set.ptr('banditWeight'),
    set.ptr('regime'),
    set.ptr('correlationPenalty'),
    table,
    maxPosition,
    set.ptr('scaled'),
    set.ptr('status'),
    padRows(set.length),
  );
}

let regimeTablePtr: { core: WasmCore; ptr: number } | undefined;

/** The Module Y regime table in WASM memory, written once per core. */
function regimeTable(core: WasmCore): number {
  if (regimeTablePtr === undefined || regimeTablePtr.core !== core) {
    const ptr = core.arena.alloc(256 * 8);
    core.arena.f64(ptr, 256).set(moduleYRegimeTable());
    regimeTablePtr = { core, ptr };
  }
  return regimeTablePtr.ptr;
}
