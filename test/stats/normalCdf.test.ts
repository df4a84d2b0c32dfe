import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erf } from '../../src/stats/erfc.js';
import { normalCdf, normalSurvival } from '../../src/stats/normalCdf.js';

// Expected values: scipy.stats.norm.cdf and .sf (scripts/fixtures/betsize.py → afml.json "normal").
const normal: { x: number; cdf: number; sf: number }[] = JSON.parse(readFileSync(new URL('../fixtures/betsize/afml.json', import.meta.url), 'utf8')).normal;

describe('normalCdf (Cody 1969 erfc)', () => {
  // In the far tails the rounding of x/√2 is amplified by x²/2 in exp(−x²/2): 1e-12 there.
  it.each(normal)('Φ($x) and 1 − Φ($x) agree with scipy to 1e-12 relative, tails included', ({ x, cdf, sf }) => {
    for (const [got, want] of [
      [normalCdf(x), cdf],
      [normalSurvival(x), sf],
    ]) {
      if (want === 0) expect(got).toBe(0);
      else expect(Math.abs(got - want) / want).toBeLessThan(Math.abs(x) > 8 ? 1e-12 : 1e-14);
    }
  });

  it('erf keeps its relative precision near 0, where 2Φ − 1 would cancel', () => {
    // erf(x) = 2x/√π (1 − x²/3 + …): at x = 1e-9 the series is exact to double precision.
    expect(erf(1e-9)).toBeCloseTo((2 * 1e-9) / Math.sqrt(Math.PI), 24);
    expect(erf(-0.3)).toBe(-erf(0.3));
  });
});
