import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { betaQuantile } from '../../src/stats/betaQuantile.js';
import { logGamma } from '../../src/stats/logGamma.js';
import { regularizedBeta } from '../../src/stats/regularizedBeta.js';

// Expected values: scipy.stats.beta.ppf / beta.cdf (SciPy 1.10), scripts/fixtures/probability.py.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/probability/beta.json', import.meta.url), 'utf8')) as {
  rows: { alpha: number; beta: number; q?: number; x?: number; ppf?: number; cdf: number | null }[];
};

describe('logGamma', () => {
  it('equals ln (n − 1)! at integers and ln √π at ½ (closed forms)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 11);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
});

describe('regularizedBeta', () => {
  it.each(fixture.rows.filter((r) => r.x !== undefined).map((r) => [r.alpha, r.beta, r.x as number, r.cdf as number]))(
    'I_x(%f, %f) at x = %f matches scipy.stats.beta.cdf',
    (a, b, x, cdf) => {
      expect(Math.abs(regularizedBeta(x, a, b) - cdf)).toBeLessThanOrEqual(1e-12 + 1e-10 * cdf);
    },
  );
});

describe('betaQuantile', () => {
  it.each(fixture.rows.filter((r) => r.q !== undefined).map((r) => [r.alpha, r.beta, r.q as number, r.ppf as number]))(
    'Beta(%f, %f) quantile %f matches scipy.stats.beta.ppf to 1e-9 relative',
    (a, b, q, ppf) => {
      const x = betaQuantile(q, a, b);
      expect(Math.abs(x - ppf)).toBeLessThanOrEqual(1e-9 * Math.max(ppf, 1e-300));
    },
  );

  it('returns the ends at q = 0 and 1 and rejects bad arguments by name', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(() => betaQuantile(Number.NaN, 2, 3)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'q' }));
    expect(() => betaQuantile(0.5, 0, 3)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'a' }));
    expect(() => betaQuantile(0.5, 2, -1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'b' }));
    expect(() => betaQuantile(1.5, 2, 3)).toThrow(expect.objectContaining({ field: 'q' }));
  });
});
