import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilderAverage } from '../../src/stats/wilderAverage.js';

describe('wilderAverage', () => {
  it('seeds with the simple mean of the first period values, then smooths with α = 1/period (hand-worked)', () => {
    const a = wilderAverage([1, 2, 3, 4, 5], 3);
    expect(Number.isNaN(a[0]) && Number.isNaN(a[1])).toBe(true);
    expect(a[2]).toBe(2); // (1 + 2 + 3) / 3
    expect(a[3]).toBeCloseTo(8 / 3, 15); // (2·2 + 4) / 3
    expect(a[4]).toBeCloseTo(31 / 9, 15); // (2·8/3 + 5) / 3
  });

  it('starts where told: the first value at start + period − 1 reads nothing before start', () => {
    const a = wilderAverage([1000, 4, 6, 8], 2, 1);
    expect(Array.from(a.subarray(0, 2)).every(Number.isNaN)).toBe(true);
    expect(a[2]).toBe(5); // (4 + 6) / 2
    expect(a[3]).toBe(6.5); // (5 + 8) / 2
    expect(Array.from(wilderAverage([1, 2], 3)).every(Number.isNaN)).toBe(true); // never warm
  });

  it('equals its closed form: the seed weighted (1 − 1/p)^k plus the later values weighted (1/p)(1 − 1/p)^(t−j)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (xs, p) => {
        const a = wilderAverage(xs, p);
        const q = 1 - 1 / p;
        for (let t = p - 1; t < xs.length; t++) {
          let expected = (xs.slice(0, p).reduce((s, x) => s + x, 0) / p) * q ** (t - p + 1);
          for (let j = p; j <= t; j++) expected += (xs[j] / p) * q ** (t - j);
          expect(Math.abs(a[t] - expected)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(expected)));
        }
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});
