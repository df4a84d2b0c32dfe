import { SizewiseError } from '../errors.js';
import { finiteArray, positive } from '../validate.js';

/**
 * Simple returns close[t] / close[t − 1] − 1 of a price series (one fewer than the prices),
 * the input portfolioKelly and kellyFromReturns take. Prices must be finite and > 0. O(n).
 *
 * @example simpleReturns([100, 110, 99]) // Float64Array [0.10000000000000009, -0.09999999999999998]
 */
export function simpleReturns(prices: ArrayLike<number>): Float64Array {
  const p = finiteArray(prices, 'prices');
  for (let t = 0; t < p.length; t++) positive(p[t], `prices[${t}]`);
  const out = new Float64Array(Math.max(0, p.length - 1));
  for (let t = 1; t < p.length; t++) {
    out[t - 1] = p[t] / p[t - 1] - 1;
    if (!Number.isFinite(out[t - 1])) {
      throw new SizewiseError('OUT_OF_RANGE', `prices[${t}]`, `prices[${t}] ÷ prices[${t - 1}] overflows double precision`, p[t]);
    }
  }
  return out;
}
