// Module Y (`scalePositions`) over 1,000,000 rows: the public call a user makes (columns
// from allocateScaleColumns, zero-copy; and plain Float64Array/Uint8Array columns, copied
// in and out) next to the bare kernel, against a plain idiomatic JavaScript loop of the
// same work (the baseline), the TypeScript twin and numpy, in one run.
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { COLUMN_SET, type WasmColumnSet } from '../src/runtime/columnSet.js';
import { ready, wasmCore } from '../src/runtime/wasm.js';
import { padRows } from '../src/sizing/padRows.js';
import { REGIME_FACTORS, REGIME_CODES } from '../src/sizing/regimeCodes.js';
import { allocateScaleColumnsSync, moduleYRegimeTable, scalePositions, scalePositionsSync, type ScaleColumns } from '../src/sizing/scalePositions.js';
import { scalePositionsTwin } from '../src/sizing/scalePositionsTwin.js';
import { runSuite, type BenchRow } from './harness.js';
import { checksum, timeNumpy } from './numpyTiming.js';

const ROWS = 1_000_000;
/** Bytes a row moves: four f64 and one u8 in, one f64 and one u8 out. */
const ROW_BYTES = 4 * 8 + 1 + 8 + 1;
const MAX_POSITION = 3;

/**
 * What a user would write without sizewise: one pass, the five checks in order (the first
 * failing one sets the status), the formula, a clip. Regime factors by code from a typed
 * table (NaN = unknown), which is faster in V8 than a holey array or an object.
 */
export function plainModuleY(c: ScaleColumns, n: number, scaled: Float64Array, status: Uint8Array, factorOf: Float64Array, max: number): void {
  const { position, metaProbability, banditWeight, regime, correlationPenalty } = c;
  for (let i = 0; i < n; i++) {
    const p = position[i];
    const m = metaProbability[i];
    const b = banditWeight[i];
    const f = factorOf[regime[i]];
    const k = correlationPenalty[i];
    let s = 0;
    if (!Number.isFinite(p)) s = 1;
    else if (!(m >= 0 && m <= 1)) s = 2;
    else if (!(b >= 0 && b < Infinity)) s = 3;
    else if (Number.isNaN(f)) s = 4;
    else if (!(k >= 0 && k <= 1)) s = 5;
    status[i] = s;
    scaled[i] = s === 0 ? Math.min(max, Math.max(-max, p * (0.5 + m) * Math.max(0.2, b) * f * Math.max(0.2, 1 - k))) : 0;
  }
}

const NUMPY_MODULE_Y = `
table = np.full(256, np.nan); table[[${Object.values(REGIME_CODES).join(', ')}]] = [${Object.keys(REGIME_CODES).map((k) => REGIME_FACTORS[k as keyof typeof REGIME_FACTORS]).join(', ')}]
def work():
    f = table[regime]
    x = position * (0.5 + metaProbability) * np.maximum(0.2, banditWeight) * f * np.maximum(0.2, 1 - correlationPenalty)
    x = np.clip(x, -${MAX_POSITION}, ${MAX_POSITION})
    status = np.zeros(position.shape[0], dtype=np.uint8)
    status[~((correlationPenalty >= 0) & (correlationPenalty <= 1))] = 5
    status[np.isnan(f)] = 4
    status[~((banditWeight >= 0) & (banditWeight < np.inf))] = 3
    status[~((metaProbability >= 0) & (metaProbability <= 1))] = 2
    status[~np.isfinite(position)] = 1
    return np.where(status == 0, x, 0.0), status
`;

