import { describe, expect, it } from 'vitest';
import { portfolioGrowth } from '../../src/index.js';

describe('portfolioGrowth', () => {
  it('is the mean log growth of the weighted daily returns (closed form)', () => {
    // Day 0: 0.5·0.1 + 0.5·0.02 = 0.06; day 1: 0.5·(−0.05) + 0.5·0.01 = −0.02.
    const g = portfolioGrowth([[0.1, -0.05], [0.02, 0.01]], [0.5, 0.5]);
    expect(g.growthRate).toBeCloseTo((Math.log(1.06) + Math.log(0.98)) / 2, 15);
    expect(g.worstDay).toBeCloseTo(-0.02, 15);
  });

  it('has no growth rate when a day wipes the account out', () => {
    const g = portfolioGrowth([[0.1, -0.5]], [2]);
    expect(g.growthRate).toBeUndefined();
    expect(g.worstDay).toBe(-1);
  });

  it('refuses weights of the wrong length, non-finite weights and bad series', () => {
    expect(() => portfolioGrowth([[0.1, -0.05]], [0.5, 0.5])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'weights' }));
    expect(() => portfolioGrowth([[0.1, -0.05]], [Number.NaN])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'weights[0]' }));
    expect(() => portfolioGrowth([[0.1, -1.5]], [1])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'returns[0][1]' }));
    expect(() => portfolioGrowth([[0.1, -0.05]], 'a' as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'weights' }));
  });
});
