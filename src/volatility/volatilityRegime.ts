import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { SizewiseError } from '../errors.js';
import { inRange, integer, knownKeys, positive } from '../validate.js';
import { checkOhlcv } from '../data/checkOhlcv.js';
import { atrUnchecked } from './atr.js';

export interface VolatilityRegimeOptions {
  /** Wilder ATR period. */
  period?: number;
  /** Bars in the simple average of ATR the current value is compared with. */
  averagePeriod?: number;
  /** ATR ratio below this is LOW. */
  low?: number;
  /** ATR ratio above this is HIGH. */
  high?: number;
}

export const VOLATILITY_REGIME_DEFAULTS: Readonly<Required<VolatilityRegimeOptions>> = Object.freeze({
  period: 14,
  averagePeriod: 50,
  low: 0.8,
  high: 1.2,
});

export interface VolatilityState {
  /** Wilder ATR at the last bar (price units). */
  atr: number;
  /** Simple mean of the last `averagePeriod` ATR values. */
  atrAverage: number;
  /** atr ÷ atrAverage. */
  atrRatio: number;
  /** atr ÷ last close: volatility per bar as a fraction of price. */
  atrPercent: number;
  regime: 'LOW' | 'NORMAL' | 'HIGH';
}

/**
 * The volatility state at the last of `bars` (or at bar `index`): Wilder ATR (Wilder 1978),
 * its ratio to its own `averagePeriod`-bar mean, and a LOW / NORMAL / HIGH regime from that
 * ratio — the inputs of the sizer's volatility layer (`atr`, `atrAverage`).
 * Needs period + averagePeriod − 1 bars before `index`.
 */
export function volatilityRegime(
  bars: Pick<OhlcvColumns, 'high' | 'low' | 'close'>,
  options: VolatilityRegimeOptions = {},
  index?: number,
): VolatilityState {
  checkOhlcv(bars, 'bars', ['high', 'low', 'close']);
  knownKeys(options, 'options', ['period', 'averagePeriod', 'low', 'high']);
  const o = { ...VOLATILITY_REGIME_DEFAULTS, ...options };
  integer(o.period, 'options.period', 1);
  integer(o.averagePeriod, 'options.averagePeriod', 1);
  positive(o.low, 'options.low');
  inRange(o.high, 'options.high', { min: o.low });
  const at = integer(index ?? bars.close.length - 1, 'index', 0, bars.close.length - 1);
  const first = o.period - 1 + o.averagePeriod - 1;
  if (at < first) {
    throw new SizewiseError('OUT_OF_RANGE', 'index', `index must be ≥ ${first} (ATR warm-up plus the average window), received ${at}`, at);
  }
  const series = atrUnchecked(bars.high, bars.low, bars.close, o.period);
  let sum = 0;
  for (let i = at - o.averagePeriod + 1; i <= at; i++) sum += series[i];
  const atrAverage = sum / o.averagePeriod;
  const value = series[at];
  const atrRatio = atrAverage > 0 ? value / atrAverage : 1;
  return {
    atr: value,
    atrAverage,
    atrRatio,
    atrPercent: value / bars.close[at],
    regime: atrRatio < o.low ? 'LOW' : atrRatio > o.high ? 'HIGH' : 'NORMAL',
  };
}
