import { SizewiseError } from '../errors.js';
import { nonNegative, positive } from '../validate.js';

/** How an equity curve did. */
export interface EquityCurveStats {
  /** Last ÷ first − 1 (−1 after ruin). */
  totalReturn: number;
  /** Largest peak-to-trough fall, 1 − equity ÷ running peak, as a positive fraction (the start is a peak; 1 after ruin). */
  maxDrawdown: number;
  /**
   * Mean ÷ sample standard deviation of the period returns × √periodsPerYear, zero risk-free
   * rate (Sharpe 1994; Lo 2002 on annualising). NaN below two returns or with zero spread.
   * After ruin, over the returns up to and including the ruinous one (−100 %).
   */
  sharpe: number;
}

/**
 * Return, maximum drawdown and annualised Sharpe ratio of an equity curve (one value per
 * period, the starting equity first and > 0, the others ≥ 0). O(n).
 *
 * Ruin is absorbing: the curve ends at its first 0 (totalReturn −1, maxDrawdown 1, the
 * last period return −1) and the values after it are not read.
 *
 * @example equityCurveStats([100, 110, 99, 121], 252).maxDrawdown // 0.1 (110 → 99)
 * @example equityCurveStats([100, 50, 0, 7], 252).totalReturn // -1 (ruined at the third value)
 */
export function equityCurveStats(equity: ArrayLike<number>, periodsPerYear: number): EquityCurveStats {
  positive(periodsPerYear, 'periodsPerYear');
  const n = equity.length;
  if (n === 0) throw new SizewiseError('EMPTY_INPUT', 'equity', 'equity must hold at least the starting value');
  positive(equity[0], 'equity[0]');
  for (let i = 1; i < n; i++) if (nonNegative(equity[i], `equity[${i}]`) === 0) break;
  return equityCurveStatsUnchecked(equity, periodsPerYear);
}

/**
 * equityCurveStats without the input checks, for callers that built the curve from
 * checked values (equity[0] > 0, the rest finite and ≥ 0, periodsPerYear > 0).
 */
export function equityCurveStatsUnchecked(equity: ArrayLike<number>, periodsPerYear: number): EquityCurveStats {
  let n = equity.length;
  for (let i = 1; i < n; i++) {
    if (equity[i] === 0) {
      n = i + 1; // ruin: the curve ends here
      break;
    }
  }
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
