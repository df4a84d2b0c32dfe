import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binOf, calibrationReport } from '../../src/probability/calibrationReport.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';

// Expected values: scikit-learn 1.2 brier_score_loss, log_loss(eps=1e-15, labels=[0, 1]) and
// calibration_curve(strategy='uniform'); ECE and bins by an independent numpy computation
// (scripts/fixtures/probability.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/probability/report.json', import.meta.url), 'utf8')) as {
  cases: {
    name: string;
    probabilities: number[];
    outcomes: number[];
    bins: number;
    brier: number;
    logLoss: number;
    ece: number;
    rows: { lower: number; upper: number; meanPredicted: number; observedRate: number; count: number }[];
    sklearnCalibrationCurve?: { probTrue: number[]; probPred: number[] };
  }[];
};

describe('calibrationReport', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: Brier, log loss, ECE and bins match the references to 1e-9', (_, c) => {
    const r = calibrationReport(c.probabilities, c.outcomes, { bins: c.bins });
    expect(Math.abs(r.brier - c.brier)).toBeLessThan(1e-9);
    expect(Math.abs(r.logLoss - c.logLoss)).toBeLessThan(1e-9);
    expect(Math.abs(r.ece - c.ece)).toBeLessThan(1e-9);
    const nonEmpty = c.rows.filter((row) => row.count > 0);
    expect(r.bins.length).toBe(nonEmpty.length);
    r.bins.forEach((bin, i) => {
      expect(bin.count).toBe(nonEmpty[i].count);
      expect(bin.lower).toBeCloseTo(nonEmpty[i].lower, 15);
      expect(bin.upper).toBeCloseTo(nonEmpty[i].upper, 15);
      expect(Math.abs(bin.meanPredicted - nonEmpty[i].meanPredicted)).toBeLessThan(1e-9);
      expect(Math.abs(bin.observedRate - nonEmpty[i].observedRate)).toBeLessThan(1e-9);
    });
    if (c.sklearnCalibrationCurve) {
      r.bins.forEach((bin, i) => {
        expect(Math.abs(bin.observedRate - c.sklearnCalibrationCurve!.probTrue[i])).toBeLessThan(1e-9);
        expect(Math.abs(bin.meanPredicted - c.sklearnCalibrationCurve!.probPred[i])).toBeLessThan(1e-9);
      });
    }
    expect(r.count).toBe(c.probabilities.length);
  });

  it('puts a probability on an edge in the upper bin and 1 in the last bin', () => {
    expect(binOf(0.3, 10)).toBe(3);
    expect(binOf(0.7, 10)).toBe(7);
    expect(binOf(0.7 - 2 ** -53, 10)).toBe(6);
    expect(binOf(1, 10)).toBe(9);
    expect(binOf(0, 10)).toBe(0);
    for (let k = 0; k <= 100; k++) expect(binOf(k / 100, 100)).toBe(Math.min(k, 99));
  });

  it('gives a perfectly calibrated predictor a Brier score of p(1 − p) in expectation (property, 200 000 draws)', () => {
    // For y ~ Bernoulli(p), E[(p − y)²] = p(1 − p): averaged over p ~ U(0, 1) that is 1/6.
    const rng = new Xoshiro128(2026, 0);
    const n = 200_000;
    const p = new Float64Array(n);
    const y = new Uint8Array(n);
    let expected = 0;
    for (let i = 0; i < n; i++) {
      p[i] = rng.nextFloat();
      y[i] = rng.nextFloat() < p[i] ? 1 : 0;
      expected += p[i] * (1 - p[i]);
    }
    expected /= n;
    const r = calibrationReport(p, y);
    // Var[(p − y)² | p] = p(1 − p)(1 − 2p)² ≤ 1/4·…; its mean over U(0,1) is 1/30, so the standard error is √(1/30/n) ≈ 4.1e-4.
    expect(Math.abs(r.brier - expected)).toBeLessThan(4 * Math.sqrt(1 / 30 / n));
    expect(Math.abs(r.brier - 1 / 6)).toBeLessThan(4 * Math.sqrt(1 / 30 / n) + 4 * Math.sqrt(1 / 180 / n));
    // And it is calibrated: every reliability bin's observed rate is within 4 standard errors of its mean forecast.
    for (const bin of r.bins) {
      const se = Math.sqrt((bin.meanPredicted * (1 - bin.meanPredicted)) / bin.count);
      expect(Math.abs(bin.observedRate - bin.meanPredicted)).toBeLessThan(4 * se + 1e-12);
    }
  });

  it('rejects bad input naming the field', () => {
    expect(() => calibrationReport([0.2, 1.2], [0, 1])).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'probabilities[1]' }));
    expect(() => calibrationReport([0.2, Number.NaN], [0, 1])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'probabilities[1]' }));
    expect(() => calibrationReport([0.2, 0.4], [0])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'outcomes' }));
    expect(() => calibrationReport([], [])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'probabilities' }));
    expect(() => calibrationReport([0.2], [0], { bins: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.bins' }));
    expect(() => calibrationReport([0.2], [0], { bins: 2.5 })).toThrow(expect.objectContaining({ field: 'options.bins' }));
    expect(() => calibrationReport([0.2], [0], { bin: 5 } as object)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.bin' }));
  });

  it('accepts one-class outcomes (a report needs no fit)', () => {
    const r = calibrationReport([0.9, 0.8], [1, 1]);
    expect(r.brier).toBeCloseTo((0.01 + 0.04) / 2, 15);
  });
});
