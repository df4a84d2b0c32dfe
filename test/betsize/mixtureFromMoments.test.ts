import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mixtureFromMoments } from '../../src/index.js';
import { ef3mStep } from '../../src/betsize/ef3mStep.js';
import { mixtureMoments } from '../../src/betsize/mixture.js';
import { expectAllClose } from './close.js';

// Fixtures: scripts/fixtures/betsize.py → test/fixtures/betsize/ef3m.json.
const ef3m = JSON.parse(readFileSync(new URL('../fixtures/betsize/ef3m.json', import.meta.url), 'utf8'));
const asMixture = ([mu1, mu2, sigma1, sigma2, p1]: number[]) => ({ mu1, mu2, sigma1, sigma2, p1 });
const fits = ef3m.fits as { mixture: number[]; moments: number[]; ef3mOnlyError: number }[];

describe('the EF3M pieces', () => {
  it("one five-moment step reproduces mlfinlab's published iter_5_jit output (tests/test_ef3m.py, test_ef3m_variant_2)", () => {
    const { mu2, p1, moments, published } = ef3m.step5;
    const m = ef3mStep(mu2, p1, moments)!;
    expectAllClose([m.mu1, m.mu2, m.sigma1, m.sigma2, m.p1], published, 1e-12);
  });

  it("the moments of a mixture match mlfinlab's TestM2NGetMoments case (eqs. 6–10, evaluated in the script)", () => {
    expectAllClose(mixtureMoments(asMixture(ef3m.moments.mixture)), ef3m.moments.value, 1e-14);
  });
});

describe('mixtureFromMoments', () => {
  it.each(fits)('recovers the mixture $mixture from its five moments to 1e-9 (issue: 1e-3)', ({ mixture, moments }) => {
    const fit = mixtureFromMoments(moments);
    expect(fit.momentError).toBeLessThan(1e-9);
    expectAllClose(mixtureMoments(fit), moments, 1e-9);
    // Component 1 is the one with the lower mean; these mixtures are identifiable, so the parameters return.
    const want = asMixture(mixture);
    const ordered = want.mu1 <= want.mu2 ? want : { mu1: want.mu2, mu2: want.mu1, sigma1: want.sigma2, sigma2: want.sigma1, p1: 1 - want.p1 };
    expectAllClose([fit.mu1, fit.mu2, fit.sigma1, fit.sigma2, fit.p1], [ordered.mu1, ordered.mu2, ordered.sigma1, ordered.sigma2, ordered.p1], 1e-6);
  });

  it('the EF3M loop alone stops short of 1e-3 on most of these; the polish is what reaches it', () => {
    // The script's independent rendition of mlfinlab's loop misses by 5e-3 to 0.5 on the same mixtures
    // (ef3m.json "ef3mOnlyError"), as the issue reports for mlfinlab (about 1e-2).
    const alone = fits.map((f) => mixtureFromMoments(f.moments, { refine: false }).momentError);
    const scripted = fits.map((f) => f.ef3mOnlyError);
    expect(alone.filter((e) => e > 1e-3).length).toBeGreaterThanOrEqual(4);
    expect(scripted.filter((e) => e > 1e-3).length).toBeGreaterThanOrEqual(4);
    for (const f of fits) expect(mixtureFromMoments(f.moments).momentError).toBeLessThan(1e-9);
  });

  it('gives the same mixture for the same seed', () => {
    const a = mixtureFromMoments(fits[1].moments, { seed: 5, refine: false });
    expect(mixtureFromMoments(fits[1].moments, { seed: 5, refine: false })).toEqual(a);
  });

  it('refuses fewer than five moments, a variance ≤ 0, negative even moments and bad options', () => {
    expect(() => mixtureFromMoments([0.7, 2.6, 0.4, 25])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'moments' }));
    expect(() => mixtureFromMoments([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'moments' }));
    expect(() => mixtureFromMoments([1, 1, 1, 1, 1])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'moments[1]' }));
    expect(() => mixtureFromMoments([0, 1, 0, -3, 0])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'moments[3]' }));
    expect(() => mixtureFromMoments([0.7, 2.6, Number.NaN, 25, -59.8])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'moments[2]' }));
    expect(() => mixtureFromMoments(fits[0].moments, { runs: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.runs' }));
    expect(() => mixtureFromMoments(fits[0].moments, { runs: 1000, gridPoints: 1000, maxIterations: 1000 })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.maxIterations' }),
    );
    expect(() => mixtureFromMoments(fits[0].moments, { refine: 'yes' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.refine' }));
    expect(() => mixtureFromMoments(fits[0].moments, { variant: 2 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.variant' }));
  });
});
