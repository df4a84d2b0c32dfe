import { SizewiseError, describeValue } from '../errors.js';
import { modelGrowth } from '../kelly/growthRate.js';
import type { KellyResult } from '../kelly/types.js';
import { checkKellyResult } from '../kelly/checkKellyResult.js';
import { inRange, integer, knownKeys } from '../validate.js';

export interface PerformanceAdjustmentOptions {
  /** Trades in the rolling window (the most recent ones); fewer than half of it and nothing is adjusted. */
  window?: number;
  /** A drawdown of the window's compounded returns above this cuts Kelly to (1 − drawdown) of itself. */
  drawdownThreshold?: number;
  /** The last this many trades of the window are checked for a winning streak. */
  streakTrades?: number;
  /** At least this many winners among them is a winning streak. */
  streakWins?: number;
  /** A winning streak multiplies Kelly by this. */
  streakBoost?: number;
  /** A streak boost never takes the risk fraction above this (nor lowers a risk already above it). */
  maxRiskFraction?: number;
}

/** The source's numbers: a 20-trade window, a 20 % drawdown threshold, ×1.1 after 4 wins in the last 5 trades. */
export const PERFORMANCE_ADJUSTMENT_DEFAULTS = Object.freeze({
  window: 20,
  drawdownThreshold: 0.2,
  streakTrades: 5,
  streakWins: 4,
  streakBoost: 1.1,
  maxRiskFraction: 0.5,
});

/** How recent performance changed a Kelly sizing. */
export interface KellyAdjustment {
  /** adjusted = factor × raw, for exposure and risk fraction alike. */
  factor: number;
  reason: 'too-few-trades' | 'drawdown' | 'winning-streak' | 'none';
  /** Largest peak-to-trough fall of the window's compounded returns, from the equity before the window. */
  maxDrawdown: number;
  /** Trades in the window. */
  trades: number;
  /** The adjusted Kelly sizing (growth recomputed at the adjusted exposure). */
  kelly: KellyResult;
}

/**
 * Adjusts a Kelly sizing for a strategy's recent performance, the rule of the source risk
 * engine's `adjust_kelly_for_performance`:
 * - fewer than ⌊window / 2⌋ returns: no change;
 * - the last `window` returns compounded into an equity curve starting at 1; if its
 *   maximum drawdown D exceeds `drawdownThreshold`, Kelly × (1 − D);
 * - otherwise, if at least `streakWins` of the last `streakTrades` returns are wins
 *   (> 0), Kelly × `streakBoost`, the risk fraction capped at `maxRiskFraction`;
 * - otherwise no change.
 * Unlike the source, the curve starts at the equity before the window, so a loss on the
 * window's first trade counts as drawdown; returns are fractions (the source's were percent).
 *
 * @example adjustKellyForPerformance(estimateEdge(trades).kelly, trades.map((t) => t.returnFraction)).factor
 */
export function adjustKellyForPerformance(kelly: KellyResult, recentReturns: ArrayLike<number>, options: PerformanceAdjustmentOptions = {}): KellyAdjustment {
  const o = checkPerformanceAdjustmentOptions(options, 'options');
  const checked = checkKellyResult(kelly, 'kelly');
  if (recentReturns === null || typeof recentReturns !== 'object' || typeof recentReturns.length !== 'number') {
    throw new SizewiseError('INVALID_TYPE', 'recentReturns', `recentReturns must be an array of returns, received ${describeValue(recentReturns)}`, recentReturns);
  }
  const n = Math.min(recentReturns.length, o.window);
  const start = recentReturns.length - n;
  const returns = new Float64Array(n);
  for (let i = 0; i < n; i++) returns[i] = inRange(recentReturns[start + i], `recentReturns[${start + i}]`, { min: -1 });
  return adjustChecked(checked, returns, recentReturns.length, o);
}

/** The adjustment for checked options and the window's returns (oldest first). */
export function adjustChecked(kelly: KellyResult, windowReturns: Float64Array, available: number, o: Required<PerformanceAdjustmentOptions>): KellyAdjustment {
  const n = windowReturns.length;
  if (available < Math.floor(o.window / 2)) return { factor: 1, reason: 'too-few-trades', maxDrawdown: 0, trades: n, kelly };
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  for (const r of windowReturns) {
    equity *= 1 + r;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, peak === 0 ? 1 : (peak - equity) / peak);
  }
  if (maxDrawdown > o.drawdownThreshold) return { factor: 1 - maxDrawdown, reason: 'drawdown', maxDrawdown, trades: n, kelly: scaled(kelly, 1 - maxDrawdown) };
  let wins = 0;
  for (let i = Math.max(0, n - o.streakTrades); i < n; i++) if (windowReturns[i] > 0) wins++;
  if (wins >= o.streakWins) {
    const room = kelly.riskFraction > 0 ? Math.max(1, o.maxRiskFraction / kelly.riskFraction) : o.streakBoost;
    const factor = Math.min(o.streakBoost, room);
    return { factor, reason: 'winning-streak', maxDrawdown, trades: n, kelly: scaled(kelly, factor) };
  }
  return { factor: 1, reason: 'none', maxDrawdown, trades: n, kelly };
}

/** Validated options with defaults filled in. */
export function checkPerformanceAdjustmentOptions(options: PerformanceAdjustmentOptions | undefined, field: string): Required<PerformanceAdjustmentOptions> {
  knownKeys(options, field, Object.keys(PERFORMANCE_ADJUSTMENT_DEFAULTS));
  const o = { ...PERFORMANCE_ADJUSTMENT_DEFAULTS, ...options };
  integer(o.window, `${field}.window`, 1);
  inRange(o.drawdownThreshold, `${field}.drawdownThreshold`, { min: 0, max: 1, maxOpen: true });
  integer(o.streakTrades, `${field}.streakTrades`, 1);
  integer(o.streakWins, `${field}.streakWins`, 1, o.streakTrades);
  inRange(o.streakBoost, `${field}.streakBoost`, { min: 1 });
  inRange(o.maxRiskFraction, `${field}.maxRiskFraction`, { min: 0, max: 1, minOpen: true, maxOpen: true });
  return o;
}

function scaled(kelly: KellyResult, factor: number): KellyResult {
  if (factor === 1 || kelly.exposure === 0) return kelly;
  const exposure = kelly.exposure * factor;
  return { ...kelly, exposure, riskFraction: kelly.riskFraction * factor, growthRate: modelGrowth(kelly.model, exposure), kellyMultiple: kelly.kellyMultiple * factor };
}
