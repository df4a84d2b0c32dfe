import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/stats/normalQuantile.js';
import { quantileSorted } from '../../src/stats/quantileSorted.js';

describe('normalQuantile', () => {
  // Expected values: Python's statistics.NormalDist().inv_cdf (Wichura's AS241, an independent algorithm).
  it.each([
    [0.975, 1.9599639845400536],
    [0.95, 1.6448536269514715],
    [0.001, -3.090232306167813],
    [0.5, 0],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8);
  });

  it('rejects 0, 1 and NaN', () => {
    for (const p of [0, 1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(expect.objectContaining({ field: 'p' }));
  });
});

describe('quantileSorted', () => {
  it('interpolates like R type 7 (quantile(c(1,2,3,4), c(.5,.25)) = 2.5, 1.75)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([7], 0.9)).toBe(7);
  });
});

describe('quantileSorted with a map', () => {
  it('interpolates between the mapped order statistics (wealth from sorted log wealth)', () => {
    const logs = [0, Math.log(2), Math.log(4)];
    // h = 2 × 0.25 = 0.5: halfway between e^0 = 1 and e^ln2 = 2.
    expect(quantileSorted(logs, 0.25, Math.exp)).toBeCloseTo(1.5, 14);
    expect(quantileSorted(logs, 1, Math.exp)).toBeCloseTo(4, 14);
  });
});
