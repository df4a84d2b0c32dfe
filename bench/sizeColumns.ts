// The sizer's full layer stack (`sizer.sizeBatch`, kernel `sizeColumns`) over 1,000,000 rows
// with every layer present, default config: the public call (columns from allocateBatch,
// zero-copy; and plain typed arrays, copied in and out) next to the bare kernel, against a
// plain idiomatic JavaScript loop of the same work (the baseline), the TypeScript twin and
// numpy, in one run.
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { COLUMN_SET, type WasmColumnSet } from '../src/runtime/columnSet.js';
import { ready, wasmCore } from '../src/runtime/wasm.js';
import { batchPlan, type BatchPlan } from '../src/sizing/batchPlan.js';
import { padRows } from '../src/sizing/padRows.js';
import { createSizer } from '../src/sizing/PositionSizer.js';
import type { SizeBatchColumns } from '../src/sizing/sizeColumns.js';
import { SIZE_COLUMNS_PARAMS, writeSizeColumnsParams, type ParamPointers } from '../src/sizing/sizeColumnsParams.js';
import { sizeColumnsTwin } from '../src/sizing/sizeColumnsTwin.js';
import { runSuite, type BenchRow } from './harness.js';
import { checksum, timeNumpy } from './numpyTiming.js';
import { printRatios } from './scalePositions.js';

const ROWS = 1_000_000;
/** Bytes a row moves: nine f64 and two u8 in, one f64 and one u8 out. */
const ROW_BYTES = 9 * 8 + 2 + 8 + 1;

type FullColumns = Required<{ [K in keyof SizeBatchColumns]: K extends 'conviction' | 'regime' ? Uint8Array : Float64Array }>;

/**
 * What a user would write without sizewise, from the same plan: one pass; the checks in
 * order (the first failing one sets the status, the row gets 0); each layer's multiplier
 * (step schedules as a loop over their steps); clamp to the tier's range, cap by leverage.
 */
export function plainLayerStack(plan: BatchPlan, c: FullColumns, n: number, out: Float64Array, status: Uint8Array): void {
  const { tiers, volSteps, drawdownSteps, convictionTable, regimeTable } = plan;
  for (let i = 0; i < n; i++) {
    const base = c.baseRisk[i];
    const p = c.confidence[i];
    const conviction = convictionTable[c.conviction[i]];
    const v = c.volatility[i];
    const regime = regimeTable[c.regime[i]];
    const scaling = c.scaling[i];
    const w = c.banditWeight[i];
    const k = c.correlation[i];
    const rl = c.rlMultiplier[i];
    const d = c.drawdown[i];
    const loss = c.lossReturn[i];
    let s = 0;
    if (!(base >= 0 && base < Infinity)) s = 1;
    else if (!(p >= 0 && p <= 1)) s = 2;
    else if (Number.isNaN(conviction)) s = 3;
    else if (!(v >= 0 && v < Infinity)) s = 4;
    else if (Number.isNaN(regime)) s = 5;
    else if (!(w >= 0 && w < Infinity)) s = 6;
    else if (!(k >= 0 && k <= 1)) s = 7;
    else if (!Number.isFinite(rl)) s = 8;
    else if (!(d >= 0 && d <= 1)) s = 9;
    else if (!(loss > 0 && loss < Infinity)) s = 10;
    else if (!(scaling > 0 && scaling <= 1)) s = 11;
    status[i] = s;
    if (s !== 0) {
      out[i] = 0;
      continue;
    }
    let signal = plan.belowTiers;
    if (plan.signalMode === 1) signal = Math.min(Math.max(plan.metaOffset + p, plan.metaMin), plan.metaMax);
    else for (const t of tiers) if (p >= t.above) signal = t.multiplier;
    let vol = 1;
    if (plan.volMode === 1) vol = Math.min(plan.volMaxMultiplier, plan.volTarget / Math.max(v, plan.volFloor));
    else for (const t of volSteps) if (v > t.above) vol = t.multiplier;
    let dd = 1;
    for (const t of drawdownSteps) if (d > t.above) dd = t.multiplier;
    let r = base * signal * conviction * vol * regime * scaling * Math.max(plan.banditFloor, w) * Math.max(plan.correlationFloor, 1 - k);
    r = r * Math.min(Math.max(rl, plan.rlMin), plan.rlMax) * dd;
    r = r >= 2 ** -1022 ? Math.min(Math.max(r, plan.minRisk), plan.maxRisk) : 0;
    out[i] = Math.min(r, plan.maxLeverage * loss);
  }
}

