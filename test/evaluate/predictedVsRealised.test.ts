import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictedVsRealised } from '../../src/evaluate/predictedVsRealised.js';
import { calibrationReport } from '../../src/probability/calibrationReport.js';

const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));

describe('predictedVsRealised', () => {
  it('scores predicted probabilities against outcomes (hand-worked)', () => {
    // Outcomes win, loss, win, loss; Brier ((0.6−1)² + (0.6−0)² + (0.7−1)² + (0.3−0)²) ÷ 4.
    const p = predictedVsRealised([0.02, -0.01, 0.03, -0.02], { probability: [0.6, 0.6, 0.7, 0.3] }, { bins: 2 });
    expect(p.expectancy).toBeNull();
    expect(p.probability?.brier).toBeCloseTo(0.175, 15);
    expect(p.probability?.meanPredicted).toBeCloseTo(0.55, 15);
    expect(p.probability?.realisedWinRate).toBe(0.5);
    // Two bins: [0, 0.5) holds 0.3 (a loss); [0.5, 1] holds 0.6, 0.6, 0.7 (win, loss, win).
    expect(p.probability?.bins).toEqual([
      { lower: 0, upper: 0.5, count: 1, meanPredicted: 0.3, observedRate: 0 },
      { lower: 0.5, upper: 1, count: 3, meanPredicted: expect.closeTo(1.9 / 3, 15), observedRate: 2 / 3 },
    ]);
  });

  it('puts a probability of exactly 1 in the last bin, and has nulls when every trade is breakeven', () => {
    const p = predictedVsRealised([0.01, 0.02], { probability: [1, 0.95] });
    expect(p.probability?.bins).toEqual([{ lower: 0.9, upper: 1, count: 2, meanPredicted: 0.975, observedRate: 1 }]);
    expect(p.probability?.brier).toBeCloseTo(0.00125, 15); // (0 + 0.05²) ÷ 2
    const flat = predictedVsRealised([0, 0], { probability: [0.5, 0.5] });
    expect(flat.probability).toEqual({ trades: 0, meanPredicted: null, realisedWinRate: null, brier: null, bins: [] });
  });

  it('bins a probability just below an edge below it, as calibrationReport does', () => {
    // 0.8999999999999999 is the double below 0.9; × 10 it rounds up to 9, and ⌊p·10⌋ put it in
    // [0.9, 1], a bin whose lower edge is above its own mean forecast.
    const below = 0.8999999999999999;
    const p = predictedVsRealised([0.01, -0.01], { probability: [below, 0.9] });
    expect(p.probability?.bins).toEqual([
      { lower: 0.8, upper: 0.9, count: 1, meanPredicted: below, observedRate: 1 },
      { lower: 0.9, upper: 1, count: 1, meanPredicted: 0.9, observedRate: 0 },
    ]);
    // The same numbers as the probability module's report on the decided trades (breakevens left out).
    const r = [0.02, 0, -0.01, 0.03, -0.02, 0.01];
    const q = [0.61, 0.5, 0.35, 0.72, 0.44, 0.995];
    const decided = r.map((x, i) => i).filter((i) => r[i] !== 0);
    const report = calibrationReport(decided.map((i) => q[i]), decided.map((i) => (r[i] > 0 ? 1 : 0)), { bins: 5 });
    const ours = predictedVsRealised(r, { probability: q }, { bins: 5 }).probability!;
    expect(ours.brier).toBe(report.brier);
    expect(ours.bins).toEqual(report.bins);
  });

  it('compares predicted with realised expectancy', () => {
    const p = predictedVsRealised([0.02, -0.01, 0.03], { expectancy: [0.01, 0.01, 0.01] });
    expect(p.probability).toBeNull();
    expect(p.expectancy?.meanPredicted).toBeCloseTo(0.01, 15);
    expect(p.expectancy?.realised).toBeCloseTo(0.04 / 3, 15);
    expect(p.expectancy?.difference).toBeCloseTo(0.04 / 3 - 0.01, 15);
  });

  it('gives a perfect forecaster Brier 0 and a constant ½ forecaster Brier ¼ (closed forms)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }).filter((k) => k !== 0).map((k) => k / 1000), { minLength: 1, maxLength: 50 }), (r) => {
        const perfect = predictedVsRealised(r, { probability: r.map((x) => (x > 0 ? 1 : 0)) });
        expect(perfect.probability?.brier).toBe(0);
        expect(predictedVsRealised(r, { probability: r.map(() => 0.5) }).probability?.brier).toBe(0.25);
      }),
      { numRuns: 100, seed: 41 },
    );
  });

  it('rejects bad input, naming the field', () => {
    bad(() => predictedVsRealised([], { probability: [] }), 'EMPTY_INPUT', 'returns');
    bad(() => predictedVsRealised([Number.NaN], { probability: [0.5] }), 'NON_FINITE', 'returns[0]');
    bad(() => predictedVsRealised([0.1], undefined as never), 'INVALID_TYPE', 'predicted');
    bad(() => predictedVsRealised([0.1], {}), 'EMPTY_INPUT', 'predicted');
    bad(() => predictedVsRealised([0.1], { probability: [0.5], extra: 1 } as never), 'UNKNOWN_KEY', 'predicted.extra');
    bad(() => predictedVsRealised([0.1], { probability: [] }), 'EMPTY_INPUT', 'predicted.probability');
    bad(() => predictedVsRealised([0.1, 0.2], { probability: [0.5] }), 'LENGTH_MISMATCH', 'predicted.probability');
    bad(() => predictedVsRealised([0.1], { probability: [-0.1] }), 'INVALID_PROBABILITY', 'predicted.probability[0]');
    bad(() => predictedVsRealised([0.1], { probability: [Number.NaN] }), 'NON_FINITE', 'predicted.probability[0]');
    bad(() => predictedVsRealised([0.1], { expectancy: [Infinity] }), 'NON_FINITE', 'predicted.expectancy[0]');
    bad(() => predictedVsRealised([0.1], { expectancy: [0.1] }, { bins: 0 }), 'OUT_OF_RANGE', 'options.bins');
    bad(() => predictedVsRealised([0.1], { expectancy: [0.1] }, { bin: 5 } as never), 'UNKNOWN_KEY', 'options.bin');
  });
});
