// Batch scaler: Module Y and the sizer's layer stack over 1,000,000 rows — WASM on columns
// already in WASM memory, WASM with copy-in from JS arrays, and the TypeScript twin (baseline)
// in one run — plus single size() decisions (p50 / p99 latency over 100,000 calls).
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { ready } from '../src/runtime/wasm.js';
import { createSizer } from '../src/sizing/PositionSizer.js';
import { allocateScaleColumnsSync, moduleYRegimeTable, scalePositionsSync } from '../src/sizing/scalePositions.js';
import { scalePositionsTwin } from '../src/sizing/scalePositionsTwin.js';
import { runSuite, type BenchRow } from './harness.js';

const ROWS = 1_000_000;
/** Bytes a Module Y row moves: four f64 and one u8 in, one f64 and one u8 out. */
const MODULE_Y_BYTES = 4 * 8 + 1 + 8 + 1;
/** Bytes a layer-stack row moves: eight f64 and two u8 in, one f64 and one u8 out. */
const LAYERS_BYTES = 8 * 8 + 2 + 8 + 1;

export async function benchScaler(): Promise<BenchRow[]> {
  await ready();
  const rng = new Xoshiro128(2026);
  const f64 = (f: () => number) => Float64Array.from({ length: ROWS }, f);
  const u8 = (k: number) => Uint8Array.from({ length: ROWS }, () => rng.nextIndex(k));

  // Module Y
  const js = {
    position: f64(() => (rng.nextFloat() - 0.5) * 4),
    metaProbability: f64(() => rng.nextFloat()),
    banditWeight: f64(() => rng.nextFloat()),
    regime: u8(5),
    correlationPenalty: f64(() => rng.nextFloat()),
  };
  const cols = allocateScaleColumnsSync(ROWS);
  cols.position.set(js.position);
  cols.metaProbability.set(js.metaProbability);
  cols.banditWeight.set(js.banditWeight);
  cols.regime.set(js.regime);
  cols.correlationPenalty.set(js.correlationPenalty);
  const table = moduleYRegimeTable();
  const scaled = new Float64Array(ROWS);
  const status = new Uint8Array(ROWS);

  // The layer stack (default config, every layer present)
  const sizer = createSizer();
  const layers = {
    baseRisk: f64(() => 0.002 + 0.05 * rng.nextFloat()),
    confidence: f64(() => rng.nextFloat()),
    conviction: u8(4),
    volatility: f64(() => 0.5 + 1.5 * rng.nextFloat()),
    regime: u8(5),
    banditWeight: f64(() => rng.nextFloat()),
    correlation: f64(() => rng.nextFloat()),
    rlMultiplier: f64(() => 2.5 * rng.nextFloat()),
    drawdown: f64(() => 0.3 * rng.nextFloat()),
    lossReturn: f64(() => 0.005 + 0.03 * rng.nextFloat()),
  };
  const batch = sizer.allocateBatch(ROWS);
  for (const [name, col] of Object.entries(layers)) (batch as unknown as Record<string, Float64Array | Uint8Array>)[name].set(col);

  const moduleY = await runSuite('scaler: Module Y, 1M rows', [
    { name: 'TypeScript twin', fn: () => scalePositionsTwin(js, table, 3, ROWS, scaled, status), units: ROWS, baseline: true },
    { name: 'WASM zero-copy (columns in WASM memory)', fn: () => scalePositionsSync(cols), units: ROWS },
    { name: 'WASM copy-in/out from JS arrays', fn: () => scalePositionsSync(js), units: ROWS },
  ]);
  const stack = await runSuite('scaler: sizer layers, 1M rows', [
    { name: 'TypeScript twin', fn: () => sizer.sizeBatchTwin(layers), units: ROWS, baseline: true },
    { name: 'WASM zero-copy (allocateBatch)', fn: () => sizer.sizeBatch(batch), units: ROWS },
    { name: 'WASM copy-in/out from JS arrays', fn: () => sizer.sizeBatch(layers), units: ROWS },
  ]);
  for (const row of moduleY) if (row.unitsPerSecond !== undefined) Object.assign(row, { gbPerSecond: (row.unitsPerSecond * MODULE_Y_BYTES) / 1e9 });
  for (const row of stack) if (row.unitsPerSecond !== undefined) Object.assign(row, { gbPerSecond: (row.unitsPerSecond * LAYERS_BYTES) / 1e9 });
  cols.release();
  batch.release();
  return [...moduleY, ...stack, singleDecisions()];
}

/** Latency of single size() calls with every layer and risk-based money, measured one call at a time. */
function singleDecisions(): BenchRow {
  const sizer = createSizer();
  const edge = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
  const rng = new Xoshiro128(7);
  const calls = 100_000;
  const requests = Array.from({ length: 1000 }, () => ({
    balance: '100000',
    price: (100 + 300 * rng.nextFloat()).toFixed(2),
    stopDistance: (1 + 10 * rng.nextFloat()).toFixed(2),
    edge,
    tier: 'advanced',
    confidence: rng.nextFloat(),
    conviction: 'HIGH',
    atrRatio: 0.5 + 1.5 * rng.nextFloat(),
    regime: 'TRENDING',
    banditWeight: rng.nextFloat(),
    correlation: rng.nextFloat(),
    rlMultiplier: 0.5 + rng.nextFloat(),
    drawdown: 0.2 * rng.nextFloat(),
  }));
  for (let i = 0; i < 20_000; i++) sizer.size(requests[i % requests.length]); // warm-up
  const times = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    sizer.size(requests[i % requests.length]);
    times[i] = performance.now() - t0;
  }
  times.sort();
  const mean = times.reduce((a, b) => a + b, 0) / calls;
  const p50 = times[Math.floor(0.5 * calls)];
  const p99 = times[Math.floor(0.99 * calls)];
  console.log(`single size(): p50 ${(p50 * 1000).toFixed(2)} µs, p99 ${(p99 * 1000).toFixed(2)} µs, mean ${(mean * 1000).toFixed(2)} µs over ${calls} calls`);
  return Object.assign({ suite: 'scaler: single size()', task: 'size() with every layer, risk-based money', meanMs: mean, p99Ms: p99, samples: calls }, { p50Ms: p50 });
}
