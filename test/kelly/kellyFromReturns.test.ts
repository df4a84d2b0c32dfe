import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kellyCriterion, kellyFromReturns } from '../../src/kelly/index.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';

/** Independent oracle: mean ln(1 + f·r) maximised on a fine grid, then refined by golden section. */
function bruteForce(returns: number[]): number {
  const worst = Math.min(...returns);
  const fMax = (-1 / worst) * (1 - 1e-9);
  const g = (f: number) => returns.reduce((s, r) => s + Math.log(1 + f * r), 0) / returns.length;
  let best = 0;
  for (let i = 0; i <= 2000; i++) if (g((fMax * i) / 2000) > g(best)) best = (fMax * i) / 2000;
  let lo = Math.max(0, best - fMax / 2000);
  let hi = Math.min(fMax, best + fMax / 2000);
  for (let i = 0; i < 200; i++) {
    const a = lo + (hi - lo) / 3;
    const b = hi - (hi - lo) / 3;
    if (g(a) < g(b)) lo = a;
    else hi = b;
  }
  return (lo + hi) / 2;
}

describe('kellyFromReturns', () => {
  it('equals the binary closed form on a sample that is a binary bet', () => {
    const sample = [0.032, 0.032, 0.032, -0.018, -0.018]; // p = 0.6
    const k = kellyFromReturns(sample);
    expect(k.exposure).toBeCloseTo(kellyCriterion({ winProbability: 0.6, winReturn: 0.032, lossReturn: 0.018 }).exposure, 9);
  });

  it('matches a brute-force maximisation of the mean log growth on random samples', () => {
    const rng = new Xoshiro128(11);
    for (let t = 0; t < 5; t++) {
      const sample = Array.from({ length: 200 }, () => (rng.nextFloat() - 0.45) * 0.1);
      const k = kellyFromReturns(sample);
      const oracle = bruteForce(sample);
      expect(Math.abs(k.exposure - oracle)).toBeLessThan(1e-6 * Math.max(1, oracle));
    }
  });

  it('gives mean ÷ variance with method gaussian (Thorp 2006, eq. 7.3)', () => {
    const sample = [0.05, -0.02, 0.03, -0.01, 0.04];
    const mean = 0.018;
    const variance = sample.reduce((s, r) => s + (r - mean) ** 2, 0) / sample.length;
    expect(kellyFromReturns(sample, { method: 'gaussian' }).exposure).toBeCloseTo(mean / variance, 10);
  });

  it('returns 0 for a sample with no positive mean (property)', () => {
    // Losses smaller than ~1e-300 have no finite Kelly exposure and are refused (tested apart).
    const ret = fc.double({ min: -0.5, max: 0.5, noNaN: true }).map((x) => (Math.abs(x) < 1e-300 ? 0 : x));
    fc.assert(
      fc.property(fc.array(ret, { minLength: 1, maxLength: 50 }), (xs) => {
        const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
        const hasLoss = xs.some((x) => x < 0);
        if (mean > 0 && !hasLoss) return true;
        return (kellyFromReturns(xs).exposure === 0) === (mean <= 0);
      }),
    );
  });

  it('refuses a sample without losses, empty samples, NaN and returns ≤ −100 %', () => {
    expect(() => kellyFromReturns([0.01, 0.02])).toThrow(expect.objectContaining({ code: 'NO_LOSSES', field: 'returns' }));
    expect(() => kellyFromReturns([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'returns' }));
    expect(() => kellyFromReturns([0.01, Number.NaN])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'returns[1]' }));
    expect(() => kellyFromReturns([0.01, -1])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'returns[1]' }));
    expect(() => kellyFromReturns([0.01, -0.01], { method: 'median' as never })).toThrow(expect.objectContaining({ field: 'options.method' }));
  });
});
