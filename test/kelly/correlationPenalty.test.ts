import { describe, expect, it } from 'vitest';
import { correlationPenalty, portfolioKelly } from '../../src/index.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';

/** Daily returns: a common factor (1 %) with loading `beta`, own noise (`idio`), and a drift, from a seeded stream. */
function assets(betas: number[], drift: number[], days: number, seed: number, idio = 0.01): number[][] {
  const rng = new Xoshiro128(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  const out = betas.map(() => new Array<number>(days));
  for (let t = 0; t < days; t++) {
    const market = 0.01 * normal();
    betas.forEach((b, i) => (out[i][t] = drift[i] + b * market + idio * normal()));
  }
  return out;
}

describe('correlationPenalty', () => {
  it('is 1 − joint ÷ standalone Kelly weight, each from portfolioKelly with the same options', () => {
    const r = assets([1, 1, 0.2], [0.0006, 0.0005, 0.0004], 1500, 3);
    const c = correlationPenalty(r, 0, { longOnly: true, name: 'A' });
    const joint = portfolioKelly(r, { longOnly: true }).weights[0];
    const alone = portfolioKelly([r[0]], { longOnly: true }).weights[0];
    expect(c.jointWeight).toBe(joint);
    expect(c.standaloneWeight).toBe(alone);
    expect(c.penalty).toBeCloseTo(Math.min(1, Math.max(0, 1 - joint / alone)), 12);
    expect(c.reason).toMatch(/^A: Kelly weight \d+\.\d\d with the other 2 assets vs \d+\.\d\d alone/);
  });

  it('penalises an asset that moves with the book more than one that does not', () => {
    // A and B share one factor; C is independent of it. Drifts far above the sampling noise of the
    // means (≈ 1.6e-4 over 5,000 days), so correlation is what differs.
    const r = assets([1, 1, 0], [0.002, 0.002, 0.002], 5000, 11, 0.005);
    const correlated = correlationPenalty(r, 0, { longOnly: true });
    const independent = correlationPenalty(r, 2, { longOnly: true });
    expect(correlated.penalty).toBeGreaterThan(0.3);
    expect(independent.penalty).toBeLessThan(0.1);
    for (const c of [correlated, independent]) expect(c.penalty).toBeGreaterThanOrEqual(0);
  });

  it('is 1 when the portfolio bets against the asset, and 0 without a standalone edge', () => {
    const r = assets([1, 1], [0.002, -0.002], 5000, 5, 0.005);
    const loser = correlationPenalty(r, 1, { longOnly: true, name: 'B' });
    expect(loser.standaloneWeight).toBe(0); // negative drift: no long-only Kelly weight alone
    expect(loser.penalty).toBe(0);
    expect(loser.reason).toContain('no Kelly weight on its own');
    // A and B carry the same factor, B with the larger drift: with shorts allowed the optimum is long B,
    // short A, though A alone is worth a long position.
    const dominated = assets([1, 1], [0.0005, 0.002], 5000, 8, 0.003);
    const a = correlationPenalty(dominated, 0, { name: 'A' });
    expect(a.standaloneWeight).toBeGreaterThan(0);
    expect(a.jointWeight).toBeLessThan(0);
    expect(a.penalty).toBe(1);
    expect(a.reason).toContain('full penalty');
  });

  it('refuses an asset index outside the series and bad options', () => {
    const r = assets([1, 0.5], [0.0005, 0.0004], 300, 2);
    expect(() => correlationPenalty(r, 2)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'asset' }));
    expect(() => correlationPenalty(r, 0.5)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'asset' }));
    expect(() => correlationPenalty(r, 0, { fraction: 0.5 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.fraction' }));
    expect(() => correlationPenalty(r, 0, { name: 3 as never })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.name' }));
    expect(() => correlationPenalty(null as never, 0)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'returns' }));
  });
});
