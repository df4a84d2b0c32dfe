import { SizewiseError, describeValue } from '../errors.js';
import { finiteArray, inRange, integer, knownKeys, positive } from '../validate.js';
import { curvePeriods, periodReturnStats, type EquityCurveStats } from './equityCurveStats.js';
import { resolveAnnualisation } from './annualisation.js';
import { MAX_PERIOD_RETURN, MAX_SIZE } from './limits.js';

/** A long trade on a price series: entered at entryPrice during bar entryIndex, closed at exitPrice during bar exitIndex. */
export interface BacktestTrade {
  /** Bar of entry, ≥ 1 (bar 0 is the start, before any trade), after the previous trade's exit bar. */
  entryIndex: number;
  /** Bar of exit, ≥ entryIndex. */
  exitIndex: number;
  entryPrice: number;
  exitPrice: number;
}

/** What a sizing rule gives one trade. */
export interface SizedTrade {
  /** Notional ÷ equity at entry, ≥ 0 (1 = fully invested, above 1 leveraged). */
  exposure: number;
  /** Equity lost if the trade is stopped out, ≥ 0, as the rule reckons it (exposure × stop distance ÷ price); reported as meanRisk. */
  riskFraction: number;
}

/**
 * A sizing rule: trade k's size from the equity at its entry and the running peak of the
 * marked-to-market equity (what a drawdown rule reads). Called once per trade, in order.
 */
export type SizeTrade = (k: number, equity: number, peak: number) => SizedTrade;

export interface BacktestSizingOptions {
  /** Starting equity (100 000). */
  startEquity?: number;
  /** Bars per year, to annualise Sharpe, Sortino and CAGR (252, daily bars). */
  periodsPerYear?: number;
}

export const BACKTEST_SIZING_DEFAULTS = Object.freeze({ startEquity: 100_000, periodsPerYear: 252 });

/**
 * A sizing rule replayed on a price series. The statistics are those of the daily equity
 * curve (equityCurveStats: Sharpe, Sortino and CAGR annualised with periodsPerYear).
 */
export interface SizingBacktest extends EquityCurveStats {
  /** Equity marked at each bar's close, the start at bar 0; 0 from ruin on. For charts. */
  equity: Float64Array;
  finalEquity: number;
  /** Trades the rule sized (all of them, or up to the one that ruined the account). */
  tradesTaken: number;
  /** Exposure of each trade taken: `evaluateSizing(returns, sizes)` gives the per-trade view. */
  sizes: Float64Array;
  /** Risk fraction of each trade taken, as the rule reported it. */
  riskFractions: Float64Array;
  /** Return of a unit position in each trade taken, exitPrice ÷ entryPrice − 1. */
  returns: Float64Array;
  /** Mean risk fraction over the trades taken; null when none was taken. */
  meanRisk: number | null;
}

/**
 * Daily mark-to-market backtest of a sizing rule, one position at a time: at trade k's entry
 * the rule gives an exposure; the position holds exposure × equity ÷ entryPrice units, is
 * marked to each close while open (equity = cash + units × (close − entryPrice)) and is
 * closed at exitPrice, so the trade moves cash by exposure × (exitPrice ÷ entryPrice − 1) of
 * itself. No costs, no interest on idle cash, long only. Ruin is absorbing: once the marked
 * equity reaches 0 the curve stays at 0 and no further trade is taken. O(bars + trades).
 *
 * Per trade, the result equals evaluateSizing(result.returns, result.sizes) when the account
 * is not ruined inside a trade: the daily curve adds the path within trades (its drawdown and
 * Sharpe are daily), the per-trade view adds hit rate, payoff and the size distribution.
 *
 * Reference: R. Pardo, The Evaluation and Optimization of Trading Strategies, 2nd ed. (2008),
 * on historical simulation with a marked-to-market equity curve.
 *
 * @example
 * const bars = { close: [100, 100, 110, 105, 105, 120] };
 * const trades = [{ entryIndex: 1, exitIndex: 3, entryPrice: 100, exitPrice: 105 }];
 * backtestSizing(bars, trades, () => ({ exposure: 0.5, riskFraction: 0.01 }), { startEquity: 1000 }).equity
 * // Float64Array [1000, 1000, 1050, 1025, 1025, 1025]: 5 units marked at 100, 110, then closed at 105
 */
