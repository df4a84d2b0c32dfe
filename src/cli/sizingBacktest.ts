import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { kellyFromStats } from '../kelly/kellyFromStats.js';
import type { PositionSizer } from '../sizing/PositionSizer.js';
import type { SizingDecision } from '../sizing/sizingTypes.js';
import type { BreakoutTrade } from '../strategy/breakoutTrades.js';
import { volatilityRegime } from '../volatility/volatilityRegime.js';
import { equityCurveStats } from '../evaluate/equityCurveStats.js';
import { volatilityRegimeOptions } from '../sizing/sizerConfig.js';

/** What a sizing rule made of the reference strategy's trades. */
export interface BacktestResult {
  finalEquity: number;
  /** Largest peak-to-trough fall of the daily marked-to-market equity. */
  maxDrawdown: number;
  /** Annualised Sharpe ratio of daily equity returns (√252, zero risk-free rate; equityCurveStats). */
  sharpe: number;
  /** Mean risk fraction per trade. */
  meanRisk: number;
  /** Trades sized with the fixed fallback because the edge so far was unreliable. */
  fallbackTrades: number;
}

/** How the dynamic rule sizes trade k: from what was known at its signal bar. */
export type SizeTrade = (k: number, equity: number, peak: number) => { riskFraction: number; exposure: number; decision?: SizingDecision };

/**
 * Replays the trades one position at a time on a daily equity curve: a trade's units are
 * exposure × equity at entry ÷ entry price, marked to the close each day it is open,
 * closed at its exit price. No costs, no interest on idle cash.
 */
export function backtest(bars: OhlcvColumns, trades: readonly BreakoutTrade[], start: number, size: SizeTrade): BacktestResult {
  const n = bars.close.length;
  const equity = new Float64Array(n).fill(Number.NaN);
  let cash = start;
  let peak = start;
  let riskSum = 0;
  let fallbackTrades = 0;
  let next = 0;
  for (let t = 0; t < n; t++) {
    const trade = trades[next];
    if (trade !== undefined && t === trade.entryIndex) {
      const sized = size(next, cash, peak);
      riskSum += sized.riskFraction;
      if (sized.decision?.usedFallback === true) fallbackTrades++;
      const units = (sized.exposure * cash) / trade.entryPrice;
      for (let u = trade.entryIndex; u < trade.exitIndex; u++) {
        equity[u] = cash + units * (bars.close[u] - trade.entryPrice);
        peak = Math.max(peak, equity[u]);
      }
      cash += units * (trade.exitPrice - trade.entryPrice);
      t = trade.exitIndex;
      next++;
    }
    equity[t] = cash;
    peak = Math.max(peak, cash);
  }
  const stats = equityCurveStats(equity, 252);
  return {
    finalEquity: cash,
    maxDrawdown: stats.maxDrawdown,
    sharpe: stats.sharpe,
    meanRisk: trades.length > 0 ? riskSum / trades.length : 0,
    fallbackTrades,
  };
}

/** A fixed risk per trade at the strategy's stop, with the same leverage cap as the sizer's tier. */
export function flatRisk(trades: readonly BreakoutTrade[], risk: number, maxLeverage: number): SizeTrade {
  return (k) => {
    const t = trades[k];
    const exposure = Math.min((risk * t.entryPrice) / (t.entryPrice - t.stopPrice), maxLeverage);
    return { riskFraction: (exposure * (t.entryPrice - t.stopPrice)) / t.entryPrice, exposure };
  };
}

/** Volatility regime → the sizer's regime names (the reference data has no trend label of its own). */
const REGIME_OF = { LOW: 'LOW_VOL', NORMAL: 'NORMAL', HIGH: 'HIGH_VOL' } as const;

/**
 * The sizer's layers with only what was known at each signal bar: the edge of the trades
 * closed before it (expanding window, walk-forward), the ATR ratio and volatility regime
 * at the signal bar, and the account's drawdown from its peak. No confidence, bandit,
 * correlation or RL input exists for this strategy, so those layers stay out.
 */
export function dynamicRisk(sizer: PositionSizer, bars: OhlcvColumns, trades: readonly BreakoutTrade[]): SizeTrade {
  return (k, equity, peak) => {
    const t = trades[k];
    const past = trades.slice(0, k).filter((p) => p.exitIndex < t.entryIndex);
    const edge = edgeOf(sizer, past);
    const signal = t.entryIndex - 1;
    const options = volatilityRegimeOptions(sizer.config);
    const warm = signal >= options.period - 1 + options.averagePeriod - 1;
    const v = warm ? volatilityRegime(bars, options, signal) : undefined;
    const decision = sizer.size({
      balance: equity.toFixed(2),
      price: t.entryPrice.toFixed(2),
      stopDistance: (t.entryPrice - t.stopPrice).toFixed(4),
      lotStep: '0.0001',
      edge,
      ...(v === undefined ? {} : { atr: v.atr, atrAverage: v.atrAverage, regime: REGIME_OF[v.regime] }),
      drawdown: Math.max(0, 1 - equity / peak),
    });
    return { riskFraction: decision.riskFraction, exposure: decision.exposure, decision };
  };
}

function edgeOf(sizer: PositionSizer, past: readonly BreakoutTrade[]) {
  // No trades yet, or no loss yet (Kelly unbounded): nothing to trust, so the fallback applies.
  const noEdgeYet = { trades: past.length, reliable: false, expectancy: 0, avgLoss: 0, kelly: kellyFromStats({ winRate: 0, avgWin: 0, avgLoss: 1 }) };
  if (!past.some((t) => t.returnPct < 0)) return noEdgeYet;
  return sizer.estimateEdge(past, { windowDays: undefined, resamples: 200 });
}
