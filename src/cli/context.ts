import { readFileSync } from 'node:fs';
import type { Decimal } from 'decimal.js';
import { parseOhlcvCsv, type OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { estimateEdge, type EdgeEstimate } from '../edge/estimateEdge.js';
import { Money } from '../money/Money.js';
import { BREAKOUT_DEFAULTS, breakoutTrades, type BreakoutTrade } from '../strategy/breakoutTrades.js';
import { atr } from '../volatility/atr.js';

/** What every section of the main job's report reads. */
export interface ReportContext {
  /** Name of the bundled data set. */
  dataName: string;
  bars: OhlcvColumns;
  /** The reference strategy's closed trades, oldest first. */
  trades: BreakoutTrade[];
  edge: EdgeEstimate;
  /** The example account. */
  balance: Decimal;
  /** The example instrument's price (the last close of the data). */
  price: Decimal;
  /** Its lot step. */
  lotStep: Decimal;
  /** The reference strategy's stop distance at the last bar (stopAtr × ATR), in price units. */
  stopDistance: Decimal;
}

export const DATA_FILE = 'sp500_2000-2020_daily_ohlcv.csv';

/** Loads the bundled S&P 500 data, runs the reference strategy and estimates its edge. */
export async function loadContext(file = DATA_FILE): Promise<ReportContext> {
  const bars = parseOhlcvCsv(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
  const trades = breakoutTrades(bars);
  const edge = estimateEdge(trades, { seed: 2026 });
  const last = bars.close.length - 1;
  const lastAtr = atr(bars.high, bars.low, bars.close, BREAKOUT_DEFAULTS.atrPeriod)[last];
  return {
    dataName: `S&P 500 daily, ${bars.date[0]} to ${bars.date[last]} (${bars.close.length} bars)`,
    bars,
    trades,
    edge,
    balance: new Money('100000'),
    price: new Money(bars.close[last].toFixed(2)),
    lotStep: new Money('1'),
    stopDistance: new Money((BREAKOUT_DEFAULTS.stopAtr * lastAtr).toFixed(2)),
  };
}
