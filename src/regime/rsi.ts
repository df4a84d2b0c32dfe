import { checkPrices } from '../data/checkOhlcv.js';
import { wilderAverage } from '../stats/wilderAverage.js';
import { integer } from '../validate.js';

/**
 * Relative strength index (Wilder 1978): 100 − 100 ÷ (1 + average gain ÷ average loss) over
 * close-to-close changes, both averages Wilder-smoothed and seeded with the simple mean of
 * the first `period` changes; 100 when the average loss is 0 (also when nothing moved, as
 * in the trading-signals package). The first value is at bar `period` (it needs `period`
 * changes); earlier bars are NaN. Causal: bar t reads closes 0…t only. O(n).
 *
 * @example rsi(close, 14)[14] // first warm value, in [0, 100]
 */
export function rsi(close: ArrayLike<number>, period = 14): Float64Array {
  integer(period, 'period', 1);
  checkPrices(close, 'close', undefined);
  return rsiUnchecked(close, period);
}

/** `rsi` for closes a caller has already checked (finite, > 0) and an integer period ≥ 1. */
export function rsiUnchecked(close: ArrayLike<number>, period: number): Float64Array {
  const n = close.length;
  const gains = new Float64Array(n);
  const losses = new Float64Array(n);
  for (let t = 1; t < n; t++) {
    const change = close[t] - close[t - 1];
    gains[t] = change > 0 ? change : 0;
    losses[t] = change < 0 ? -change : 0;
  }
  // The changes start at bar 1: both averages are first warm at bar `period`.
  const gain = wilderAverage(gains, period, 1);
  const loss = wilderAverage(losses, period, 1);
  const out = new Float64Array(n).fill(Number.NaN);
  for (let t = period; t < n; t++) out[t] = loss[t] === 0 ? 100 : 100 - 100 / (1 + gain[t] / loss[t]);
  return out;
}
