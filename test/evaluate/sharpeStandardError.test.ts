import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharpeStandardError } from '../../src/evaluate/sharpeStandardError.js';

const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));

describe('sharpeStandardError', () => {
  it('is √((1 + SR²/2)/n) per period (Lo 2002, iid)', () => {
    expect(sharpeStandardError(0, 100)).toBeCloseTo(0.1, 15); // √(1/100)
    expect(sharpeStandardError(2, 50)).toBeCloseTo(Math.sqrt(3 / 50), 15); // √((1 + 4/2)/50)
    expect(sharpeStandardError(-2, 50)).toBeCloseTo(Math.sqrt(3 / 50), 15); // symmetric in the sign
  });

  it('annualises: SR per period = sharpe ÷ √q, the error × √q', () => {
    // 100 trades over 4 years (25 a year), Sharpe 0: √(1/100) × √25 = 0.5.
    expect(sharpeStandardError(0, 100, 25)).toBeCloseTo(0.5, 15);
    // Annual Sharpe 1 from 50 quarterly periods: SR per period 0.5, √((1 + 0.125)/50) × 2 = 0.3.
    expect(sharpeStandardError(1, 50, 4)).toBeCloseTo(0.3, 15);
    // Ten years of months with a monthly SR of 0.5 (annual 0.5·√12): √(1.125/120)·√12 ≈ 0.3354.
    expect(sharpeStandardError(0.5 * Math.sqrt(12), 120, 12)).toBeCloseTo(0.33541019662496846, 14);
  });

  it('agrees with the per-period formula written out, and stays finite for any finite ratio', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.1, max: 1000, noNaN: true }), (sr, n, q) => {
        const perPeriod = sr / Math.sqrt(q);
        expect(sharpeStandardError(sr, n, q)).toBeCloseTo(Math.sqrt((1 + perPeriod ** 2 / 2) / n) * Math.sqrt(q), 10);
      }),
      { numRuns: 300, seed: 31 },
    );
    expect(Number.isFinite(sharpeStandardError(1e308, 1))).toBe(true);
    expect(Number.isFinite(sharpeStandardError(1e308, 1, 5e-324))).toBe(true);
  });

  it('rejects bad input, naming the field', () => {
    bad(() => sharpeStandardError(Number.NaN, 10), 'NON_FINITE', 'sharpe');
    bad(() => sharpeStandardError(Infinity, 10), 'NON_FINITE', 'sharpe');
    bad(() => sharpeStandardError(null as never, 10), 'INVALID_TYPE', 'sharpe');
    bad(() => sharpeStandardError(1, 0), 'OUT_OF_RANGE', 'observations');
    bad(() => sharpeStandardError(1, 2.5), 'OUT_OF_RANGE', 'observations');
    bad(() => sharpeStandardError(1, -Infinity), 'NON_FINITE', 'observations');
    bad(() => sharpeStandardError(1, 10, 0), 'OUT_OF_RANGE', 'periodsPerYear');
    bad(() => sharpeStandardError(1, 10, Number.NaN), 'NON_FINITE', 'periodsPerYear');
  });
});
