import { beforeAll, describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { ready, wasmCore } from '../../src/runtime/wasm.js';
import { createSizer, type PositionSizer } from '../../src/sizing/PositionSizer.js';
import { BATCH_STATUS } from '../../src/sizing/sizeColumns.js';
import { sizeBatchTwin } from '../../src/sizing/sizeColumnsTwin.js';
import type { SizingRequest } from '../../src/sizing/sizingTypes.js';
import { CONFIGS } from './fixtures.js';

/** Random valid requests (binary edges, every layer) and the same rows as columns. */
function randomBatch(sizer: PositionSizer, n: number, seed: number) {
  const rng = new Xoshiro128(seed);
  const convictions = Object.keys(sizer.config.convictionMultipliers);
  const regimes = Object.keys(sizer.config.regimeMultipliers);
  const target = sizer.config.volatilityAdjustment.method === 'target';
  const requests: SizingRequest[] = [];
  const cols = {
    baseRisk: new Float64Array(n),
    confidence: new Float64Array(n),
    conviction: new Uint8Array(n),
    volatility: new Float64Array(n),
    regime: new Uint8Array(n),
    scaling: new Float64Array(n),
    banditWeight: new Float64Array(n),
    correlation: new Float64Array(n),
    rlMultiplier: new Float64Array(n),
    drawdown: new Float64Array(n),
    lossReturn: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const edge = { winProbability: 0.35 + 0.3 * rng.nextFloat(), winReturn: 0.01 + 0.05 * rng.nextFloat(), lossReturn: 0.005 + 0.03 * rng.nextFloat() };
    const conviction = convictions[rng.nextIndex(convictions.length)];
    const regime = regimes[rng.nextIndex(regimes.length)];
    const price = 100;
    const atr = 0.1 + 4 * rng.nextFloat();
    const ratio = 0.5 + 1.5 * rng.nextFloat();
    const req: SizingRequest = {
      balance: '100000',
      price: String(price),
      edge,
      confidence: rng.nextFloat(),
      conviction,
      ...(target ? { atr } : { atrRatio: ratio }),
      regime,
      // A scaling template's initial size with its reason, as scalingFactor gives it (the batch takes the value).
      scaling: { value: [0.33, 0.5, 1, 1e-3 + 0.999 * rng.nextFloat()][rng.nextIndex(4)], reason: 'template' },
      banditWeight: 1.2 * rng.nextFloat(),
      correlation: rng.nextFloat(),
      rlMultiplier: 2.5 * rng.nextFloat(),
      drawdown: 0.3 * rng.nextFloat(),
    };
    requests.push(req);
    cols.baseRisk[i] = sizer.size({ balance: '1', price: '1', edge }).factors[0].value;
    cols.confidence[i] = req.confidence as number;
    cols.conviction[i] = sizer.codes.conviction[conviction];
    cols.volatility[i] = target ? atr / price : ratio;
    cols.regime[i] = sizer.codes.regime[regime];
    cols.scaling[i] = (req.scaling as { value: number }).value;
    cols.banditWeight[i] = req.banditWeight as number;
    cols.correlation[i] = req.correlation as number;
    cols.rlMultiplier[i] = req.rlMultiplier as number;
    cols.drawdown[i] = req.drawdown as number;
    cols.lossReturn[i] = edge.lossReturn;
  }
  return { requests, cols };
}

/** Spoils a share of rows in one column each, with NaN, ±∞ or an out-of-range value. */
function spoil<T extends Record<string, Float64Array | Uint8Array>>(cols: T, seed: number, share = 0.15): T {
  const rng = new Xoshiro128(seed);
  const names = Object.keys(cols);
  const bad = [Number.NaN, Infinity, -Infinity, -0.5, 1.5];
  const n = cols[names[0]].length;
  for (let i = 0; i < n; i++) {
    if (rng.nextFloat() >= share) continue;
    const col = cols[names[rng.nextIndex(names.length)]];
    if (col instanceof Uint8Array) col[i] = 200 + rng.nextIndex(56);
    else col[i] = bad[rng.nextIndex(bad.length)];
  }
  return cols;
}

describe.each(Object.entries(CONFIGS))('sizeBatch with %s', (_name, config) => {
  const sizer = createSizer(config);
  beforeAll(() => ready());

  it('equals size() row by row', () => {
    const { requests, cols } = randomBatch(sizer, 400, 11);
    const tier = sizer.config.defaultTier;
    const { riskFraction, status } = sizer.sizeBatch(cols, { tier });
    requests.forEach((req, i) => {
      expect(status[i]).toBe(0);
      expect(riskFraction[i]).toBe(sizer.size({ ...req, tier }).riskFraction);
    });
  });

  it('gives identical results in WASM and in the TypeScript twin, bad rows included', () => {
    for (const n of [1, 2, 7, 1000]) {
      const { cols } = randomBatch(sizer, n, 50 + n);
      spoil(cols, 77 + n);
      for (const tier of Object.keys(sizer.config.positionBoundaries)) {
        const wasm = sizer.sizeBatch(cols, { tier });
        const twin = sizeBatchTwin(sizer.config, cols, { tier });
        expect(wasm.status).toEqual(twin.status);
        expect(wasm.riskFraction).toEqual(twin.riskFraction);
      }
    }
  });

  it('leaves out the layers whose columns are absent, as size() does for absent inputs', () => {
    const { requests, cols } = randomBatch(sizer, 50, 5);
    const { riskFraction } = sizer.sizeBatch({ baseRisk: cols.baseRisk, regime: cols.regime, lossReturn: cols.lossReturn });
    requests.forEach((req, i) => {
      expect(riskFraction[i]).toBe(sizer.size({ balance: req.balance, price: req.price, edge: req.edge, regime: req.regime }).riskFraction);
    });
  });
});

describe('sizeBatch row status', () => {
  const sizer = createSizer();
  beforeAll(() => ready());

  it('gives each bad row its code and 0, never NaN, and writes every good row', () => {
    const n = 13;
    const ok = { baseRisk: 0.01, confidence: 0.7, conviction: 0, volatility: 1, regime: 0, scaling: 1, banditWeight: 1, correlation: 0, rlMultiplier: 1, drawdown: 0, lossReturn: 0.02 };
    const cols = Object.fromEntries(Object.entries(ok).map(([k, v]) => [k, Array(n).fill(v)])) as Record<string, number[]>;
    cols.baseRisk[1] = Number.NaN;
    cols.confidence[2] = 1.01;
    cols.conviction[3] = 77;
    cols.volatility[4] = -1;
    cols.regime[5] = 254;
    cols.banditWeight[6] = Infinity;
    cols.correlation[7] = -0.01;
    cols.rlMultiplier[8] = Number.NaN;
    cols.drawdown[9] = 2;
    cols.lossReturn[10] = 0;
    cols.scaling[11] = 0; // a share of the full position is in (0, 1]
    cols.scaling[12] = 1.5;
    cols.drawdown[12] = Number.NaN; // two bad columns: the lower code (drawdown 9) wins over scaling (11)
    const { riskFraction, status } = sizer.sizeBatch(cols);
    expect(Array.from(status)).toEqual([
      0, BATCH_STATUS.BASE_RISK, BATCH_STATUS.CONFIDENCE, BATCH_STATUS.CONVICTION, BATCH_STATUS.VOLATILITY, BATCH_STATUS.REGIME,
      BATCH_STATUS.BANDIT_WEIGHT, BATCH_STATUS.CORRELATION, BATCH_STATUS.RL_MULTIPLIER, BATCH_STATUS.DRAWDOWN, BATCH_STATUS.LOSS_RETURN,
      BATCH_STATUS.SCALING, BATCH_STATUS.DRAWDOWN,
    ]);
    expect(BATCH_STATUS.SCALING).toBe(11);
    expect(riskFraction[0]).toBe(0.01);
    expect(Array.from(riskFraction.slice(1))).toEqual(Array(12).fill(0));
    const twin = sizeBatchTwin(sizer.config, cols);
    expect(Array.from(twin.status)).toEqual(Array.from(status));
  });

  it('makes a risk below 2⁻¹⁰²² no trade, as size() does', () => {
    const edge = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
    const base = sizer.size({ balance: '1', price: '1', edge }).factors[0].value;
    const shares = [1e-320, 2 ** -1022 / base, 1e-300, 0.5];
    const { riskFraction, status } = sizer.sizeBatch({ baseRisk: shares.map(() => base), scaling: shares, lossReturn: shares.map(() => 0.018) });
    expect(Array.from(status)).toEqual([0, 0, 0, 0]);
    shares.forEach((scaling, i) => expect(riskFraction[i]).toBe(sizer.size({ balance: '100000', price: '100', edge, scaling }).riskFraction));
    expect(riskFraction[0]).toBe(0);
    expect(riskFraction[2]).toBe(0.002);
  });

  it('reads allocated columns in place, across memory growth', () => {
    const { cols } = randomBatch(sizer, 301, 8);
    spoil(cols, 9);
    const batch = sizer.allocateBatch(301);
    try {
      for (const [name, col] of Object.entries(cols)) (batch as unknown as Record<string, Float64Array | Uint8Array>)[name].set(col);
      const core = wasmCore();
      const big = core.arena.alloc(96 * 1024 * 1024); // grows the memory: earlier views detach
      core.arena.release(big);
      const wasm = sizer.sizeBatch(batch);
      const twin = sizeBatchTwin(sizer.config, cols);
      expect(wasm.riskFraction).toEqual(twin.riskFraction);
      expect(wasm.status).toEqual(twin.status);
      expect(batch.riskFraction).toEqual(twin.riskFraction);
    } finally {
      batch.release();
    }
    expect(() => batch.baseRisk).toThrow(SizewiseError);
  });

  it('starts allocated columns neutral except confidence, and allocates only the chosen layers', () => {
    const batch = sizer.allocateBatch(3);
    batch.baseRisk.set([0.01, 0.03, 0]);
    batch.confidence.fill(0.7); // the 0.65 tier: ×1
    expect(Array.from(sizer.sizeBatch(batch).riskFraction)).toEqual([0.01, 0.03, 0]);
    batch.release();
    const baseOnly = sizer.allocateBatch(3, []);
    expect(Object.keys(baseOnly).sort()).toEqual(['baseRisk', 'riskFraction', 'status']); // the keys are the columns
    expect(baseOnly.length).toBe(3);
    baseOnly.baseRisk.set([0.01, 0.001, 0.2]);
    expect(Array.from(sizer.sizeBatch(baseOnly).riskFraction)).toEqual([0.01, 0.002, 0.05]); // clamped to 0.2 %–5 %
    baseOnly.release();
  });

  it('rejects bad columns and options, naming the field', () => {
    expect(() => sizer.sizeBatch({ baseRisk: [0.01, 0.02], confidence: [0.5] })).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'columns.confidence' }));
    expect(() => sizer.sizeBatch({ confidence: [0.5] })).toThrow(expect.objectContaining({ field: 'columns.baseRisk' }));
    expect(() => sizer.sizeBatch({ baseRisk: [0.01], confidance: [1] } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'columns.confidance' }));
    // @ts-expect-error: 'gold' is not a tier of the defaults (a compile error, and an error at run time)
    expect(() => sizer.sizeBatch({ baseRisk: [0.01] }, { tier: 'gold' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.tier' }));
    expect(() => sizer.allocateBatch(10, ['confidence', 'vol' as never])).toThrow(expect.objectContaining({ field: 'columns[1]' }));
    expect(() => sizer.sizeBatch([0.01] as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'columns' }));
    expect(() => sizer.sizeBatch({ baseRisk: [0.01] }, null as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options' }));
    expect(() => sizer.sizeBatch({ baseRisk: 'abc' as never })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'columns.baseRisk' }));
  });
});

