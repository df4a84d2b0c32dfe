import { positive } from '../validate.js';
import { accountStats } from './accountStats.js';
import { checkReturns, checkSizes } from './checkTradeColumns.js';

/** How a sequence of sized trades did, compounding on one account. */
export interface SizingPerformance {
  /** Trades given. */
  trades: number;
  /** Π(1 + mᵢ·rᵢ) − 1; −1 once a trade ruins the account (mᵢ·rᵢ ≤ −1). */
  totalReturn: number;
  /** Largest peak-to-trough fall of the trade-by-trade equity curve, as a positive fraction (1 after ruin). */
  maxDrawdown: number;
  /**
   * mean ÷ sample sd of the per-trade account returns × √tradesPerYear; null below 2 trades
   * or when every account return is equal. After ruin, over the trades up to and including
   * the ruinous one (its account return counted as −100 %).
   */
  sharpe: number | null;
  /** Mean multiplier over every trade given. */
  averageMultiplier: number;
}

/**
 * Performance of trades taken with size multipliers: each trade returns mᵢ·rᵢ of the
 * account (rᵢ the return of a 1.0× position), compounded in order; Sharpe per trade,
 * annualised by the number of trades per year (Sharpe 1994; Lo 2002 on annualising). A trade
 * with mᵢ·rᵢ ≤ −1 ruins the account: equity 0 from there on, and the trades after it no
 * longer count toward the statistics. The compact view of evaluateSizing used by the
 * Q-learning walk-forward (same numbers: `evaluateSizing(returns, multipliers,
 * { periodsPerYear: tradesPerYear })`). Empty input is EMPTY_INPUT; a multiplier < 0 is
 * OUT_OF_RANGE.
 *
 * @example sizingPerformance([0.1, -0.1, 0.05], [1, 2, 1], 4).totalReturn
 * // 1.1 × 0.8 × 1.05 − 1 = −0.076
 */
export function sizingPerformance(returns: ArrayLike<number>, multipliers: ArrayLike<number>, tradesPerYear: number): SizingPerformance {
  const r = checkReturns(returns, 'returns');
  const m = checkSizes(multipliers, 'multipliers', r.length, 'returns');
  const perYear = positive(tradesPerYear, 'tradesPerYear');
  const account = new Float64Array(r.length);
  let sum = 0;
  for (let i = 0; i < r.length; i++) {
    account[i] = m[i] * r[i];
    sum += m[i];
  }
  const stats = accountStats(account, true, { periodsPerYear: perYear, years: null }, { series: 'returns', years: 'tradesPerYear' });
  return { trades: r.length, totalReturn: stats.totalReturn, maxDrawdown: stats.maxDrawdown, sharpe: stats.sharpe, averageMultiplier: sum / r.length };
}
