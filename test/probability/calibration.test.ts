import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibratorFromJSON } from '../../src/probability/calibratorFromJSON.js';
import { isotonicCalibration, IsotonicCalibrator } from '../../src/probability/isotonicCalibration.js';
import { plattCalibration, PlattCalibrator } from '../../src/probability/plattCalibration.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/probability/${name}`, import.meta.url), 'utf8')) as T;

// Expected values: scikit-learn 1.2 (scripts/fixtures/probability.py): sklearn.calibration._sigmoid_calibration,
// whose BFGS stops near 1e-4, and the same objective solved by SciPy's trust-exact Newton to gtol 1e-13.
const platt = load<{
  cases: { name: string; scores: number[]; outcomes: number[]; sklearn: { a: number; b: number }; tight: { a: number; b: number }; grid: number[]; gridPredictions: number[] }[];
}>('platt.json');

// Expected values: sklearn.isotonic.IsotonicRegression(increasing=True, out_of_bounds='clip').
const isotonic = load<{
  cases: { name: string; scores: number[]; outcomes: number[]; query: number[]; predictions: number[]; thresholdsX: number[]; thresholdsY: number[] }[];
}>('isotonic.json');

describe('plattCalibration', () => {
  it.each(platt.cases.map((c) => [c.name, c] as const))('%s: a and b agree with scikit-learn to 1e-4 and with the tight solve to 1e-10', (_, c) => {
    const cal = plattCalibration(c.scores, c.outcomes);
    expect(Math.abs(cal.a - c.sklearn.a)).toBeLessThan(1e-4 * Math.max(1, Math.abs(c.sklearn.a)));
    expect(Math.abs(cal.b - c.sklearn.b)).toBeLessThan(1e-4 * Math.max(1, Math.abs(c.sklearn.b)));
    expect(Math.abs(cal.a - c.tight.a)).toBeLessThan(1e-10 * Math.max(1, Math.abs(c.tight.a)));
    expect(Math.abs(cal.b - c.tight.b)).toBeLessThan(1e-10 * Math.max(1, Math.abs(c.tight.b)));
    const predicted = cal.predictMany(c.grid);
    c.gridPredictions.forEach((p, i) => expect(Math.abs(predicted[i] - p)).toBeLessThan(1e-9));
  });

  it('accepts booleans as outcomes and typed arrays as scores', () => {
    const c = platt.cases[0];
    const a = plattCalibration(Float64Array.from(c.scores), c.outcomes.map((y) => y === 1));
    const b = plattCalibration(c.scores, c.outcomes);
    expect(a.a).toBe(b.a);
    expect(a.b).toBe(b.b);
  });

  it('survives a JSON round trip, directly and through calibratorFromJSON', () => {
    const cal = plattCalibration(platt.cases[1].scores, platt.cases[1].outcomes);
    const saved = JSON.parse(JSON.stringify(cal));
    expect(saved).toEqual({ kind: 'platt', a: cal.a, b: cal.b });
    const back = calibratorFromJSON(saved);
    expect(back).toBeInstanceOf(PlattCalibrator);
    expect(back.predict(0.37)).toBe(cal.predict(0.37));
    expect(PlattCalibrator.fromJSON(saved).predict(0.9)).toBe(cal.predict(0.9));
  });

  it('rejects bad input naming the field', () => {
    expect(() => plattCalibration([0.1, Number.NaN], [0, 1])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'scores[1]' }));
    expect(() => plattCalibration([0.1, 0.2], [0, 1, 1])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'outcomes' }));
    expect(() => plattCalibration([], [])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'scores' }));
    expect(() => plattCalibration([0.1, 0.2], [1, 1])).toThrow(expect.objectContaining({ code: 'ONE_CLASS', field: 'outcomes' }));
    expect(() => plattCalibration([0.1, 0.2], [0, 2])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'outcomes[1]' }));
    expect(() => plattCalibration([0.1, 0.2], [0, 'yes' as unknown as number])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'outcomes[1]' }));
    expect(() => plattCalibration(null as unknown as number[], [0, 1])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'scores' }));
    expect(() => plattCalibration([0.1, 0.2], [0, 1], { maxIter: 3 } as object)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.maxIter' }));
    const cal = new PlattCalibrator(-2, 0.5);
    expect(() => cal.predict(Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'score' }));
    expect(() => cal.predictMany([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'scores' }));
    expect(() => PlattCalibrator.fromJSON({ kind: 'platt', a: 1, b: 'x' })).toThrow(expect.objectContaining({ field: 'json.b' }));
  });
});

