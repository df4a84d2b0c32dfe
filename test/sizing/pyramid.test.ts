import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyramid } from '../../src/sizing/pyramid.js';

describe('pyramid (the seeds\' Module Y)', () => {
  it('adds to a winner up to +50 %, scaled by the meta-probability', () => {
    expect(pyramid(2, { metaProbability: 1, pnl: 0.05, threshold: 0.02 })).toMatchObject({ position: 3, change: 0.5, action: 'ADD' });
    expect(pyramid(1, { metaProbability: 0.8, pnl: 0.05, threshold: 0.02 }).position).toBeCloseTo(1.4, 15);
  });

  it('cuts a loser up to −30 %, less when the model still believes in it', () => {
    expect(pyramid(1, { metaProbability: 0, pnl: -0.05, threshold: 0.02 })).toMatchObject({ position: 0.7, action: 'CUT' });
    expect(pyramid(1, { metaProbability: 0.5, pnl: -0.05, threshold: 0.02 }).position).toBeCloseTo(0.85, 15);
  });

  it('holds inside the threshold, at its edges included', () => {
    for (const pnl of [-0.02, 0, 0.02]) expect(pyramid(1.5, { metaProbability: 0.9, pnl, threshold: 0.02 })).toMatchObject({ position: 1.5, action: 'HOLD' });
  });

  it('never adds more than 50 % nor cuts more than 30 %, and keeps the sign (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (position, p, pnl, threshold) => {
          const d = pyramid(position, { metaProbability: p, pnl, threshold });
          expect(d.change).toBeGreaterThanOrEqual(-0.3);
          expect(d.change).toBeLessThanOrEqual(0.5);
          expect(Math.sign(d.position) * Math.sign(position)).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 4, numRuns: 300 },
    );
  });

  it('rejects bad input naming the field', () => {
    expect(() => pyramid(Number.NaN, { metaProbability: 0.5, pnl: 0, threshold: 0 })).toThrow(expect.objectContaining({ field: 'position' }));
    expect(() => pyramid(1, { metaProbability: 1.5, pnl: 0, threshold: 0 })).toThrow(expect.objectContaining({ field: 'signal.metaProbability' }));
    expect(() => pyramid(1, { metaProbability: 0.5, pnl: Infinity, threshold: 0 })).toThrow(expect.objectContaining({ field: 'signal.pnl' }));
    expect(() => pyramid(1, { metaProbability: 0.5, pnl: 0, threshold: -1 })).toThrow(expect.objectContaining({ field: 'signal.threshold' }));
    expect(() => pyramid(1, { metaProbability: 0.5, pnl: 0, threshold: 0 }, { maxCut: 2 })).toThrow(expect.objectContaining({ field: 'options.maxCut' }));
  });

  it('refuses to add its way to an infinite position, and a non-object options', () => {
    expect(() => pyramid(1.5e308, { metaProbability: 1, pnl: 0.05, threshold: 0.01 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'position' })); // × 1.5
    expect(() => pyramid(1, { metaProbability: 1, pnl: 0.05, threshold: 0.01 }, { maxAdd: 1e308 })).not.toThrow(); // 1 × (1 + 1e308) is finite
    expect(() => pyramid(2, { metaProbability: 1, pnl: 0.05, threshold: 0.01 }, { maxAdd: Number.MAX_VALUE })).toThrow(expect.objectContaining({ field: 'position' }));
    expect(() => pyramid(1, { metaProbability: 1, pnl: 0.05, threshold: 0.01 }, null as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options' }));
  });
});
