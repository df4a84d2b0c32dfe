import { describe, expect, it } from 'vitest';
import { equityCurveStats } from '../../src/evaluate/equityCurveStats.js';

describe('equityCurveStats', () => {
  it('measures a curve worked by hand', () => {
    // 100 → 110 → 99 → 121: returns +10 %, −10 %, +22.2…%; peak 110 then 99: drawdown 10 %.
    const s = equityCurveStats([100, 110, 99, 121], 4);
    const r = [0.1, -0.1, 121 / 99 - 1];
    const mean = (r[0] + r[1] + r[2]) / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2); // sample sd, n − 1
    expect(s.totalReturn).toBeCloseTo(0.21, 14);
    expect(s.maxDrawdown).toBeCloseTo(0.1, 14);
    expect(s.sharpe).toBeCloseTo((mean / sd) * 2, 12); // √4 periods a year
  });

  it('counts the start as a peak and a loss from it as drawdown', () => {
    expect(equityCurveStats([100, 80, 90], 252).maxDrawdown).toBeCloseTo(0.2, 14);
  });

  it('has no Sharpe ratio without spread or with fewer than two returns', () => {
    expect(equityCurveStats([1, 2, 4], 252).sharpe).toBeNaN(); // +100 %, +100 % exactly: zero sd
    expect(equityCurveStats([1, 1.1], 252).sharpe).toBeNaN();
  });

  it('ends the curve at ruin: total return −1, drawdown 1, Sharpe over the returns up to the ruinous one', () => {
    // 100 → 120 → 0: returns +20 %, −100 %; the values after the 0 are not read.
    const s = equityCurveStats([100, 120, 0, 50, 80], 4);
    expect(s.totalReturn).toBe(-1);
    expect(s.maxDrawdown).toBe(1);
    const mean = (0.2 - 1) / 2;
    const sd = Math.sqrt((0.2 - mean) ** 2 + (-1 - mean) ** 2); // sample sd of two returns
    expect(s.sharpe).toBeCloseTo((mean / sd) * 2, 12);
    expect(equityCurveStats([1, 0], 252)).toEqual({ totalReturn: -1, maxDrawdown: 1, sharpe: Number.NaN });
  });

  it('rejects empty curves, a non-positive start, negative equity and a bad annualisation', () => {
    expect(() => equityCurveStats([], 252)).toThrow(expect.objectContaining({ field: 'equity' }));
    expect(() => equityCurveStats([0, 1], 252)).toThrow(expect.objectContaining({ field: 'equity[0]' }));
    expect(() => equityCurveStats([1, -0.5], 252)).toThrow(expect.objectContaining({ field: 'equity[1]' }));
    expect(() => equityCurveStats([1, Number.NaN], 252)).toThrow(expect.objectContaining({ field: 'equity[1]' }));
    expect(() => equityCurveStats([1, 2], 0)).toThrow(expect.objectContaining({ field: 'periodsPerYear' }));
  });
});
