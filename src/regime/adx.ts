import { checkHighLowClose } from '../data/checkOhlcv.js';
import { wilderAverage } from '../stats/wilderAverage.js';
import { integer } from '../validate.js';
import { atrUnchecked } from '../volatility/atr.js';

/**
 * Average directional index (Wilder 1978, *New Concepts in Technical Trading Systems*):
 * how strongly price trends, 0–100, whatever the direction. Per bar, the up move
 * u = highₜ − highₜ₋₁ and the down move d = lowₜ₋₁ − lowₜ give +DM = u when u > d and u > 0
 * (else 0) and −DM = d when d > u and d > 0 (else 0); +DM, −DM and the true range are
 * smoothed with Wilder's average (wilderAverage, as `atr` smooths the true range), +DI = smoothed +DM ÷ ATR, −DI likewise,
 * DX = 100·|+DI − −DI| ÷ (+DI + −DI) (0 when both are 0), and ADX is Wilder's average of DX.
 *
 * Warm-up as the project's `atr` and the trading-signals package: bar 0 counts with
 * DM = 0 and true range high − low, so DX is first defined at bar period − 1 and ADX at
 * bar 2·period − 2; earlier bars are NaN. On an outside bar whose two extensions are equal
 * (u = d > 0) both DMs are 0, as in Wilder and TA-Lib (trading-signals counts both).
 * A window without any range (ATR 0) has DI 0 and DX 0.
 * Causal: the value at bar t reads bars 0…t only. O(n).
 *
 * @example adx(high, low, close, 14)[26] // first warm value
 */
export function adx(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  integer(period, 'period', 1);
  checkHighLowClose(high, low, close);
  return adxUnchecked(high, low, close, period);
}

/** `adx` for columns a caller has already checked (checkOhlcv) and an integer period ≥ 1. */
export function adxUnchecked(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period: number): Float64Array {
  const n = close.length;
  const plusDm = new Float64Array(n); // bar 0 counts with DM 0, as in atr and trading-signals
  const minusDm = new Float64Array(n);
  for (let t = 1; t < n; t++) {
    const up = high[t] - high[t - 1];
    const down = low[t - 1] - low[t];
    plusDm[t] = up > down && up > 0 ? up : 0;
    minusDm[t] = down > up && down > 0 ? down : 0;
  }
  const range = atrUnchecked(high, low, close, period);
  const plus = wilderAverage(plusDm, period);
  const minus = wilderAverage(minusDm, period);
  const dx = new Float64Array(n).fill(Number.NaN);
  for (let t = period - 1; t < n; t++) {
    // A flat stretch (no range at all) has no direction: DI 0, not 0/0.
    const pdi = range[t] === 0 ? 0 : plus[t] / range[t];
    const mdi = range[t] === 0 ? 0 : minus[t] / range[t];
    dx[t] = pdi + mdi === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
  }
  return wilderAverage(dx, period, period - 1); // first warm at bar 2·period − 2
}