/** numpy of the same plan (atrRatio and confidence-tier methods, as the default config). */
function numpyLayerStack(plan: BatchPlan): string {
  const steps = (list: readonly { above: number; multiplier: number }[]) => `[${list.map((s) => `(${s.above}, ${s.multiplier})`).join(', ')}]`;
  const table = (t: Float64Array) => `np.array([${Array.from(t, (x) => (Number.isNaN(x) ? 'np.nan' : String(x))).join(', ')}])`;
  return `
conviction_table = ${table(plan.convictionTable)}
regime_table = ${table(plan.regimeTable)}
def step(x, start, steps, strict):
    m = np.full(x.shape[0], start)
    for above, mult in steps:
        m[(x > above) if strict else (x >= above)] = mult
    return m
def work():
    cv = conviction_table[conviction]; rg = regime_table[regime]
    r = baseRisk * step(confidence, ${plan.belowTiers}, ${steps(plan.tiers)}, False) * cv * step(volatility, 1.0, ${steps(plan.volSteps)}, True) * rg * scaling
    r = r * np.maximum(${plan.banditFloor}, banditWeight) * np.maximum(${plan.correlationFloor}, 1 - correlation)
    r = r * np.clip(rlMultiplier, ${plan.rlMin}, ${plan.rlMax}) * step(drawdown, 1.0, ${steps(plan.drawdownSteps)}, True)
    r = np.where(r >= 2.0 ** -1022, np.clip(r, ${plan.minRisk}, ${plan.maxRisk}), 0.0)
    r = np.minimum(r, ${plan.maxLeverage} * lossReturn)
    status = np.zeros(baseRisk.shape[0], dtype=np.uint8)
    status[~((scaling > 0) & (scaling <= 1))] = 11
    status[~((lossReturn > 0) & (lossReturn < np.inf))] = 10
    status[~((drawdown >= 0) & (drawdown <= 1))] = 9
    status[~np.isfinite(rlMultiplier)] = 8
    status[~((correlation >= 0) & (correlation <= 1))] = 7
    status[~((banditWeight >= 0) & (banditWeight < np.inf))] = 6
    status[np.isnan(rg)] = 5
    status[~((volatility >= 0) & (volatility < np.inf))] = 4
    status[np.isnan(cv)] = 3
    status[~((confidence >= 0) & (confidence <= 1))] = 2
    status[~((baseRisk >= 0) & (baseRisk < np.inf))] = 1
    return np.where(status == 0, r, 0.0), status
`;
}