describe('column sets of the other batch', () => {
  beforeAll(async () => {
    await ready();
  });

  it('refuses scale columns in sizeBatch and layer columns in scalePositions, instead of using address 0', async () => {
    const { allocateScaleColumnsSync, scalePositionsSync } = await import('../../src/sizing/scalePositions.js');
    const sizer = createSizer();
    const scale = allocateScaleColumnsSync(16);
    const layers = sizer.allocateBatch(16);
    const low = new Uint8Array(wasmCore().exports.memory.buffer, 0, 64).slice();
    expect(() => sizer.sizeBatch(scale as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'columns' }));
    expect(() => scalePositionsSync(layers as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'columns' }));
    expect(new Uint8Array(wasmCore().exports.memory.buffer, 0, 64)).toEqual(low); // nothing written at address 0
    scale.release();
    layers.release();
  });

  it('lets the twin read the columns allocateBatch hands out, as sizeBatch does', () => {
    const sizer = createSizer();
    const cols = sizer.allocateBatch(8, ['confidence']);
    cols.baseRisk.fill(0.01);
    cols.confidence.fill(0.9);
    const twin = sizeBatchTwin(sizer.config, cols as never);
    const wasm = sizer.sizeBatch(cols);
    expect(Array.from(twin.riskFraction)).toEqual(Array.from(wasm.riskFraction));
    expect(twin.riskFraction[0]).toBeCloseTo(0.02, 15); // 1 % × confidence tier ≥ 0.85 → ×2
    cols.release();
  });
});
