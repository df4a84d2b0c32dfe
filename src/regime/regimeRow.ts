import { evaluateSizing } from '../evaluate/evaluateSizing.js';

/** How one way of managing the same trades did, in R-multiples (additive: one R is the full position's initial risk). */
export interface RegimeRow {
  /** Σ R over the trades. */
  totalR: number;
  /** Mean R per trade; null without trades. */
  meanR: number | null;
  /** Mean ÷ sample standard deviation of the per-trade R, × √(trades per year); null below two trades or with no spread. */
  sharpe: number | null;
  /** Deepest fall of the cumulative R from its running peak (the start counts as a peak), in R. */
  maxDrawdownR: number;
  trades: number;
  /** Winning trades ÷ trades that won or lost (R = 0 counts as neither); null when none did. */
  hitRate: number | null;
}

/**
 * The statistics of a series of per-trade R-multiples, in order, by the project's
 * evaluateSizing in additive mode (each trade taken once: size 1). `tradesPerYear`
 * annualises the Sharpe ratio. Inputs are the walk-forward's own finite numbers.
 */
export function regimeRow(rMultiples: readonly number[], tradesPerYear: number): RegimeRow {
  if (rMultiples.length === 0) return { totalR: 0, meanR: null, sharpe: null, maxDrawdownR: 0, trades: 0, hitRate: null };
  const e = evaluateSizing(rMultiples, new Float64Array(rMultiples.length).fill(1), { compound: false, periodsPerYear: tradesPerYear, sizeBuckets: 1 });
  return { totalR: e.totalReturn, meanR: e.meanReturn, sharpe: e.sharpe, maxDrawdownR: e.maxDrawdown, trades: rMultiples.length, hitRate: e.winRate };
}
