import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { kellyCriterion } from '../../src/kelly/kellyCriterion.js';
import { simulate } from '../../src/montecarlo/simulate.js';
import { probabilityKelly } from '../../src/probability/probabilityKelly.js';
import { WinRatePosterior } from '../../src/probability/WinRatePosterior.js';
import { logGamma } from '../../src/stats/logGamma.js';

/** Binomial(n, p) probabilities, in log space so that large n does not underflow. */
function binomialPmf(n: number, p: number): number[] {
  return Array.from({ length: n + 1 }, (_, x) =>
    Math.exp(logGamma(n + 1) - logGamma(x + 1) - logGamma(n - x + 1) + x * Math.log(p) + (n - x) * Math.log1p(-p)),
  );
}

describe('probabilityKelly', () => {
  it('equals kellyCriterion for a bare probability (not shrunk)', () => {
    for (const [p, w, l] of [[0.55, 0.032, 0.018], [0.6, 1, 1], [0.3, 0.02, 0.02], [0, 1, 1]]) {
      const k = probabilityKelly({ probability: p, winReturn: w, lossReturn: l });
      expect(k).toEqual({ ...kellyCriterion({ winProbability: p, winReturn: w, lossReturn: l }), winProbability: p, probabilityVariance: 0 });
      expect(k.shrinkage).toBeUndefined();
    }
  });

  it('shrinks by k = (f² + σ²)/(f² + 2σ²), or f²/(f² + σ²) with the plug-in, for a Beta(13, 9) posterior (closed form)', () => {
    // Posterior mean 13/22, Kelly exposure of an even-money bet f = 2p − 1 = 2/11;
    // Var p = 13·9/(22²·23), σ² = (1 + 1)²·Var p.
    const f = 2 / 11;
    const s2 = (4 * 13 * 9) / (22 * 22 * 23);
    const post = new WinRatePosterior().updateCounts(12, 8);
    const k = probabilityKelly({ probability: post, winReturn: 1, lossReturn: 1 });
    expect(k.shrinkage).toBeCloseTo((f * f + s2) / (f * f + 2 * s2), 14);
    expect(k.exposure).toBeCloseTo(k.shrinkage! * f, 14);
    expect(k.riskFraction).toBeCloseTo(k.exposure, 14);
    expect(k.kellyMultiple).toBe(k.shrinkage);
    expect(k.winProbability).toBe(13 / 22);
    const plug = probabilityKelly({ probability: post, winReturn: 1, lossReturn: 1 }, { method: 'plugIn' });
    expect(plug.shrinkage).toBeCloseTo((f * f) / (f * f + s2), 14);
    // growth at the mean probability: p ln(1 + f) + q ln(1 − f)
    expect(k.growthRate).toBeCloseTo((13 / 22) * Math.log1p(k.exposure) + (9 / 22) * Math.log1p(-k.exposure), 14);
  });

  it('treats a number with observations as an estimate with variance p(1 − p)/n', () => {
    const p = 0.55;
    const n = 40;
    const s2 = (1 / 0.018 + 1 / 0.032) ** 2 * ((p * (1 - p)) / n);
    const f = kellyCriterion({ winProbability: p, winReturn: 0.032, lossReturn: 0.018 }).exposure;
    const k = probabilityKelly({ probability: p, winReturn: 0.032, lossReturn: 0.018 }, { observations: n, method: 'plugIn' });
    expect(k.shrinkage).toBeCloseTo((f * f) / (f * f + s2), 14);
  });

  it('takes an ensemble’s spread² as the variance of a bare probability', () => {
    const s2 = (1 / 0.018 + 1 / 0.032) ** 2 * 0.05 ** 2;
    const f = kellyCriterion({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 }).exposure;
    const k = probabilityKelly({ probability: 0.55, winReturn: 0.032, lossReturn: 0.018 }, { variance: 0.05 ** 2 });
    expect(k.shrinkage).toBeCloseTo((f * f + s2) / (f * f + 2 * s2), 14);
    expect(k.probabilityVariance).toBe(0.05 ** 2);
    expect(probabilityKelly({ probability: 0.55, winReturn: 0.032, lossReturn: 0.018 }, { variance: 0 }).shrinkage).toBe(1);
  });

  it('takes estimateEdge’s winRatePosterior as it is', () => {
    const trades = [0.02, -0.01, 0.03, -0.015, 0.01, -0.02, 0.025, 0.012].map((returnFraction) => ({ returnFraction }));
    const edge = estimateEdge(trades);
    const k = probabilityKelly({ probability: edge.winRatePosterior, winReturn: edge.avgWin, lossReturn: edge.avgLoss });
    const same = probabilityKelly({ probability: WinRatePosterior.from(edge.winRatePosterior), winReturn: edge.avgWin, lossReturn: edge.avgLoss });
    expect(k).toEqual(same);
    expect(k.shrinkage).toBeGreaterThan(0);
    expect(k.shrinkage).toBeLessThan(1);
  });

  it('reports shrinkage 1 and exposure 0 without an edge', () => {
    const k = probabilityKelly({ probability: new WinRatePosterior().updateCounts(3, 9), winReturn: 1, lossReturn: 1 });
    expect(k.exposure).toBe(0);
    expect(k.shrinkage).toBe(1);
  });

  it('has a shrinkage in (0, 1] that rises with evidence at the same win rate (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.integer({ min: 2, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom<'posterior' | 'plugIn'>('posterior', 'plugIn'),
        (mean, payoff, n, more, method) => {
          const edge = { winReturn: payoff * 0.01, lossReturn: 0.01 };
          const at = (count: number) => probabilityKelly({ probability: { alpha: mean * count, beta: (1 - mean) * count }, ...edge }, { method });
          const [small, large] = [at(n), at(n + more)];
          for (const k of [small, large]) {
            expect(k.shrinkage).toBeGreaterThan(0);
            expect(k.shrinkage).toBeLessThanOrEqual(1);
            expect(k.exposure).toBeGreaterThanOrEqual(0);
            expect(k.exposure).toBeLessThanOrEqual(kellyCriterion({ winProbability: mean, ...edge }).exposure * (1 + 1e-12));
          }
          expect(large.shrinkage!).toBeGreaterThanOrEqual(small.shrinkage! - 1e-12);
          const byObservations = (count: number) => probabilityKelly({ probability: mean, ...edge }, { observations: count, method }).shrinkage!;
          expect(byObservations(n + more)).toBeGreaterThanOrEqual(byObservations(n) - 1e-12);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('beats plain Kelly at the estimated probability out of sample when p comes from 20 trades (simulate, common random numbers)', async () => {
    // A bettor sees n = 20 trades of an even-money bet that truly wins 60 % of the time (Kelly
    // exposure 0.2), forms the uniform-prior posterior, and bets either plain Kelly at its
    // mean or the shrunk Kelly. Expected out-of-sample growth per trade of each rule =
    // Σₓ Binomial(x; 20, 0.6) · g(exposure(x)), with g simulated by the project's Monte Carlo
    // on the true model, every exposure on the same draws.
    const truth = { winProbability: 0.6, winReturn: 1, lossReturn: 1 };
    const n = 20;
    const pmf = binomialPmf(n, truth.winProbability);
    const rules = Array.from({ length: n + 1 }, (_, x) => {
      const posterior = new WinRatePosterior().updateCounts(x, n - x);
      return {
        plain: kellyCriterion({ ...truth, winProbability: posterior.mean }).exposure,
        shrunk: probabilityKelly({ probability: posterior, winReturn: 1, lossReturn: 1 }).exposure,
      };
    });
    const exposures = [...new Set(rules.flatMap((r) => [r.plain, r.shrunk]).filter((f) => f > 0))];
    const paths = 4000;
    const trades = 250;
    const sim = await simulate({ kind: 'binary', ...truth }, { exposures, paths, trades, seed: 20260411, workers: 0 });
    const growth = new Map(sim.outcomes.map((o) => [o.exposure, o.growthPerTrade]));
    // Tolerance: growthPerTrade is a mean of paths × trades iid log returns, so its standard
    // error is sd(ln step)/√(paths·trades), sd = √(pq)·|ln(1 + f) − ln(1 − f)|. The error of an
    // expectation over x is at most the pmf-weighted sum of those; we allow 5 of them.
    const se = (f: number) => (Math.sqrt(0.24) * Math.abs(Math.log1p(f) - Math.log1p(-f))) / Math.sqrt(paths * trades);
    const exact = (f: number) => (f === 0 ? 0 : 0.6 * Math.log1p(f) + 0.4 * Math.log1p(-f));
    let plain = 0;
    let shrunk = 0;
    let plainExact = 0;
    let shrunkExact = 0;
    let tolerance = 0;
    rules.forEach((r, x) => {
      plain += pmf[x] * (r.plain > 0 ? growth.get(r.plain)! : 0);
      shrunk += pmf[x] * (r.shrunk > 0 ? growth.get(r.shrunk)! : 0);
      plainExact += pmf[x] * exact(r.plain);
      shrunkExact += pmf[x] * exact(r.shrunk);
      tolerance += pmf[x] * 5 * (se(r.plain) + se(r.shrunk));
    });
    // The simulation agrees with the closed form g(f) = p ln(1 + f) + q ln(1 − f) …
    expect(Math.abs(plain - plainExact)).toBeLessThan(tolerance);
    expect(Math.abs(shrunk - shrunkExact)).toBeLessThan(tolerance);
    // … and the shrunk bet grows faster by more than that tolerance (closed form: 0.00654 vs 0.00404 per trade).
    expect(shrunk - plain).toBeGreaterThan(tolerance);
    expect(shrunkExact).toBeGreaterThan(plainExact);
  });

  /** Expected out-of-sample growth per trade of a rule, Σₓ Binomial(x; n, p)·g(exposure(x)), in closed form. */
  function expectedGrowth(p: number, w: number, l: number, n: number, exposure: (posterior: WinRatePosterior) => number): number {
    const pmf = binomialPmf(n, p);
    let sum = 0;
    for (let x = 0; x <= n; x++) {
      const f = exposure(new WinRatePosterior().updateCounts(x, n - x));
      sum += pmf[x] * (f === 0 ? 0 : p * Math.log1p(f * w) + (1 - p) * Math.log1p(-f * l));
    }
    return sum;
  }

  it.each([
    // [p, winReturn, lossReturn, n, plain, posterior, plug-in] — the table in docs/probability.md
    [0.6, 1, 1, 20, 0.00404, 0.00654, 0.00528],
    [0.55, 1, 1, 50, -0.00128, 0.0003, 0.00008],
    [0.5, 0.032, 0.018, 10, 0.01136, 0.01573, 0.01291],
    [0.7, 1, 1, 20, 0.06145, 0.05853, 0.05532],
    [0.55, 0.032, 0.018, 20, 0.05385, 0.05243, 0.04937],
  ])('expected growth, p = %f, win %f, loss %f, %i trades: plain %f, posterior %f, plug-in %f (closed form, as documented)', (p, w, l, n, plain, posterior, plugIn) => {
    const bet = { winReturn: w, lossReturn: l };
    expect(expectedGrowth(p, w, l, n, (post) => kellyCriterion({ winProbability: post.mean, ...bet }).exposure)).toBeCloseTo(plain, 5);
    expect(expectedGrowth(p, w, l, n, (post) => probabilityKelly({ probability: post, ...bet }).exposure)).toBeCloseTo(posterior, 5);
    expect(expectedGrowth(p, w, l, n, (post) => probabilityKelly({ probability: post, ...bet }, { method: 'plugIn' }).exposure)).toBeCloseTo(plugIn, 5);
  });

  it('costs little once the edge is well measured: 2000 trades, shrinkage above 0.97 (closed form)', () => {
    const n = 2000;
    const pmf = binomialPmf(n, 0.6);
    let plain = 0;
    let shrunk = 0;
    for (let x = 0; x <= n; x++) {
      const post = new WinRatePosterior().updateCounts(x, n - x);
      const g = (f: number) => (f === 0 ? 0 : 0.6 * Math.log1p(f) + 0.4 * Math.log1p(-f));
      plain += pmf[x] * g(kellyCriterion({ winProbability: post.mean, winReturn: 1, lossReturn: 1 }).exposure);
      shrunk += pmf[x] * g(probabilityKelly({ probability: post, winReturn: 1, lossReturn: 1 }).exposure);
    }
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    const atTruth = probabilityKelly({ probability: new WinRatePosterior().updateCounts(1200, 800), winReturn: 1, lossReturn: 1 });
    expect(atTruth.shrinkage).toBeGreaterThan(0.97);
    expect(Math.abs(shrunk - plain)).toBeLessThan(0.02 * plain);
  });

  it('rejects bad input naming the field', () => {
    const edge = { winReturn: 0.03, lossReturn: 0.02 };
    expect(() => probabilityKelly({ probability: 1.2, ...edge })).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'input.probability' }));
    expect(() => probabilityKelly({ probability: Number.NaN, ...edge })).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'input.probability' }));
    expect(() => probabilityKelly({ probability: 1, ...edge })).toThrow(expect.objectContaining({ code: 'NO_LOSSES', field: 'input.probability' }));
    expect(() => probabilityKelly({ probability: { alpha: 0, beta: 2 }, ...edge })).toThrow(expect.objectContaining({ field: 'input.probability.alpha' }));
    expect(() => probabilityKelly({ probability: 'x' as unknown as number, ...edge })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'input.probability' }));
    expect(() => probabilityKelly({ probability: 0.6, winReturn: 0, lossReturn: 0.02 })).toThrow(expect.objectContaining({ field: 'input.winReturn' }));
    expect(() => probabilityKelly({ probability: 0.6, winReturn: 0.03, lossReturn: -1 })).toThrow(expect.objectContaining({ field: 'input.lossReturn' }));
    expect(() => probabilityKelly({ probability: 0.6, ...edge }, { observations: 0 })).toThrow(expect.objectContaining({ field: 'options.observations' }));
    expect(() => probabilityKelly({ probability: { alpha: 2, beta: 2 }, ...edge }, { observations: 5 })).toThrow(expect.objectContaining({ field: 'options.observations' }));
    expect(() => probabilityKelly({ probability: 0.6, ...edge }, { observations: 5, variance: 0.01 })).toThrow(expect.objectContaining({ field: 'options.variance' }));
    expect(() => probabilityKelly({ probability: 0.6, ...edge }, { variance: 0.3 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.variance' }));
    expect(() => probabilityKelly({ probability: { alpha: 2, beta: 2 }, ...edge }, { variance: 0.01 })).toThrow(expect.objectContaining({ field: 'options.variance' }));
    expect(() => probabilityKelly({ probability: 0.6, ...edge }, { method: 'exact' as 'plugIn' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.method' }));
    expect(() => probabilityKelly({ probability: 0.6, ...edge, fee: 1 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'input.fee' }));
    expect(() => probabilityKelly(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'input' }));
  });
});
