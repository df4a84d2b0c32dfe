import { describe, expect, it } from 'vitest';
import { simpleReturns } from '../../src/index.js';

describe('simpleReturns', () => {
  it('is close[t] / close[t − 1] − 1, one fewer than the prices', () => {
    expect(Array.from(simpleReturns([100, 110, 99]))).toEqual([110 / 100 - 1, 99 / 110 - 1]);
    expect(simpleReturns([42])).toHaveLength(0);
  });

  it('refuses prices ≤ 0, non-finite prices and an overflowing ratio', () => {
    expect(() => simpleReturns([100, 0])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'prices[1]' }));
    expect(() => simpleReturns([100, Number.NaN])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'prices[1]' }));
    expect(() => simpleReturns([5e-324, 100])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'prices[1]' }));
    expect(() => simpleReturns([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'prices' }));
  });
});
