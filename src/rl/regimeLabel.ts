import { SizewiseError, describeValue } from '../errors.js';
import { finite, knownKeys } from '../validate.js';
import type { Regime } from './stateSpec.js';

export interface RegimeThresholds {
  /** ATR(14)/ATR(100) at or above which the market is HIGH_VOL (checked first: risk before direction). */
  volatileAbove: number;
  /** Efficiency ratio at or above which a non-volatile market is TRENDING. */
  trendingAbove: number;
  /** ATR ratio below which a directionless market is LOW_VOL (quiet, consolidating) rather than MEAN_REVERTING (choppy). */
  quietBelow: number;
}

export const REGIME_DEFAULTS: Readonly<RegimeThresholds> = Object.freeze({
  volatileAbove: 1.25,
  trendingAbove: 0.35,
  quietBelow: 0.8,
});

/**
 * A market regime from two OHLCV features (see marketFeatures): HIGH_VOL when the
 * short ATR runs well above the long one; else TRENDING when price moved efficiently
 * (Kaufman's efficiency ratio); else LOW_VOL when ranges are contracting (a quiet,
 * consolidating market); else MEAN_REVERTING (ordinary ranges, no direction: a choppy
 * market). A deliberately simple, documented rule. The labels are MarketRegime names, so
 * they can be passed to the sizer's regime layer as they are; the rule never says NORMAL.
 *
 * @example regimeLabel({ volatility: 1.0, trend: 0.5 }) // 'TRENDING'
 */
export function regimeLabel(features: { volatility: number; trend: number }, thresholds: Readonly<RegimeThresholds> = REGIME_DEFAULTS): Regime {
  if (features === null || typeof features !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'features', `features must be { volatility, trend }, received ${describeValue(features)}`, features);
  }
  const v = finite(features.volatility, 'features.volatility');
  const t = finite(features.trend, 'features.trend');
  if (thresholds !== REGIME_DEFAULTS) {
    knownKeys(thresholds, 'thresholds', ['volatileAbove', 'trendingAbove', 'quietBelow']);
    for (const key of ['volatileAbove', 'trendingAbove', 'quietBelow'] as const) finite(thresholds[key], `thresholds.${key}`);
  }
  if (v >= thresholds.volatileAbove) return 'HIGH_VOL';
  if (t >= thresholds.trendingAbove) return 'TRENDING';
  if (v < thresholds.quietBelow) return 'LOW_VOL';
  return 'MEAN_REVERTING';
}
