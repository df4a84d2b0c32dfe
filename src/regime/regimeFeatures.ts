import { checkOhlcvColumns } from '../data/checkOhlcvColumns.js';
import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { SizewiseError } from '../errors.js';
import { inRange, integer, knownKeys, positive } from '../validate.js';
import { atrUnchecked } from '../volatility/atr.js';
import { adxUnchecked } from './adx.js';
import { rsiUnchecked } from './rsi.js';

export interface RegimeFeatureOptions {
  /** Wilder ADX period. */
  adxPeriod: number;
  /** Wilder ATR period of the ATR percentile. */
  atrPeriod: number;
  /** Values of ATR the current one is ranked among (itself included). */
  atrRankWindow: number;
  /** Bars of the simple moving average whose slope is measured. */
  maPeriod: number;
  /** The slope compares the moving average with its value this many bars earlier. */
  maSlopeBars: number;
  /** Bars of the Bollinger bands. */
  bollingerPeriod: number;
  /** Band half-width in (population) standard deviations. */
  bollingerDeviations: number;
  /** Wilder RSI period. */
  rsiPeriod: number;
  /** RSI above this counts as an extreme bar. */
  rsiUpper: number;
  /** RSI below this counts as an extreme bar. */
  rsiLower: number;
  /** Bars in which RSI extremes are counted. */
  rsiWindow: number;
  /** Bars of the volume mean. */
  volumePeriod: number;
  /** Bars in which higher highs and lower lows are counted. */
  swingWindow: number;
}

export const REGIME_FEATURE_DEFAULTS: Readonly<RegimeFeatureOptions> = Object.freeze({
  adxPeriod: 14,
  atrPeriod: 14,
  atrRankWindow: 20,
  maPeriod: 20,
  maSlopeBars: 5,
  bollingerPeriod: 20,
  bollingerDeviations: 2,
  rsiPeriod: 14,
  rsiUpper: 70,
  rsiLower: 30,
  rsiWindow: 5,
  volumePeriod: 20,
  swingWindow: 10,
});

/** The market features, one value per bar, NaN until warm. */
export interface RegimeFeatureColumns {
  /** Wilder's ADX, 0–100: trend strength whatever its direction. */
  adx: Float64Array;
  /** Rank of ATR in its last `atrRankWindow` values, [0, 1]: 0 the quietest, 1 the widest (ties count half). */
  atrPercentile: Float64Array;
  /** SMAₜ ÷ SMAₜ₋ₖ − 1 of the close (k = maSlopeBars): the trend's direction and pace. */
  maSlope: Float64Array;
  /** Bollinger band width (upper − lower) ÷ middle = 2·d·σ ÷ SMA, σ the population deviation. */
  bollingerWidth: Float64Array;
  /** Bars among the last `rsiWindow` with RSI above `rsiUpper` or below `rsiLower`. */
  rsiExtremes: Float64Array;
  /** Volume ÷ its mean over the last `volumePeriod` bars (itself included); NaN where a volume in that window is NaN or the mean is 0. */
  volumeRatio: Float64Array;
  /** Higher highs minus lower lows among the last `swingWindow` bars, each compared with the bar before it. */
  highLowBalance: Float64Array;
}

/** The regime classifier's market feature names (regimeFeatures), in column order; not the agent's MARKET_FEATURE_SOURCE (src/rl/marketFeatures). */
export const MARKET_FEATURE_NAMES = Object.freeze([
  'adx',
  'atrPercentile',
  'maSlope',
  'bollingerWidth',
  'rsiExtremes',
  'volumeRatio',
  'highLowBalance',
] as const satisfies readonly (keyof RegimeFeatureColumns)[]);

/**
 * The regime classifier's market features for every bar of an OHLCV series. Causal: the
 * value at bar t reads bars 0…t only (every window ends at t and Wilder's averages are
 * recursive), so the features at a signal bar never see the trade they describe. NaN until
 * each window is warm.
 *
 * A closes-only series comes as open = high = low = close with NaN volumes: then the true
 * range is |Δclose| (ATR a mean absolute close change), ADX measures directional close
 * changes, higher highs are higher closes, volumeRatio is NaN throughout, and the other
 * features are unchanged. A NaN volume is accepted; a NaN price is an error.
 * ADX, ATR and RSI: Wilder 1978; Bollinger bands: Bollinger 2001. O(n·window).
 *
 * @example regimeFeatures(bars).adx[100] // ADX(14) at bar 100
 */
export function regimeFeatures(bars: OhlcvColumns, options: Partial<RegimeFeatureOptions> = {}): RegimeFeatureColumns {
  checkOhlcvColumns(bars, 'bars');
  return regimeFeaturesUnchecked(bars, checkRegimeFeatureOptions(options, 'options'));
}

