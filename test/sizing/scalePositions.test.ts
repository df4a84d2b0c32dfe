import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { ready } from '../../src/runtime/wasm.js';
import { REGIME_CODES, REGIME_FACTORS } from '../../src/sizing/regimeCodes.js';
import {
  allocateScaleColumns,
  allocateScaleColumnsSync,
  moduleYRegimeTable,
  scalePositions,
  scalePositionsSync,
  SCALE_STATUS,
} from '../../src/sizing/scalePositions.js';
import { scalePositionsTwin } from '../../src/sizing/scalePositionsTwin.js';
import { wasmCore } from '../../src/runtime/wasm.js';

/** Random rows, a share of them bad in one column (NaN, ±∞, out of range, unknown code). */
function randomRows(n: number, seed: number, badShare = 0.1) {
  const rng = new Xoshiro128(seed);
  const bad = [Number.NaN, Infinity, -Infinity, -0.1, 1.1];
  const rows = {
    position: new Float64Array(n),
    metaProbability: new Float64Array(n),
    banditWeight: new Float64Array(n),
    regime: new Uint8Array(n),
    correlationPenalty: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    rows.position[i] = (rng.nextFloat() - 0.5) * 8;
    rows.metaProbability[i] = rng.nextFloat();
    rows.banditWeight[i] = rng.nextFloat() * 1.5;
    rows.regime[i] = rng.nextIndex(5);
    rows.correlationPenalty[i] = rng.nextFloat();
    if (rng.nextFloat() < badShare) {
      const value = bad[rng.nextIndex(bad.length)];
      switch (rng.nextIndex(5)) {
        case 0: rows.position[i] = Number.isFinite(value) ? -Infinity : value; break;
        case 1: rows.metaProbability[i] = value; break;
        case 2: rows.banditWeight[i] = value === 1.1 ? Infinity : value; break;
        case 3: rows.regime[i] = 5 + rng.nextIndex(251); break;
        default: rows.correlationPenalty[i] = value;
      }
    }
  }
  return rows;
}

/** Module Y written straight from the seeds' formula, as an independent oracle for valid rows. */
function moduleY(p: number, m: number, b: number, regime: number, c: number, max = 3): number {
  const factor = Object.entries(REGIME_CODES).find(([, code]) => code === regime)![0] as keyof typeof REGIME_FACTORS;
  const x = p * (0.5 + m) * Math.max(0.2, b) * REGIME_FACTORS[factor] * Math.max(0.2, 1 - c);
  return Math.max(-max, Math.min(max, x));
}

