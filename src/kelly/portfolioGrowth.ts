import { SizewiseError, describeValue } from '../errors.js';
import { finite } from '../validate.js';
import { checkReturnSeries, type ReturnSeries } from './checkReturnSeries.js';

/** How a set of weights fared over a sample. */
export interface PortfolioGrowth {
  /** The mean of ln(1 + w·r_t): growth per period; undefined when a period would have lost everything (worstDay ≤ −1). */
  growthRate: number | undefined;
  /** The worst one-period portfolio return, min_t w·r_t. */
  worstDay: number;
}

/**
 * The realised log growth of fixed weights, rebalanced every period, over aligned return
 * series (one per asset): e.g. weights fitted on one period, tested on the next. O(T·N).
 *
 * @example portfolioGrowth([[0.1, -0.05], [0.02, 0.01]], [0.5, 0.5]).growthRate // (ln 1.06 + ln 0.98) / 2 = 0.01903…
 */
export function portfolioGrowth(returns: readonly ArrayLike<number>[], weights: ArrayLike<number>): PortfolioGrowth {
  const sample = checkReturnSeries(returns);
  if (!Array.isArray(weights) && !(ArrayBuffer.isView(weights) && !(weights instanceof DataView))) {
    throw new SizewiseError('INVALID_TYPE', 'weights', `weights must be an array of numbers, one per asset, received ${describeValue(weights)}`, weights);
  }
  if (weights.length !== sample.assets) {
    throw new SizewiseError('LENGTH_MISMATCH', 'weights', `weights must have ${sample.assets} entries, one per asset, received ${weights.length}`, weights.length);
  }
  const w = Float64Array.from({ length: sample.assets }, (_, i) => finite(weights[i], `weights[${i}]`));
  const { growth, worst } = sampleGrowth(sample, w);
  if (!Number.isFinite(worst)) throw new SizewiseError('OUT_OF_RANGE', 'weights', 'weights × returns overflow double precision', weights);
  return { growthRate: worst > -1 ? growth : undefined, worstDay: worst };
}

/** The sample's mean ln(1 + w·r_t) (−Infinity if some day is ruinous) and its worst day, asset by asset (contiguous reads). */
export function sampleGrowth(checked: ReturnSeries, w: Float64Array): { growth: number; worst: number } {
  const { series, days, assets } = checked;
  const portfolio = new Float64Array(days);
  for (let i = 0; i < assets; i++) {
    const r = series[i];
    const wi = w[i];
    if (wi !== 0) for (let t = 0; t < days; t++) portfolio[t] += wi * r[t];
  }
  let sum = 0;
  let worst = Infinity;
  for (let t = 0; t < days; t++) {
    worst = Math.min(worst, portfolio[t]);
    sum += Math.log1p(portfolio[t]);
  }
  return { growth: worst > -1 ? sum / days : -Infinity, worst: worst + 0 };
}
