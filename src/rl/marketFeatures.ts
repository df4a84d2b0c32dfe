import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { SizewiseError, describeValue } from '../errors.js';
import { finiteArray, integer, knownKeys, positive } from '../validate.js';
import { atr } from '../volatility/atr.js';

export interface MarketFeatureOptions {
  /** Short ATR (Wilder) period. */
  atrPeriod: number;
  /** Long ATR period; volatility = ATR(short) / ATR(long). */
  longAtrPeriod: number;
  /** Bars of the efficiency ratio (trend strength). */
  trendPeriod: number;
  /** Bars of the momentum return. */
  momentumPeriod: number;
}

export const MARKET_FEATURE_DEFAULTS: Readonly<MarketFeatureOptions> = Object.freeze({
  atrPeriod: 14,
  longAtrPeriod: 100,
  trendPeriod: 20,
  momentumPeriod: 20,
});

/** Per-bar market features; NaN until the longest window is warm. */
export interface MarketFeatureColumns {
  /** ATR(14) / ATR(100): above 1 the recent ranges are wider than usual. */
  volatility: Float64Array;
  /** Kaufman efficiency ratio |cₜ − cₜ₋ₙ| / Σ|Δc| over n bars, in [0, 1]: 1 is a straight line. */
  trend: Float64Array;
  /** n-bar return divided by the n-bar volatility implied by the ATR, (cₜ/cₜ₋ₙ − 1) / (ATRₜ/cₜ·√n). */
  momentum: Float64Array;
  /** Short ATR, in price units. */
  atr: Float64Array;
}

/**
 * Market features for every bar from OHLCV. Each value at bar t uses bars 0…t only
 * (Wilder's ATR is recursive and causal; the windows end at t), so the state at a
 * signal bar never sees the trade it sizes. Efficiency ratio: Kaufman 1995,
 * *Smarter Trading*; ATR: Wilder 1978.
 */
export function marketFeatures(bars: OhlcvColumns, options: Partial<MarketFeatureOptions> = {}): MarketFeatureColumns {
  knownKeys(options, 'options', Object.keys(MARKET_FEATURE_DEFAULTS));
  const o = { ...MARKET_FEATURE_DEFAULTS, ...options };
  integer(o.atrPeriod, 'options.atrPeriod', 1);
  integer(o.longAtrPeriod, 'options.longAtrPeriod', 1);
  integer(o.trendPeriod, 'options.trendPeriod', 1);
  integer(o.momentumPeriod, 'options.momentumPeriod', 1);
  const { high, low, close } = checkBars(bars);
  const n = close.length;
  const short = atr(high, low, close, o.atrPeriod);
  const long = atr(high, low, close, o.longAtrPeriod);
  const volatility = new Float64Array(n).fill(Number.NaN);
  const trend = new Float64Array(n).fill(Number.NaN);
  const momentum = new Float64Array(n).fill(Number.NaN);
  for (let t = 0; t < n; t++) {
    volatility[t] = short[t] / long[t]; // NaN while either is not warm
    if (t >= o.trendPeriod) {
      let path = 0;
      for (let k = t - o.trendPeriod + 1; k <= t; k++) path += Math.abs(close[k] - close[k - 1]);
      trend[t] = path === 0 ? 0 : Math.abs(close[t] - close[t - o.trendPeriod]) / path;
    }
    if (t >= o.momentumPeriod && short[t] > 0) {
      momentum[t] = (close[t] / close[t - o.momentumPeriod] - 1) / ((short[t] / close[t]) * Math.sqrt(o.momentumPeriod));
    }
  }
  return { volatility, trend, momentum, atr: short };
}

/** The high, low and close columns: arrays of positive finite prices of one length. */
function checkBars(bars: OhlcvColumns): { high: Float64Array; low: Float64Array; close: Float64Array } {
  if (bars === null || typeof bars !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'bars', `bars must be OHLCV columns { high, low, close, … }, received ${describeValue(bars)}`, bars);
  }
  const out = { high: finiteArray(bars.high, 'bars.high'), low: finiteArray(bars.low, 'bars.low'), close: finiteArray(bars.close, 'bars.close') };
  for (const key of ['high', 'low', 'close'] as const) {
    const col = out[key];
    if (col.length !== out.close.length) {
      throw new SizewiseError('LENGTH_MISMATCH', `bars.${key}`, `bars.${key} has ${col.length} bars, bars.close has ${out.close.length}`, col.length);
    }
    for (let i = 0; i < col.length; i++) if (!(col[i] > 0)) positive(col[i], `bars.${key}[${i}]`);
  }
  for (let i = 0; i < out.close.length; i++) {
    if (out.high[i] < out.low[i]) {
      throw new SizewiseError('OUT_OF_RANGE', `bars.high[${i}]`, `bars.high[${i}] (${out.high[i]}) is below bars.low[${i}] (${out.low[i]})`, out.high[i]);
    }
  }
  return out;
}
