import { checkHighLowClose } from '../data/checkOhlcv.js';
import { integer } from '../validate.js';
import { wilderAverage } from '../stats/wilderAverage.js';
import { trueRange } from './trueRange.js';

/**
 * Average true range with Wilder's smoothing (Wilder 1978, *New Concepts in Technical
 * Trading Systems*): the first value is the simple mean of the first `period` true
 * ranges, then ATRₜ = (ATRₜ₋₁ × (period − 1) + TRₜ) / period (wilderAverage of the true range). Bars before the first full
 * window are NaN (not warm), as in most charting packages.
 *
 * O(n). @example atr(high, low, close, 14)[13] // first warm value
 */
export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  integer(period, 'period', 1);
  checkHighLowClose(high, low, close);
  return atrUnchecked(high, low, close, period);
}

/** `atr` for columns a caller has already checked (checkOhlcv): the same numbers, no second pass of checks. */
export function atrUnchecked(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period: number): Float64Array {
  return wilderAverage(trueRange(high, low, close), period);
}