describe('scalePositions (Module Y over columns)', () => {
  beforeAll(() => ready());

  it('matches the seeds\' formula row by row for valid rows', async () => {
    const rows = randomRows(501, 7, 0);
    const { scaled, status } = await scalePositions(rows);
    for (let i = 0; i < rows.position.length; i++) {
      expect(status[i]).toBe(0);
      expect(scaled[i]).toBeCloseTo(moduleY(rows.position[i], rows.metaProbability[i], rows.banditWeight[i], rows.regime[i], rows.correlationPenalty[i]), 12);
    }
  });

  it('gives identical results to the TypeScript twin, bad rows included', async () => {
    for (const n of [1, 2, 3, 1000, 1001]) {
      const rows = randomRows(n, 100 + n, 0.2);
      const wasm = await scalePositions(rows, { maxPosition: 2.5 });
      const scaled = new Float64Array(n);
      const status = new Uint8Array(n);
      scalePositionsTwin(rows, moduleYRegimeTable(), 2.5, n, scaled, status);
      expect(wasm.status).toEqual(status);
      expect(wasm.scaled).toEqual(scaled);
    }
  });

  it('gives each bad row its status and 0, and still writes every good row', async () => {
    const rows = {
      position: [1, Number.NaN, 1, 1, 1, 1, Infinity],
      metaProbability: [0.5, 0.5, 1.5, 0.5, 0.5, 0.5, Number.NaN],
      banditWeight: [1, 1, 1, -1, 1, 1, 1],
      regime: [REGIME_CODES.TRENDING, 0, 0, 0, 9, 0, 0],
      correlationPenalty: [0, 0, 0, 0, 0, 2, 0],
    };
    const { scaled, status } = await scalePositions(rows as never);
    expect(Array.from(status)).toEqual([0, SCALE_STATUS.POSITION, SCALE_STATUS.META_PROBABILITY, SCALE_STATUS.BANDIT_WEIGHT, SCALE_STATUS.REGIME, SCALE_STATUS.CORRELATION_PENALTY, SCALE_STATUS.POSITION]);
    expect(scaled[0]).toBeCloseTo(1 * 1.0 * 1 * 1.4 * 1, 14);
    expect(Array.from(scaled.slice(1))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('clips to ±maxPosition and never returns NaN (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double(), fc.double(), fc.double(), fc.integer({ min: 0, max: 255 }), fc.double()), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        async (list, max) => {
          const { scaled, status } = await scalePositions(
            {
              position: Float64Array.from(list, (r) => r[0]),
              metaProbability: Float64Array.from(list, (r) => r[1]),
              banditWeight: Float64Array.from(list, (r) => r[2]),
              regime: Uint8Array.from(list, (r) => r[3]),
              correlationPenalty: Float64Array.from(list, (r) => r[4]),
            },
            { maxPosition: max },
          );
          for (let i = 0; i < list.length; i++) {
            expect(Number.isNaN(scaled[i])).toBe(false);
            expect(Math.abs(scaled[i])).toBeLessThanOrEqual(max);
            if (status[i] !== 0) expect(scaled[i]).toBe(0);
          }
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });

  it('reads allocated columns in place and survives memory growth', async () => {
    const n = 1001;
    const rows = randomRows(n, 3, 0.1);
    const columns = await allocateScaleColumns(n);
    try {
      columns.position.set(rows.position);
      columns.metaProbability.set(rows.metaProbability);
      columns.banditWeight.set(rows.banditWeight);
      columns.regime.set(rows.regime);
      columns.correlationPenalty.set(rows.correlationPenalty);
      const before = columns.position;
      const core = wasmCore();
      const generation = core.arena.generation;
      const big = core.arena.alloc(64 * 1024 * 1024); // forces memory.grow
      expect(core.arena.generation).not.toBe(generation);
      expect(before.length).toBe(0); // the old view is detached …
      expect(columns.position[5]).toBe(rows.position[5]); // … the getter rebuilds it
      core.arena.release(big);
      const { scaled, status } = scalePositionsSync(columns);
      const twin = { scaled: new Float64Array(n), status: new Uint8Array(n) };
      scalePositionsTwin(rows, moduleYRegimeTable(), 3, n, twin.scaled, twin.status);
      expect(scaled).toEqual(twin.scaled);
      expect(status).toEqual(twin.status);
      expect(columns.scaled).toEqual(twin.scaled);
    } finally {
      columns.release();
    }
    expect(() => columns.position).toThrow(SizewiseError);
  });

  it('rejects bad columns and options, naming the field', async () => {
    const rows = randomRows(4, 1, 0);
    await expect(scalePositions({ ...rows, banditWeight: new Float64Array(3) })).rejects.toMatchObject({ code: 'LENGTH_MISMATCH', field: 'columns.banditWeight' });
    await expect(scalePositions({ ...rows, regime: 'TRENDING' as never })).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'columns.regime' });
    await expect(scalePositions(rows, { maxPosition: Number.NaN })).rejects.toMatchObject({ code: 'NON_FINITE', field: 'options.maxPosition' });
    await expect(scalePositions(rows, { cap: 3 } as never)).rejects.toMatchObject({ code: 'UNKNOWN_KEY', field: 'options.cap' });
    expect(() => allocateScaleColumnsSync(0)).toThrow(expect.objectContaining({ field: 'n' }));
    await expect(scalePositions({ ...rows, correlation: rows.correlationPenalty } as never)).rejects.toMatchObject({ code: 'UNKNOWN_KEY', field: 'columns.correlation' });
    await expect(scalePositions(null as never)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'columns' });
    await expect(allocateScaleColumns(1.5)).rejects.toMatchObject({ field: 'n' });
  });

  it('turns copied-in codes outside 0–254 into a failed row, not a wrapped code', async () => {
    const rows = { ...randomRows(3, 9, 0), regime: [256 + REGIME_CODES.TRENDING, 1.5, -1] };
    const { status } = await scalePositions(rows as never);
    expect(Array.from(status)).toEqual([SCALE_STATUS.REGIME, SCALE_STATUS.REGIME, SCALE_STATUS.REGIME]);
  });
});