/** regimeFeatures for bars checked by checkOhlcvColumns and options checked by checkRegimeFeatureOptions. */
export function regimeFeaturesUnchecked(bars: OhlcvColumns, o: RegimeFeatureOptions): RegimeFeatureColumns {
  const { high, low, close, volume } = bars;
  const n = close.length;
  const nan = () => new Float64Array(n).fill(Number.NaN);
  const out: RegimeFeatureColumns = {
    adx: adxUnchecked(high, low, close, o.adxPeriod),
    atrPercentile: nan(),
    maSlope: nan(),
    bollingerWidth: nan(),
    rsiExtremes: nan(),
    volumeRatio: nan(),
    highLowBalance: nan(),
  };
  const range = atrUnchecked(high, low, close, o.atrPeriod);
  const strength = rsiUnchecked(close, o.rsiPeriod);
  atrRank(range, o.atrRankWindow, out.atrPercentile);
  const sma = movingAverage(close, o.maPeriod);
  for (let t = o.maSlopeBars; t < n; t++) out.maSlope[t] = sma[t] / sma[t - o.maSlopeBars] - 1; // NaN until both are warm
  bollingerWidth(close, o.bollingerPeriod, o.bollingerDeviations, out.bollingerWidth);
  for (let t = o.rsiWindow - 1; t < n; t++) {
    if (Number.isNaN(strength[t - o.rsiWindow + 1])) continue;
    let count = 0;
    for (let k = t - o.rsiWindow + 1; k <= t; k++) if (strength[k] > o.rsiUpper || strength[k] < o.rsiLower) count++;
    out.rsiExtremes[t] = count;
  }
  const volumeMean = movingAverage(volume, o.volumePeriod); // NaN where any volume in the window is NaN
  for (let t = 0; t < n; t++) if (volumeMean[t] > 0) out.volumeRatio[t] = volume[t] / volumeMean[t];
  for (let t = o.swingWindow; t < n; t++) {
    let balance = 0;
    for (let k = t - o.swingWindow + 1; k <= t; k++) {
      if (high[k] > high[k - 1]) balance++;
      if (low[k] < low[k - 1]) balance--;
    }
    out.highLowBalance[t] = balance;
  }
  return out;
}

/** Validates regimeFeatures options (`field` names the object) and merges the defaults. */
export function checkRegimeFeatureOptions(options: unknown, field: string): RegimeFeatureOptions {
  knownKeys(options as object | undefined, field, Object.keys(REGIME_FEATURE_DEFAULTS));
  const o: RegimeFeatureOptions = { ...REGIME_FEATURE_DEFAULTS, ...(options as Partial<RegimeFeatureOptions> | undefined) };
  for (const key of ['adxPeriod', 'atrPeriod', 'atrRankWindow', 'maPeriod', 'maSlopeBars', 'bollingerPeriod', 'rsiPeriod', 'rsiWindow', 'volumePeriod', 'swingWindow'] as const) {
    integer(o[key], `${field}.${key}`, 1, 10_000);
  }
  positive(o.bollingerDeviations, `${field}.bollingerDeviations`);
  inRange(o.rsiUpper, `${field}.rsiUpper`, { min: 0, max: 100 });
  inRange(o.rsiLower, `${field}.rsiLower`, { min: 0, max: 100 });
  if (o.rsiLower >= o.rsiUpper) {
    throw new SizewiseError('OUT_OF_RANGE', `${field}.rsiLower`, `${field}.rsiLower must be below ${field}.rsiUpper (${o.rsiUpper}), received ${o.rsiLower}`, o.rsiLower);
  }
  return o;
}

/** Simple moving average of the last `period` values ending at each bar; NaN before (and wherever the window holds a NaN). */
function movingAverage(x: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let t = period - 1; t < x.length; t++) {
    let sum = 0;
    for (let k = t - period + 1; k <= t; k++) sum += x[k];
    out[t] = sum / period;
  }
  return out;
}

/** Rank of each value among the `window` values ending at it: (below + equal/2) ÷ (window − 1), into `out`. */
function atrRank(range: Float64Array, window: number, out: Float64Array): void {
  for (let t = window - 1; t < range.length; t++) {
    if (Number.isNaN(range[t - window + 1])) continue;
    let below = 0;
    let equal = 0;
    const v = range[t];
    for (let k = t - window + 1; k < t; k++) {
      if (range[k] < v) below++;
      else if (range[k] === v) equal++;
    }
    out[t] = window === 1 ? 0.5 : (below + equal / 2) / (window - 1);
  }
}

/** (upper − lower) ÷ middle of Bollinger bands: 2·d·σ ÷ mean over `period` closes, σ the population deviation, into `out`. */
function bollingerWidth(close: ArrayLike<number>, period: number, deviations: number, out: Float64Array): void {
  for (let t = period - 1; t < close.length; t++) {
    let sum = 0;
    for (let k = t - period + 1; k <= t; k++) sum += close[k];
    const mean = sum / period;
    let ss = 0;
    for (let k = t - period + 1; k <= t; k++) {
      const d = close[k] - mean;
      ss += d * d;
    }
    out[t] = (2 * deviations * Math.sqrt(ss / period)) / mean;
  }
}
