import { describe, expect, it } from 'vitest';
import { equityCurveStats } from '../../src/evaluate/equityCurveStats.js';
import { close, EMPYRICAL_CASES } from './fixture.js';

describe('equityCurveStats', () => {
  it('measures a curve worked by hand', () => {
    // 100 → 110 → 99 → 121: returns +10 %, −10 %, +22.2…%; peak 110 then 99: drawdown 10 %.
    const s = equityCurveStats([100, 110, 99, 121], { periodsPerYear: 4 });
    const r = [0.1, -0.1, 121 / 99 - 1];
    const mean = (r[0] + r[1] + r[2]) / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2); // sample sd, n − 1
    expect(s.totalReturn).toBeCloseTo(0.21, 14);
    expect(s.meanReturn).toBeCloseTo(mean, 15);
    expect(s.maxDrawdown).toBeCloseTo(0.1, 14);
    expect(s.sharpe).toBeCloseTo((mean / sd) * 2, 12); // √4 periods a year
    // Sortino: downside deviation √(0.1² / 3) over all three periods (target 0).
    expect(s.sortino).toBeCloseTo((mean / Math.sqrt(0.01 / 3)) * 2, 12);
    // 3 periods at 4 a year = 0.75 years: CAGR = 1.21^(1/0.75) − 1.
    expect(s.cagr).toBeCloseTo(1.21 ** (4 / 3) - 1, 12);
    expect(s).toMatchObject({ periods: 3, periodsPerYear: 4, years: 0.75, ruinedAt: null });
  });

  it('takes the CAGR span from years when given, and derives periods per year from it', () => {
    // 100 → 121 over 2 years: 10 % a year; 3 periods in 2 years = 1.5 a year.
    const s = equityCurveStats([100, 110, 99, 121], { years: 2 });
    expect(s.cagr).toBeCloseTo(0.1, 14);
    expect(s.periodsPerYear).toBe(1.5);
    const perPeriod = equityCurveStats([100, 110, 99, 121]);
    expect(s.sharpe).toBeCloseTo((perPeriod.sharpe as number) * Math.sqrt(1.5), 14);
  });

  it('is per period without annualisation, and has no CAGR then', () => {
    const s = equityCurveStats([100, 110, 99, 121]);
    const r = [0.1, -0.1, 121 / 99 - 1];
    const mean = (r[0] + r[1] + r[2]) / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    expect(s.sharpe).toBeCloseTo(mean / sd, 12);
    expect(s.cagr).toBeNull();
    expect(s.periodsPerYear).toBeNull();
    expect(s.years).toBeNull();
  });

  it('counts the start as a peak and a loss from it as drawdown', () => {
    expect(equityCurveStats([100, 80, 90]).maxDrawdown).toBeCloseTo(0.2, 14);
  });

  it('has no Sharpe ratio without spread or with fewer than two returns, and no Sortino without a loss', () => {
    const flat = equityCurveStats([1, 2, 4], { periodsPerYear: 252 }); // +100 %, +100 % exactly: zero sd
    expect(flat.sharpe).toBeNull();
    expect(flat.sortino).toBeNull(); // no losing period
    expect(equityCurveStats([1, 1.1], { periodsPerYear: 252 }).sharpe).toBeNull();
    expect(equityCurveStats([1, 0.9]).sortino).toBeNull(); // one period
  });

  it('ends the curve at ruin: total return −1, drawdown 1, CAGR −1, Sharpe over the returns up to the ruinous one', () => {
    // 100 → 120 → 0: returns +20 %, −100 %; the values after the 0 are not read.
    const s = equityCurveStats([100, 120, 0, 50, 80], { periodsPerYear: 4 });
    expect(s.totalReturn).toBe(-1);
    expect(s.maxDrawdown).toBe(1);
    expect(s.cagr).toBe(-1);
    expect(s.ruinedAt).toBe(2);
    expect(s.periods).toBe(2);
    const mean = (0.2 - 1) / 2;
    const sd = Math.sqrt((0.2 - mean) ** 2 + (-1 - mean) ** 2); // sample sd of two returns
    expect(s.sharpe).toBeCloseTo((mean / sd) * 2, 12);
    expect(s.sortino).toBeCloseTo((mean / Math.sqrt(1 / 2)) * 2, 12); // downside √((0 + 1²)/2)
    expect(equityCurveStats([1, 0], { periodsPerYear: 252 })).toMatchObject({ totalReturn: -1, maxDrawdown: 1, sharpe: null, sortino: null, ruinedAt: 1 });
  });

  it('reads an additive curve in its own units (cumulative R)', () => {
    // 0 → 2 → 1 → 3 → −1: results +2, −1, +2, −4; peak 3 then −1: drawdown 4 R.
    const s = equityCurveStats([0, 2, 1, 3, -1], { compound: false, periodsPerYear: 4 });
    const x = [2, -1, 2, -4];
    const mean = -1 / 4;
    const sd = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / 3);
    expect(s.totalReturn).toBe(-1);
    expect(s.meanReturn).toBe(-0.25);
    expect(s.maxDrawdown).toBe(4);
    expect(s.cagr).toBeNull();
    expect(s.ruinedAt).toBeNull();
    expect(s.sharpe).toBeCloseTo((mean / sd) * 2, 14);
    expect(s.sortino).toBeCloseTo((mean / Math.sqrt((1 + 16) / 4)) * 2, 14);
    // A curve that never rises above its start has drawdown from the start.
    expect(equityCurveStats([5, 4, 6], { compound: false }).maxDrawdown).toBe(1);
  });

  it.each(EMPYRICAL_CASES.map((c) => [c.name, c] as const))('matches the empyrical formulas (numpy fixture): %s', (_, c) => {
    // Build the curve from the fixture's sized returns, as a user holding an equity series would.
    const curve = [c.compound ? 1 : 0];
    for (let i = 0; i < c.returns.length; i++) {
      const a = c.sizes[i] * c.returns[i];
      curve.push(c.compound ? curve[i] * (1 + a) : curve[i] + a);
    }
    const s = equityCurveStats(curve, { compound: c.compound, ...c.options });
    // 1e-9: the curve's own rounding (period returns recovered as e_t ÷ e_{t−1} − 1) enters here.
    for (const key of ['totalReturn', 'meanReturn', 'maxDrawdown', 'sharpe', 'sortino'] as const) {
      expect(close(s[key], c.expected[key], 1e-9), `${key}: ${s[key]} vs ${c.expected[key]}`).toBe(true);
    }
    if (c.expected.cagr === null) expect(s.cagr).toBeNull();
    else expect(close(s.cagr, c.expected.cagr, 1e-9)).toBe(true);
  });

  it('rejects short curves, a non-positive start, negative equity, bad options and unknown keys, naming the field', () => {
    const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));
    bad(() => equityCurveStats([]), 'EMPTY_INPUT', 'equity');
    bad(() => equityCurveStats([1]), 'EMPTY_INPUT', 'equity');
    bad(() => equityCurveStats('abc' as never), 'INVALID_TYPE', 'equity');
    bad(() => equityCurveStats(null as never), 'INVALID_TYPE', 'equity');
    bad(() => equityCurveStats([0, 1]), 'OUT_OF_RANGE', 'equity[0]');
    bad(() => equityCurveStats([1, -0.5]), 'OUT_OF_RANGE', 'equity[1]');
    bad(() => equityCurveStats([1, Number.NaN]), 'NON_FINITE', 'equity[1]');
    bad(() => equityCurveStats([1, Infinity]), 'NON_FINITE', 'equity[1]');
    bad(() => equityCurveStats([Number.NaN, 1], { compound: false }), 'NON_FINITE', 'equity[0]');
    bad(() => equityCurveStats([1e-300, 1e300]), 'OUT_OF_RANGE', 'equity[1]'); // a period return beyond 1e12
    bad(() => equityCurveStats([1, 2], { periodsPerYear: 0 }), 'OUT_OF_RANGE', 'options.periodsPerYear');
    bad(() => equityCurveStats([1, 2], { periodsPerYear: -Infinity }), 'NON_FINITE', 'options.periodsPerYear');
    bad(() => equityCurveStats([1, 2], { years: Number.NaN }), 'NON_FINITE', 'options.years');
    bad(() => equityCurveStats([1, 2], { compound: 'yes' as never }), 'INVALID_TYPE', 'options.compound');
    bad(() => equityCurveStats([1, 2], { periodYear: 252 } as never), 'UNKNOWN_KEY', 'options.periodYear');
    // A CAGR too large for a double: 10× in a millionth of a year.
    bad(() => equityCurveStats([1, 10], { years: 1e-6 }), 'OUT_OF_RANGE', 'options.years');
  });
});
