import { SizewiseError } from '../errors.js';
import { positive } from '../validate.js';

/** How an equity curve did. */
export interface EquityCurveStats {
  /** Last ÷ first − 1. */
  totalReturn: number;
  /** Largest peak-to-trough fall, 1 − equity ÷ running peak, as a positive fraction (the start is a peak). */
  maxDrawdown: number;
  /**
   * Mean ÷ sample standard deviation of the period returns × √periodsPerYear, zero risk-free
   * rate (Sharpe 1994; Lo 2002 on annualising). NaN below two returns or with zero spread.
   */
  sharpe: number;
}

/**
 * Return, maximum drawdown and annualised Sharpe ratio of an equity curve (one value per
 * period, the starting equity first; values > 0). O(n).
 *
 * @example equityCurveStats([100, 110, 99, 121], 252).maxDrawdown // 0.1 (110 → 99)
 */
export function equityCurveStats(equity: ArrayLike<number>, periodsPerYear: number): EquityCurveStats {
  positive(periodsPerYear, 'periodsPerYear');
  const n = equity.length;
  if (n === 0) throw new SizewiseError('EMPTY_INPUT', 'equity', 'equity must hold at least the starting value');
  for (let i = 0; i < n; i++) positive(equity[i], `equity[${i}]`);
  let peak = equity[0];
  let maxDrawdown = 0;
  let sum = 0;
  for (let i = 1; i < n; i++) {
    peak = Math.max(peak, equity[i]);
    maxDrawdown = Math.max(maxDrawdown, 1 - equity[i] / peak);
    sum += equity[i] / equity[i - 1] - 1;
  }
  const periods = n - 1;
  const mean = sum / periods;
  let ss = 0;
  for (let i = 1; i < n; i++) ss += (equity[i] / equity[i - 1] - 1 - mean) ** 2;
  const sd = periods < 2 ? Number.NaN : Math.sqrt(ss / (periods - 1));
  return {
    totalReturn: equity[n - 1] / equity[0] - 1,
    maxDrawdown,
    sharpe: sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYear) : Number.NaN,
  };
}
