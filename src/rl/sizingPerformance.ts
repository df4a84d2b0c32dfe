import { SizewiseError } from '../errors.js';
import { equityCurveStats } from '../evaluate/equityCurveStats.js';
import { finite, positive } from '../validate.js';

/** How a sequence of sized trades did, compounding on one account. */
export interface SizingPerformance {
  trades: number;
  /** Π(1 + mᵢ·rᵢ) − 1. */
  totalReturn: number;
  /** Largest peak-to-trough fall of the trade-by-trade equity curve, as a positive fraction. */
  maxDrawdown: number;
  /** mean / sample sd of the per-trade account returns × √(trades per year); NaN below 2 trades or zero sd. */
  sharpe: number;
  averageMultiplier: number;
}

/**
 * Performance of trades taken with size multipliers: each trade returns mᵢ·rᵢ of the
 * account (rᵢ the return of a 1.0× position), compounded in order. Sharpe per trade,
 * annualised by the number of trades per year (Sharpe 1994; Lo 2002 on annualising).
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
    equity[i + 1] = equity[i] * (1 + m * finite(returns[i], `returns[${i}]`));
    sumM += m;
  }
  const stats = equityCurveStats(equity, tradesPerYear);
  return {
    trades: n,
    totalReturn: stats.totalReturn,
    maxDrawdown: stats.maxDrawdown,
    sharpe: stats.sharpe,
    averageMultiplier: n === 0 ? Number.NaN : sumM / n,
  };
}
