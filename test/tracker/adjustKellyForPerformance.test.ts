// The source engine's performance adjustment (adjust_kelly_for_performance): expected factors
// are computed by hand from the rule in the comments beside each case.
import { describe, expect, it } from 'vitest';
import { growthRate } from '../../src/kelly/growthRate.js';
import { kellyFromStats } from '../../src/kelly/kellyFromStats.js';
import { adjustKellyForPerformance } from '../../src/tracker/adjustKellyForPerformance.js';

const stats = { winRate: 0.55, avgWin: 0.032, avgLoss: 0.018 };
const kelly = kellyFromStats(stats);
const flat = (n: number) => Array.from({ length: n }, () => 0);

describe('adjustKellyForPerformance', () => {
  it('leaves Kelly alone with fewer than half a window of trades (9 < 20 / 2)', () => {
    const a = adjustKellyForPerformance(kelly, [-0.5, ...flat(8)]);
    expect(a).toMatchObject({ factor: 1, reason: 'too-few-trades' });
    expect(a.kelly).toEqual(kelly); // the same Kelly (its own fields, copied)
  });

  it('cuts Kelly to (1 − drawdown) past a 20 % drawdown', () => {
    // Equity 1 → 1.02 → 0.918 → 0.7803, then flat: drawdown 1 − 0.7803 / 1.02 = 0.235.
    const a = adjustKellyForPerformance(kelly, [0.02, -0.1, -0.15, ...flat(7)]);
    expect(a.reason).toBe('drawdown');
    expect(a.maxDrawdown).toBeCloseTo(0.235, 12);
    expect(a.factor).toBeCloseTo(0.765, 12);
    expect(a.kelly.exposure).toBeCloseTo(kelly.exposure * 0.765, 12);
    expect(a.kelly.riskFraction).toBeCloseTo(kelly.riskFraction * 0.765, 12);
    // growth at the cut exposure, from the binary growth formula g(f) = p ln(1 + fW) + q ln(1 − fL)
    expect(a.kelly.growthRate).toBeCloseTo(growthRate({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 }, a.kelly.exposure), 14);
  });

  it('counts a loss on the window\'s first trade as drawdown (the curve starts at the equity before the window)', () => {
    const a = adjustKellyForPerformance(kelly, [-0.25, ...flat(9)]);
    expect(a).toMatchObject({ reason: 'drawdown', factor: 0.75, maxDrawdown: 0.25 });
  });

  it('does not cut at exactly the threshold', () => {
    // Equity 1 → 1.25 → 1: a drawdown of 0.25 / 1.25, which is the double 0.2 itself (a lone
    // −20 % trade gives 0.19999999999999996, below the threshold, and could not tell > from ≥).
    const a = adjustKellyForPerformance(kelly, [0.25, -0.2, ...flat(8)]);
    expect(a.maxDrawdown).toBe(0.2);
    expect(a).toMatchObject({ reason: 'none', factor: 1 });
  });

  it('only looks at the last 20 trades', () => {
    const a = adjustKellyForPerformance(kelly, [-0.5, -0.5, ...flat(20)]);
    expect(a).toMatchObject({ reason: 'none', factor: 1, maxDrawdown: 0, trades: 20 });
  });

  it('raises Kelly by 10 % after 4 wins in the last 5 trades', () => {
    const a = adjustKellyForPerformance(kelly, [...flat(5), 0.01, 0.01, -0.005, 0.01, 0.01]);
    expect(a).toMatchObject({ reason: 'winning-streak', factor: 1.1 });
    expect(a.kelly.riskFraction).toBeCloseTo(kelly.riskFraction * 1.1, 14);
  });

  it('caps the streak boost at maxRiskFraction, and never lowers a risk already above it', () => {
    const streak = [...flat(5), 0.01, 0.01, 0.01, 0.01, 0.01];
    const big = kellyFromStats({ winRate: 0.6, avgWin: 0.05, avgLoss: 0.04 }); // riskFraction 0.6 − 0.4 / 1.25 = 0.28
    expect(big.riskFraction).toBeCloseTo(0.28, 14);
    const capped = adjustKellyForPerformance(big, streak, { maxRiskFraction: 0.3 });
    expect(capped.factor).toBeCloseTo(0.3 / 0.28, 14);
    expect(capped.kelly.riskFraction).toBeCloseTo(0.3, 14);
    const above = adjustKellyForPerformance(big, streak, { maxRiskFraction: 0.2 });
    expect(above.factor).toBe(1);
  });

  it('leaves Kelly alone with 3 wins in the last 5 and no deep drawdown', () => {
    expect(adjustKellyForPerformance(kelly, [...flat(5), 0.01, -0.01, 0.01, -0.01, 0.01])).toMatchObject({ reason: 'none', factor: 1 });
  });

  it('refuses bad input, naming the field', () => {
    expect(() => adjustKellyForPerformance(kelly, [0.01, Number.NaN])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'recentReturns[1]' }));
    expect(() => adjustKellyForPerformance(kelly, [-1.5])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'recentReturns[0]' }));
    expect(() => adjustKellyForPerformance(kelly, 'x' as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'recentReturns' }));
    expect(() => adjustKellyForPerformance(null as never, [])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'kelly' }));
    expect(() => adjustKellyForPerformance(kelly, [], { window: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.window' }));
    expect(() => adjustKellyForPerformance(kelly, [], { drawdownThreshold: 1 })).toThrow(expect.objectContaining({ field: 'options.drawdownThreshold' }));
    expect(() => adjustKellyForPerformance(kelly, [], { streakWins: 6 })).toThrow(expect.objectContaining({ field: 'options.streakWins' }));
    expect(() => adjustKellyForPerformance(kelly, [], { streakBoost: 0.5 })).toThrow(expect.objectContaining({ field: 'options.streakBoost' }));
    expect(() => adjustKellyForPerformance(kelly, [], { maxRiskFraction: 1 })).toThrow(expect.objectContaining({ field: 'options.maxRiskFraction' }));
    expect(() => adjustKellyForPerformance(kelly, [], { windw: 3 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.windw' }));
  });
});
