import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSizing } from '../../src/evaluate/evaluateSizing.js';
import { sizingPerformance } from '../../src/evaluate/sizingPerformance.js';
import { sizingPerformance as fromRl } from '../../src/rl/sizingPerformance.js';
import { sizingPerformance as fromRoot } from '../../src/index.js';

describe('sizingPerformance', () => {
  it('compounds sized trades (hand-computed)', () => {
    // account returns 0.1, −0.2, 0.05 → equity 1.1, 0.88, 0.924
    const p = sizingPerformance([0.1, -0.1, 0.05], [1, 2, 1], 4);
    expect(p.totalReturn).toBeCloseTo(-0.076, 14);
    expect(p.maxDrawdown).toBeCloseTo(0.2, 14);
    const mean = -0.05 / 3;
    const sd = Math.sqrt(((0.1 - mean) ** 2 + (-0.2 - mean) ** 2 + (0.05 - mean) ** 2) / 2);
    expect(p.sharpe).toBeCloseTo((mean / sd) * 2, 12);
    expect(p.averageMultiplier).toBeCloseTo(4 / 3, 14);
    expect(p.trades).toBe(3);
  });

  it('reports ruin instead of throwing when a sized loss takes the whole account (hand-computed)', () => {
    // account returns +0.1, then 2 × −0.6 = −1.2 (ruin: equity 1.1 → 0), then a trade that no longer counts.
    const p = sizingPerformance([0.1, -0.6, 0.3], [1, 2, 1], 4);
    expect(p.totalReturn).toBe(-1);
    expect(p.maxDrawdown).toBe(1);
    // Sharpe over the returns up to and including the ruinous one, counted as −100 %: +0.1, −1.
    const mean = (0.1 - 1) / 2;
    const sd = Math.sqrt(((0.1 - mean) ** 2 + (-1 - mean) ** 2) / 1);
    expect(p.sharpe).toBeCloseTo((mean / sd) * 2, 12);
    expect(p.trades).toBe(3);
    // Exactly −100 % is ruin too.
    expect(sizingPerformance([-0.5, 0.2], [2, 1], 4).totalReturn).toBe(-1);
  });

  it('has no Sharpe ratio (null, not NaN) for one trade or equal account returns', () => {
    expect(sizingPerformance([0.1], [1], 4).sharpe).toBeNull();
    expect(sizingPerformance([0.1, 0.05], [1, 2], 4).sharpe).toBeNull(); // 0.1 and 0.1
  });

  it('has a Sharpe ratio that a constant multiplier does not change', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -200, max: 200 }).map((k) => k / 1000), { minLength: 3, maxLength: 30 }), fc.double({ min: 0.1, max: 3, noNaN: true }), (r, m) => {
        const one = sizingPerformance(r, r.map(() => 1), 10);
        const scaled = sizingPerformance(r, r.map(() => m), 10);
        // |m·r| ≤ 0.6: never ruined. Equal returns stay equal when scaled, so null goes with null.
        if (one.sharpe === null) expect(scaled.sharpe).toBeNull();
        else expect(scaled.sharpe).toBeCloseTo(one.sharpe, 8);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('is the same function from src/rl and the package root, and agrees with evaluateSizing', () => {
    expect(fromRl).toBe(sizingPerformance);
    expect(fromRoot).toBe(sizingPerformance);
    const r = [0.03, -0.01, 0.02, -0.04, 0.05];
    const m = [1, 0.5, 2, 1.5, 1];
    const p = sizingPerformance(r, m, 12);
    const e = evaluateSizing(r, m, { periodsPerYear: 12 });
    expect(p).toEqual({ trades: 5, totalReturn: e.totalReturn, maxDrawdown: e.maxDrawdown, sharpe: e.sharpe, averageMultiplier: e.meanSize });
  });

  it('rejects bad input, naming the field', () => {
    const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));
    bad(() => sizingPerformance([], [], 4), 'EMPTY_INPUT', 'returns');
    bad(() => sizingPerformance([0.1, 0.2], [1], 4), 'LENGTH_MISMATCH', 'multipliers');
    bad(() => sizingPerformance([0.1, Number.NaN], [1, 1], 4), 'NON_FINITE', 'returns[1]');
    bad(() => sizingPerformance([0.1, 0.2], [1, Infinity], 4), 'NON_FINITE', 'multipliers[1]');
    bad(() => sizingPerformance([0.1, 0.2], [1, -1], 4), 'OUT_OF_RANGE', 'multipliers[1]');
    bad(() => sizingPerformance([0.1, 0.2], [1, 1], 0), 'OUT_OF_RANGE', 'tradesPerYear');
    bad(() => sizingPerformance([0.1, 0.2], [1, 1], Number.NaN), 'NON_FINITE', 'tradesPerYear');
    bad(() => sizingPerformance(null as never, [1], 4), 'INVALID_TYPE', 'returns');
  });
});
