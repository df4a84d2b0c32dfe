import { integer, finite, positive } from '../validate.js';

/**
 * Standard error of an estimated Sharpe ratio for iid returns (Lo 2002, eq. 9 with the
 * annualisation of eq. 19 for iid returns): per period SE = √((1 + SR²/2) / n), with SR the
 * per-period ratio and n the number of observations. With `periodsPerYear` q, `sharpe` is
 * taken as annualised: SR = sharpe ÷ √q, and the result is annualised, SE × √q =
 * √(q/n + sharpe²/(2n)). O(1).
 *
 * Read it as: two Sharpe ratios of the same n trades that differ by less than about two
 * standard errors are within noise.
 *
 * Reference: A. W. Lo, "The Statistics of Sharpe Ratios", Financial Analysts Journal 58(4) (2002).
 *
 * @example sharpeStandardError(0, 100) // √(1/100) = 0.1
 * @example sharpeStandardError(0, 100, 25) // 0.1 × √25 = 0.5 (100 trades over 4 years)
 * @example sharpeStandardError(1, 50, 4) // SR per period 0.5: √((1 + 0.125)/50) × 2 = 0.3
 */
export function sharpeStandardError(sharpe: number, observations: number, periodsPerYear?: number): number {
  const sr = finite(sharpe, 'sharpe');
  const n = integer(observations, 'observations', 1);
  const q = periodsPerYear === undefined ? 1 : positive(periodsPerYear, 'periodsPerYear');
  // √((1 + (SR/√q)²/2)/n)·√q = √(q/n + SR²/(2n)), as a hypot so that no square overflows.
  return Math.hypot(Math.sqrt(q / n), Math.abs(sr) / Math.sqrt(2 * n));
}
