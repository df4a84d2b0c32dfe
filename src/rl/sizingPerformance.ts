import { SizewiseError } from '../errors.js';
import { equityCurveStatsUnchecked } from '../evaluate/equityCurveStats.js';
import { finite, positive } from '../validate.js';

/** How a sequence of sized trades did, compounding on one account. */
export interface SizingPerformance {
  trades: number;
  /** Π(1 + mᵢ·rᵢ) − 1; −1 once a trade ruins the account (mᵢ·rᵢ ≤ −1). */
  totalReturn: number;
  /** Largest peak-to-trough fall of the trade-by-trade equity curve, as a positive fraction (1 after ruin). */
  maxDrawdown: number;
  /**
   * mean / sample sd of the per-trade account returns × √(trades per year); NaN below 2 trades or zero sd.
   * After ruin, over the trades up to and including the ruinous one (its account return counted as −100 %).
   */
  sharpe: number;
  averageMultiplier: number;
}

/**
 * Performance of trades taken with size multipliers: each trade returns mᵢ·rᵢ of the
 * account (rᵢ the return of a 1.0× position), compounded in order. Sharpe per trade,
 * annualised by the number of trades per year (Sharpe 1994; Lo 2002 on annualising).
 * A trade with mᵢ·rᵢ ≤ −1 ruins the account: equity 0 from there on, and the trades after
 * it no longer count toward the statistics (see equityCurveStats).
 */
export function sizingPerformance(returns: ArrayLike<number>, multipliers: ArrayLike<number>, tradesPerYear: number): SizingPerformance {
  if (returns.length !== multipliers.length) {
    throw new SizewiseError('LENGTH_MISMATCH', 'multipliers', `multipliers has ${multipliers.length} entries, returns has ${returns.length}`);
  }
  positive(tradesPerYear, 'tradesPerYear');
  const n = returns.length;
  const equity = new Float64Array(n + 1);
  equity[0] = 1;
  let sumM = 0;
  for (let i = 0; i < n; i++) {
    const m = finite(multipliers[i], `multipliers[${i}]`);
    equity[i + 1] = Math.max(0, equity[i] * (1 + m * finite(returns[i], `returns[${i}]`))); // below 0 is ruin
    sumM += m;
  }
  const stats = equityCurveStatsUnchecked(equity, tradesPerYear);
  return {
    trades: n,
    totalReturn: stats.totalReturn,
    maxDrawdown: stats.maxDrawdown,
    sharpe: stats.sharpe,
    averageMultiplier: n === 0 ? Number.NaN : sumM / n,
  };
}
