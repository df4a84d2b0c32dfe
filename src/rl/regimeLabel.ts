import { finite } from '../validate.js';
import type { Regime } from './stateSpec.js';

export interface RegimeThresholds {
  /** ATR(14)/ATR(100) at or above which the market is VOLATILE (checked first: risk before direction). */
  volatileAbove: number;
  /** Efficiency ratio at or above which a non-volatile market is TRENDING. */
  trendingAbove: number;
  /** ATR ratio below which a directionless market is CONSOLIDATING (quiet) rather than CHOPPY. */
  quietBelow: number;
}

export const REGIME_DEFAULTS: Readonly<RegimeThresholds> = Object.freeze({
  volatileAbove: 1.25,
  trendingAbove: 0.35,
  quietBelow: 0.8,
});

/**
 * A market regime from two OHLCV features (see marketFeatures): VOLATILE when the
 * short ATR runs well above the long one; else TRENDING when price moved efficiently
 * (Kaufman's efficiency ratio); else CONSOLIDATING when ranges are contracting; else
 * CHOPPY (ordinary ranges, no direction). A deliberately simple, documented rule.
 *
 * @example regimeLabel({ volatility: 1.0, trend: 0.5 }) // 'TRENDING'
 */
export function regimeLabel(features: { volatility: number; trend: number }, thresholds: Readonly<RegimeThresholds> = REGIME_DEFAULTS): Regime {
  const v = finite(features.volatility, 'features.volatility');
  const t = finite(features.trend, 'features.trend');
  if (v >= thresholds.volatileAbove) return 'VOLATILE';
  if (t >= thresholds.trendingAbove) return 'TRENDING';
  if (v < thresholds.quietBelow) return 'CONSOLIDATING';
  return 'CHOPPY';
}