export async function benchScalePositions(): Promise<BenchRow[]> {
  await ready();
  const rng = new Xoshiro128(2026);
  const f64 = (f: () => number) => Float64Array.from({ length: ROWS }, f);
  const js: ScaleColumns = {
    position: f64(() => (rng.nextFloat() - 0.5) * 4),
    metaProbability: f64(() => rng.nextFloat()),
    banditWeight: f64(() => rng.nextFloat()),
    regime: Uint8Array.from({ length: ROWS }, () => rng.nextIndex(5)),
    correlationPenalty: f64(() => rng.nextFloat()),
  };
  const cols = allocateScaleColumnsSync(ROWS);
  for (const name of Object.keys(js) as (keyof ScaleColumns)[]) cols[name].set(js[name]);
  // The same rows with 1 % spoilt (NaN position, or an unknown regime code): the kernel's rare path.
  const spoilt = allocateScaleColumnsSync(ROWS);
  for (const name of Object.keys(js) as (keyof ScaleColumns)[]) spoilt[name].set(js[name]);
  for (let i = 0; i < ROWS; i++) {
    if (rng.nextFloat() >= 0.01) continue;
    if (rng.nextFloat() < 0.5) spoilt.position[i] = Number.NaN;
    else spoilt.regime[i] = 200;
  }
  const table = moduleYRegimeTable();
  const scaled = new Float64Array(ROWS);
  const status = new Uint8Array(ROWS);

  // The bare kernel: the same columns by address, the regime table written once.
  const core = wasmCore();
  const set = (cols as unknown as { [COLUMN_SET]: WasmColumnSet<Record<string, 'f64' | 'u8'>> })[COLUMN_SET];
  const tablePtr = core.arena.alloc(256 * 8);
  core.arena.f64(tablePtr, 256).set(table);
  const kernel = () =>
    core.exports.scalePositions(
      set.ptr('position'), set.ptr('metaProbability'), set.ptr('banditWeight'), set.ptr('regime'), set.ptr('correlationPenalty'),
      tablePtr, MAX_POSITION, set.ptr('scaled'), set.ptr('status'), padRows(ROWS),
    );

  const rows = await runSuite('scalePositions (Module Y), 1M rows', [
    { name: 'plain JavaScript loop (baseline)', fn: () => plainModuleY(js, ROWS, scaled, status, table, MAX_POSITION), units: ROWS, baseline: true },
    { name: 'TypeScript twin', fn: () => scalePositionsTwin(js, table, MAX_POSITION, ROWS, scaled, status), units: ROWS },
    { name: 'public: await scalePositions(columns from allocateScaleColumns)', fn: () => scalePositions(cols), units: ROWS },
    { name: 'public: scalePositionsSync(columns from allocateScaleColumns)', fn: () => scalePositionsSync(cols), units: ROWS },
    { name: 'public: scalePositionsSync(plain typed arrays, copy in/out)', fn: () => scalePositionsSync(js), units: ROWS },
    { name: 'public: scalePositionsSync(allocated columns, 1 % bad rows)', fn: () => scalePositionsSync(spoilt), units: ROWS },
    { name: 'bare kernel (exports.scalePositions)', fn: kernel, units: ROWS },
  ]);
  for (const row of rows) if (row.unitsPerSecond !== undefined) Object.assign(row, { gbPerSecond: (row.unitsPerSecond * ROW_BYTES) / 1e9 });

  // Same answers before comparing speeds: WASM vs the plain loop, and numpy's checksum.
  plainModuleY(js, ROWS, scaled, status, table, MAX_POSITION);
  const wasm = scalePositionsSync(cols);
  for (let i = 0; i < ROWS; i++) {
    if (wasm.scaled[i] !== scaled[i] || wasm.status[i] !== status[i]) throw new Error(`plain loop and WASM differ at row ${i}`);
  }
  const numpy = timeNumpy(NUMPY_MODULE_Y, js as unknown as Record<string, Float64Array | Uint8Array>);
  if (numpy !== undefined) {
    const expected = checksum(scaled, status);
    if (Math.abs(numpy.checksum - expected) > 1e-9 * Math.abs(expected)) throw new Error(`numpy computed something else: checksum ${numpy.checksum} vs ${expected}`);
    const base = rows[0].meanMs;
    rows.push({ suite: rows[0].suite, task: `numpy ${numpy.numpy}, vectorised (/usr/bin/python3)`, meanMs: numpy.meanMs, p99Ms: numpy.meanMs, samples: 10, unitsPerSecond: ROWS / (numpy.meanMs / 1000), speedup: base / numpy.meanMs });
  }
  printRatios(rows);
  core.arena.release(tablePtr);
  cols.release();
  spoilt.release();
  return rows;
}

/** The ratios the targets are stated in: each public call and the kernel against the plain loop, the twin and numpy. */
export function printRatios(rows: BenchRow[]): void {
  const find = (prefix: string) => rows.find((r) => r.task.startsWith(prefix));
  const plain = find('plain');
  const twin = find('TypeScript twin');
  const numpy = find('numpy');
  for (const row of rows.filter((r) => r.task.startsWith('public') || r.task.startsWith('bare'))) {
    const vs = (other: BenchRow | undefined, name: string) => (other === undefined ? '' : `, ${(other.meanMs / row.meanMs).toFixed(2)}× ${name}`);
    console.log(`${row.task}: ${row.meanMs.toFixed(3)} ms${vs(plain, 'the plain JS loop')}${vs(twin, 'the twin')}${vs(numpy, 'numpy')}`);
  }
}
