import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { marketFeatures } from '../rl/marketFeatures.js';

/**
 * Where a model's features come from: one causal column per name, computed from the bars
 * (the value at bar t reads bars 0…t only; NaN while a window warms up). A trade reads the
 * columns at its signal bar. Two ship: REGIME_FEATURE_SOURCE (the walk-forward's default) and
 * MARKET_FEATURE_SOURCE; plug in another by giving its names and a function of the bars.
 */
export interface FeatureSource {
  readonly names: readonly string[];
  columns(bars: OhlcvColumns): ArrayLike<number>[];
}

/** The Q-learning agent's market features (src/rl/marketFeatures: ATR(14)/ATR(100), efficiency ratio, momentum), not the regime ones (REGIME_FEATURE_SOURCE). */
export const MARKET_FEATURE_SOURCE: FeatureSource = Object.freeze({
  names: Object.freeze(['volatility', 'trend', 'momentum']),
  columns(bars: OhlcvColumns): ArrayLike<number>[] {
    const f = marketFeatures(bars);
    return [f.volatility, f.trend, f.momentum];
  },
});