describe('isotonicCalibration', () => {
  it.each(isotonic.cases.map((c) => [c.name, c] as const))('%s: predictions and thresholds equal scikit-learn to 1e-9', (_, c) => {
    const cal = isotonicCalibration(c.scores, c.outcomes);
    const predicted = cal.predictMany(c.query);
    c.predictions.forEach((p, i) => expect(Math.abs(predicted[i] - p)).toBeLessThan(1e-9));
    c.query.forEach((s, i) => expect(Math.abs(cal.predict(s) - c.predictions[i])).toBeLessThan(1e-9));
    expect(Array.from(cal.x)).toEqual(c.thresholdsX);
    Array.from(cal.y).forEach((y, i) => expect(Math.abs(y - c.thresholdsY[i])).toBeLessThan(1e-12));
  });

  it('is non-decreasing in the score and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.boolean()), { minLength: 2, maxLength: 60 }),
        fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (points, queries) => {
          const outcomes = points.map(([, y]) => y);
          if (!outcomes.includes(true) || !outcomes.includes(false)) return;
          const cal = isotonicCalibration(points.map(([s]) => s), outcomes);
          const sorted = [...queries].sort((a, b) => a - b);
          const out = sorted.map((s) => cal.predict(s));
          for (let i = 0; i < out.length; i++) {
            expect(out[i]).toBeGreaterThanOrEqual(0);
            expect(out[i]).toBeLessThanOrEqual(1);
            if (i > 0) expect(out[i]).toBeGreaterThanOrEqual(out[i - 1] - 1e-15);
          }
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('fits the win rate exactly where it is already increasing (closed form)', () => {
    // Scores 1, 2, 3 with win rates 0, 1/2, 1: already monotone, so PAVA keeps them.
    const cal = isotonicCalibration([1, 2, 2, 3], [0, 0, 1, 1]);
    expect(cal.predict(1)).toBe(0);
    expect(cal.predict(2)).toBe(0.5);
    expect(cal.predict(2.5)).toBe(0.75);
    expect(cal.predict(9)).toBe(1);
  });

  it('survives a JSON round trip and validates saved curves', () => {
    const c = isotonic.cases[0];
    const cal = isotonicCalibration(c.scores, c.outcomes);
    const back = calibratorFromJSON(JSON.parse(JSON.stringify(cal)));
    expect(back).toBeInstanceOf(IsotonicCalibrator);
    expect(Array.from(back.predictMany(c.query))).toEqual(Array.from(cal.predictMany(c.query)));
    expect(() => IsotonicCalibrator.fromJSON({ kind: 'isotonic', x: [0, 1], y: [0.6, 0.4] })).toThrow(expect.objectContaining({ field: 'json.y[1]' }));
    expect(() => IsotonicCalibrator.fromJSON({ kind: 'isotonic', x: [1, 1], y: [0.4, 0.6] })).toThrow(expect.objectContaining({ field: 'json.x[1]' }));
    expect(() => IsotonicCalibrator.fromJSON({ kind: 'isotonic', x: [0, 1], y: [0.4, 1.6] })).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'json.y[1]' }));
    expect(() => calibratorFromJSON({ kind: 'beta' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'json.kind' }));
    expect(() => calibratorFromJSON(7)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'json' }));
  });

  it('rejects bad input naming the field', () => {
    expect(() => isotonicCalibration([0.1, 0.2, Number.NaN], [0, 1, 1])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'scores[2]' }));
    expect(() => isotonicCalibration([0.1, 0.2], [0, 0])).toThrow(expect.objectContaining({ code: 'ONE_CLASS', field: 'outcomes' }));
    expect(() => isotonicCalibration([0.1], [0, 1])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'outcomes' }));
    expect(() => isotonicCalibration([0.1, 0.2], [0, Number.NaN])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'outcomes[1]' }));
  });
});
