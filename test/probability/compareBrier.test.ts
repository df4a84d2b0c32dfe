import { describe, expect, it } from 'vitest';
import { compareBrier } from '../../src/probability/compareBrier.js';

describe('compareBrier', () => {
  it('gives the mean paired difference of squared errors and its standard error (by hand)', () => {
    // d = (0.01 − 0.25, 0.04 − 0.25, 0.09 − 0.25) = (−0.24, −0.21, −0.16): mean −0.61/3,
    // sample sd = √(Σ(d − mean)²/2), SE = sd/√3.
    const r = compareBrier([0.9, 0.2, 0.7], [0.5, 0.5, 0.5], [1, 0, 1]);
    const d = [-0.24, -0.21, -0.16];
    const mean = (d[0] + d[1] + d[2]) / 3;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
    expect(r.difference).toBeCloseTo(mean, 15);
    expect(r.standardError).toBeCloseTo(sd / Math.sqrt(3), 15);
    expect(r.z).toBeCloseTo(mean / (sd / Math.sqrt(3)), 12);
    expect(r.count).toBe(3);
  });

  it('is 0 with z 0 for identical forecasts', () => {
    expect(compareBrier([0.3, 0.6], [0.3, 0.6], [0, 1])).toEqual({ difference: 0, standardError: 0, z: 0, count: 2 });
  });

  it('rejects bad input naming the field', () => {
    expect(() => compareBrier([0.3, 1.6], [0.3, 0.6], [0, 1])).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'a[1]' }));
    expect(() => compareBrier([0.3, 0.6], [0.3], [0, 1])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'b' }));
    expect(() => compareBrier([0.3, 0.6], [0.3, 0.5], [0])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'outcomes' }));
    expect(() => compareBrier([0.3], [0.3], [1])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'outcomes' }));
    expect(() => compareBrier([0.3, 0.4], [0.3, Number.NaN], [1, 0])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'b[1]' }));
  });
});
