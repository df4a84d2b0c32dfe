import { SizewiseError } from '../errors.js';
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
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let sum = 0;
  let sumM = 0;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = finite(multipliers[i], `multipliers[${i}]`);
    r[i] = m * finite(returns[i], `returns[${i}]`);
    equity *= 1 + r[i];
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, 1 - equity / peak);
    sum += r[i];
    sumM += m;
  }
  const mean = n === 0 ? Number.NaN : sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (r[i] - mean) ** 2;
  const sd = n < 2 ? Number.NaN : Math.sqrt(ss / (n - 1));
  return {
    trades: n,
    totalReturn: equity - 1,
    maxDrawdown,
    sharpe: sd > 0 ? (mean / sd) * Math.sqrt(tradesPerYear) : Number.NaN,
    averageMultiplier: n === 0 ? Number.NaN : sumM / n,
  };
}
