// A Kelly base shrunk for the uncertainty in p (probabilityKelly, a WinRatePosterior), through the public API only.
import { describe, expect, it } from 'vitest';
import { createSizer, estimateEdge, fractionalKelly, kellyCriterion, probabilityKelly, WinRatePosterior } from '../../src/index.js';

const W = 0.032;
const L = 0.018;
const account = { balance: '100000', price: '250', lotStep: '1' };
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Baker & McHale's shrinkage with the posterior expectation of f*² (docs/probability.md):
 * f̂ = p/L − q/W, σ² = (1/L + 1/W)² · Var p, k = (f̂² + σ²) / (f̂² + 2σ²). Returns k and the
 * full-Kelly exposure f̂.
 */
function shrinkage(p: number, varianceOfP: number): { k: number; f: number } {
  const f = p / L - (1 - p) / W;
  const sigma2 = (1 / L + 1 / W) ** 2 * varianceOfP;
  return { k: (f * f + sigma2) / (f * f + 2 * sigma2), f };
}

describe('a Kelly base shrunk for the uncertainty in p', () => {
  // 26 wins and 18 losses on a uniform prior: Beta(27, 19), mean 27/46, variance αβ/((α+β)²(α+β+1)).
  const posterior = new WinRatePosterior().updateCounts(26, 18);
  const beta = { p: 27 / 46, variance: (27 * 19) / (46 * 46 * 47) };

  it('sizes a binary edge whose win probability is a posterior with probabilityKelly, and says by how much it shrank', () => {
    const { k, f } = shrinkage(beta.p, beta.variance);
    const d = createSizer().size({ ...account, edge: { winProbability: posterior, winReturn: W, lossReturn: L } });
    // base = 0.25 × k·f̂ × L (risk = exposure × lossReturn)
    expect(d.factors[0].value).toBeCloseTo(0.25 * k * f * L, 15);
    expect(d.factors[0].reason).toBe(
      `0.25 × Kelly risk ${(k * f * L * 100).toFixed(2)} % (full Kelly ${(f * L * 100).toFixed(2)} % shrunk ×${round4(k)} ` +
        `for uncertainty in p from a Beta(27, 19) posterior, p = ${round4(beta.p)}, sd ${round4(Math.sqrt(beta.variance))})`,
    );
    // The saved form an EdgeEstimate carries works the same.
    const same = createSizer().size({ ...account, edge: { winProbability: { alpha: 27, beta: 19, mean: 27 / 46 }, winReturn: W, lossReturn: L } });
    expect(same.factors[0]).toEqual(d.factors[0]);
  });

  it('takes probabilityKelly\'s result itself as the base', () => {
    // A bare probability from 44 trades: Var p = p(1 − p)/44.
    const p = 0.59;
    const { k, f } = shrinkage(p, (p * (1 - p)) / 44);
    const kelly = probabilityKelly({ probability: p, winReturn: W, lossReturn: L }, { observations: 44 });
    const d = createSizer().size({ ...account, edge: kelly });
    expect(d.factors[0].value).toBeCloseTo(0.25 * k * f * L, 15);
    expect(d.factors[0].reason).toBe(
      `0.25 × Kelly risk ${(k * f * L * 100).toFixed(2)} % of the Kelly result (full Kelly ${(f * L * 100).toFixed(2)} % shrunk ×${round4(k)} ` +
        `for uncertainty in p = 0.59, sd ${round4(Math.sqrt((p * (1 - p)) / 44))})`,
    );
    expect(d.usedFallback).toBe(false);
  });

  it('says "shrunk ×k for uncertainty in p from n trades" for a shrunk Kelly in an EdgeEstimate', () => {
    const { k, f } = shrinkage(beta.p, beta.variance);
    const kelly = probabilityKelly({ probability: posterior, winReturn: W, lossReturn: L });
    const d = createSizer().size({ ...account, edge: { trades: 44, reliable: true, expectancy: kelly.edge, avgLoss: L, kelly } });
    expect(d.factors[0].value).toBeCloseTo(0.25 * k * f * L, 15);
    expect(d.factors[0].reason).toContain(`shrunk ×${round4(k)} for uncertainty in p from 44 trades`);
  });

  it('says when a Kelly result is already a fraction of full Kelly, instead of calling it full', () => {
    // Full Kelly risk of the bet: p − q/b = 0.55 − 0.45 / (0.032/0.018) = 0.296875 (Thorp 2006).
    const half = fractionalKelly(kellyCriterion({ winProbability: 0.55, winReturn: W, lossReturn: L }), { fraction: 0.5 });
    const d = createSizer().size({ ...account, edge: half });
    expect(d.factors[0].value).toBeCloseTo(0.25 * 0.5 * 0.296875, 15);
    expect(d.factors[0].reason).toBe('0.25 × Kelly risk 14.84 % of the Kelly result (already ×0.5 of full Kelly 29.69 %)');
  });

  it('keeps the plain reason for an unshrunk estimate', () => {
    const trades = Array.from({ length: 60 }, (_, i) => ({ returnFraction: i % 5 < 3 ? 0.032 : -0.018 }));
    const d = createSizer().size({ ...account, edge: estimateEdge(trades) });
    // Win rate 0.6, payoff 0.032/0.018: Kelly risk 0.6 − 0.4/1.7778 = 0.375.
    expect(d.factors[0].reason).toBe('0.25 × full Kelly risk 37.50 % from 60 trades');
  });

  it('sizes nothing when the posterior mean has no edge', () => {
    const d = createSizer().size({ ...account, edge: { winProbability: new WinRatePosterior().updateCounts(10, 20), winReturn: W, lossReturn: L } });
    expect(d.riskFraction).toBe(0);
    expect(d.factors[0].reason).toMatch(/^no edge \(p from a Beta\(11, 21\) posterior/);
  });
});
