import { backtestSizing, flatRisk, type PricedTrade, type OhlcvColumns, type PositionSizer, type SizingBacktest } from '../index.js';
import { countingFallbacks, dynamicRisk } from './dynamicRisk.js';

/** Flat-risk and dynamic-sizer backtests of the same trades on the same bars. */
export interface FlatVsDynamic {
  flat: SizingBacktest;
  /** fallbackTrades: trades the sizer based on its fixed fallback (too few closed trades to trust Kelly). */
  dynamic: SizingBacktest & { fallbackTrades: number };
}

/**
 * Both rules risk a fraction of equity at each trade's own stop, one position at a time,
 * marked to market daily (backtestSizing): flat risks `risk` every time (leverage capped as
 * the sizer's default tier caps it); dynamic runs the sizer's layers walk-forward (dynamicRisk).
 */
export function flatVsDynamic(sizer: PositionSizer, bars: OhlcvColumns, trades: readonly PricedTrade[], options: { risk: number; startEquity: number; onProgress?: (done: number, total: number) => void }): FlatVsDynamic {
  const tier = sizer.config.positionBoundaries[sizer.config.defaultTier];
  const flat = backtestSizing(bars, trades, flatRisk(trades, options.risk, { maxLeverage: tier.maxLeverage }), { startEquity: options.startEquity });
  const decide = dynamicRisk(sizer, bars, trades);
  const rule = countingFallbacks((k, equity, peak) => {
    options.onProgress?.(k, trades.length);
    return decide(k, equity, peak);
  });
  const dynamic = backtestSizing(bars, trades, rule.size, { startEquity: options.startEquity });
  return { flat, dynamic: { ...dynamic, fallbackTrades: rule.fallbacks() } };
}
