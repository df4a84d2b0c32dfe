import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { regimeFeatures } from '../regime/regimeFeatures.js';
import type { FeatureSource } from './FeatureSource.js';

/**
 * The regime classifier's market features (src/regime/regimeFeatures, default periods) as a
 * FeatureSource: ADX(14), ATR(14) percentile over 20 bars, 20-bar MA slope over 5 bars,
 * Bollinger(20, 2) width, RSI(14) extremes in 5 bars, higher-highs-minus-lower-lows over 10
 * bars. Causal (bar t reads bars 0…t) and NaN only while a window warms up (the walk-forward
 * leaves out trades signalled then). The volume ratio is left out: it is NaN on every bar
 * of a closes-only series (the Dow Jones 30 data), so keeping it would drop those series.
 */
export const REGIME_FEATURE_SOURCE: FeatureSource = Object.freeze({
  names: Object.freeze(['adx', 'atrPercentile', 'maSlope', 'bollingerWidth', 'rsiExtremes', 'highLowBalance']),
  columns(bars: OhlcvColumns): ArrayLike<number>[] {
    const f = regimeFeatures(bars);
    return [f.adx, f.atrPercentile, f.maSlope, f.bollingerWidth, f.rsiExtremes, f.highLowBalance];
  },
});