export async function benchSizeColumns(): Promise<BenchRow[]> {
  await ready();
  const rng = new Xoshiro128(2026);
  const f64 = (f: () => number) => Float64Array.from({ length: ROWS }, f);
  const u8 = (k: number) => Uint8Array.from({ length: ROWS }, () => rng.nextIndex(k));
  const sizer = createSizer();
  const plan = batchPlan(sizer.config, sizer.config.defaultTier, 'tier');
  const layers: FullColumns = {
    baseRisk: f64(() => 0.002 + 0.05 * rng.nextFloat()),
    confidence: f64(() => rng.nextFloat()),
    conviction: u8(4),
    volatility: f64(() => 0.5 + 1.5 * rng.nextFloat()),
    regime: u8(5),
    scaling: f64(() => [0.33, 0.5, 1][rng.nextIndex(3)]),
    banditWeight: f64(() => rng.nextFloat()),
    correlation: f64(() => rng.nextFloat()),
    rlMultiplier: f64(() => 2.5 * rng.nextFloat()),
    drawdown: f64(() => 0.3 * rng.nextFloat()),
    lossReturn: f64(() => 0.005 + 0.03 * rng.nextFloat()),
  };
  const batch = sizer.allocateBatch(ROWS);
  for (const [name, col] of Object.entries(layers)) (batch as unknown as Record<string, Float64Array | Uint8Array>)[name].set(col);
  const out = new Float64Array(ROWS);
  const status = new Uint8Array(ROWS);

  // The bare kernel: the batch's columns by address, its tables and parameter block written once.
  const core = wasmCore();
  const set = (batch as unknown as { [COLUMN_SET]: WasmColumnSet<Record<string, 'f64' | 'u8'>> })[COLUMN_SET];
  const params = core.arena.alloc(SIZE_COLUMNS_PARAMS.bytes + 2 * 256 * 8);
  const tables = params + SIZE_COLUMNS_PARAMS.bytes;
  core.arena.f64(tables, 256).set(plan.convictionTable);
  core.arena.f64(tables + 2048, 256).set(plan.regimeTable);
  const pointers: ParamPointers = { out: set.ptr('riskFraction'), status: set.ptr('status'), convictionTable: tables, regimeTable: tables + 2048 };
  for (const name of Object.keys(layers) as (keyof FullColumns)[]) pointers[name] = set.ptr(name);
  const buffer = core.exports.memory.buffer;
  writeSizeColumnsParams(plan, { u32: new Uint32Array(buffer), f64: new Float64Array(buffer) }, params, pointers);
  const kernel = () => core.exports.sizeColumns(params, padRows(ROWS));

  const rows = await runSuite('sizeColumns (layer stack), 1M rows', [
    { name: 'plain JavaScript loop (baseline)', fn: () => plainLayerStack(plan, layers, ROWS, out, status), units: ROWS, baseline: true },
    { name: 'TypeScript twin', fn: () => sizeColumnsTwin(plan, layers, ROWS, out, status), units: ROWS },
    { name: 'public: sizer.sizeBatch(columns from allocateBatch)', fn: () => sizer.sizeBatch(batch), units: ROWS },
    { name: 'public: sizer.sizeBatch(plain typed arrays, copy in/out)', fn: () => sizer.sizeBatch(layers), units: ROWS },
    { name: 'bare kernel (exports.sizeColumns)', fn: kernel, units: ROWS },
  ]);
  for (const row of rows) if (row.unitsPerSecond !== undefined) Object.assign(row, { gbPerSecond: (row.unitsPerSecond * ROW_BYTES) / 1e9 });

  // Same answers before comparing speeds.
  plainLayerStack(plan, layers, ROWS, out, status);
  const wasm = sizer.sizeBatch(batch);
  for (let i = 0; i < ROWS; i++) {
    if (wasm.riskFraction[i] !== out[i] || wasm.status[i] !== status[i]) throw new Error(`plain loop and WASM differ at row ${i}`);
  }
  const numpy = timeNumpy(numpyLayerStack(plan), layers as unknown as Record<string, Float64Array | Uint8Array>);
  if (numpy !== undefined) {
    const expected = checksum(out, status);
    if (Math.abs(numpy.checksum - expected) > 1e-9 * Math.abs(expected)) throw new Error(`numpy computed something else: checksum ${numpy.checksum} vs ${expected}`);
    rows.push({ suite: rows[0].suite, task: `numpy ${numpy.numpy}, vectorised (/usr/bin/python3)`, meanMs: numpy.meanMs, p99Ms: numpy.meanMs, samples: 10, unitsPerSecond: ROWS / (numpy.meanMs / 1000), speedup: rows[0].meanMs / numpy.meanMs });
  }
  printRatios(rows);
  core.arena.release(params);
  batch.release();
  return rows;
}