export function backtestSizing(
  bars: { close: ArrayLike<number> },
  trades: readonly BacktestTrade[],
  sizeTrade: SizeTrade,
  options: BacktestSizingOptions = {},
): SizingBacktest {
  if (bars === null || typeof bars !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'bars', `bars must be an object with a close column, received ${describeValue(bars)}`, bars);
  }
  const close = finiteArray(bars.close, 'bars.close');
  if (close.length < 2) throw new SizewiseError('EMPTY_INPUT', 'bars.close', `bars.close must hold at least two bars (the start and one more), received ${close.length}`, bars.close);
  for (let t = 0; t < close.length; t++) positive(close[t], `bars.close[${t}]`);
  checkTrades(trades, close.length);
  if (typeof sizeTrade !== 'function') {
    throw new SizewiseError('INVALID_TYPE', 'sizeTrade', `sizeTrade must be a function (k, equity, peak) => { exposure, riskFraction }, received ${describeValue(sizeTrade)}`, sizeTrade);
  }
  knownKeys(options, 'options', ['startEquity', 'periodsPerYear']);
  const start = inRange(options.startEquity ?? BACKTEST_SIZING_DEFAULTS.startEquity, 'options.startEquity', { min: 0, minOpen: true, max: 1e15 });
  const perYear = positive(options.periodsPerYear ?? BACKTEST_SIZING_DEFAULTS.periodsPerYear, 'options.periodsPerYear');
  const annualisation = resolveAnnualisation({ periodsPerYear: perYear }, close.length - 1, 'options');

  const n = close.length;
  const equity = new Float64Array(n);
  const sizes: number[] = [];
  const risks: number[] = [];
  const returns: number[] = [];
  let cash = start;
  let peak = start;
  let next = 0;
  let ruined = false;
  for (let t = 0; t < n && !ruined; t++) {
    const trade = trades[next];
    if (trade !== undefined && t === trade.entryIndex) {
      const sized = checkSized(sizeTrade(next, cash, peak), next);
      sizes.push(sized.exposure);
      risks.push(sized.riskFraction);
      returns.push(trade.exitPrice / trade.entryPrice - 1);
      const units = (sized.exposure * cash) / trade.entryPrice;
      for (let u = trade.entryIndex; u < trade.exitIndex && !ruined; u++) {
        equity[u] = mark(cash + units * (close[u] - trade.entryPrice), `bars.close[${u}]`);
        ruined = equity[u] === 0;
        peak = Math.max(peak, equity[u]);
      }
      if (ruined) break;
      cash = mark(cash + units * (trade.exitPrice - trade.entryPrice), `trades[${next}].exitPrice`);
      ruined = cash === 0;
      t = trade.exitIndex;
      next++;
    }
    equity[t] = cash;
    peak = Math.max(peak, cash);
  }
  if (ruined) cash = 0; // the rest of the curve is already 0
  for (let t = 1; t < n && equity[t - 1] > 0; t++) {
    if (!(equity[t] / equity[t - 1] - 1 <= MAX_PERIOD_RETURN)) {
      throw new SizewiseError('OUT_OF_RANGE', `bars.close[${t}]`, `the equity grows more than ${MAX_PERIOD_RETURN}× in bar ${t}: check the prices and sizes`, close[t]);
    }
  }
  const curve = periodReturnStats(curvePeriods(equity, true), true, annualisation, { series: 'bars.close', years: 'options.periodsPerYear' });
  const stats = curve.ruinedAt === null ? curve : { ...curve, ruinedAt: curve.ruinedAt + 1 }; // the bar where equity reached 0
  let riskSum = 0;
  for (const r of risks) riskSum += r;
  return {
    ...stats,
    equity,
    finalEquity: cash,
    tradesTaken: sizes.length,
    sizes: Float64Array.from(sizes),
    riskFractions: Float64Array.from(risks),
    returns: Float64Array.from(returns),
    meanRisk: risks.length === 0 ? null : riskSum / risks.length,
  };
}

/** Marked equity: 0 at or below 0 (ruin); beyond a double's range it is refused. */
function mark(value: number, field: string): number {
  if (!Number.isFinite(value)) {
    throw new SizewiseError('OUT_OF_RANGE', field, `the marked equity overflows a double at ${field}: check the prices and sizes`, value);
  }
  return Math.max(0, value);
}

function checkTrades(trades: readonly BacktestTrade[], bars: number): void {
  if (!Array.isArray(trades)) {
    throw new SizewiseError('INVALID_TYPE', 'trades', `trades must be an array of { entryIndex, exitIndex, entryPrice, exitPrice }, received ${describeValue(trades)}`, trades);
  }
  let after = 0; // the earliest bar the next entry may use
  for (let k = 0; k < trades.length; k++) {
    const t: unknown = trades[k];
    const field = `trades[${k}]`;
    if (t === null || typeof t !== 'object') {
      throw new SizewiseError('INVALID_TYPE', field, `${field} must be { entryIndex, exitIndex, entryPrice, exitPrice }, received ${describeValue(t)}`, t);
    }
    const trade = t as BacktestTrade;
    const entry = integer(trade.entryIndex, `${field}.entryIndex`, Math.max(1, after), bars - 1);
    integer(trade.exitIndex, `${field}.exitIndex`, entry, bars - 1);
    positive(trade.entryPrice, `${field}.entryPrice`);
    positive(trade.exitPrice, `${field}.exitPrice`);
    after = trade.exitIndex + 1;
  }
}

function checkSized(value: unknown, k: number): SizedTrade {
  const field = `sizeTrade(${k})`;
  if (value === null || typeof value !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must return { exposure, riskFraction }, returned ${describeValue(value)}`, value);
  }
  const sized = value as SizedTrade;
  return {
    exposure: inRange(sized.exposure, `${field}.exposure`, { min: 0, max: MAX_SIZE }),
    riskFraction: inRange(sized.riskFraction, `${field}.riskFraction`, { min: 0, max: MAX_SIZE }),
  };
}
