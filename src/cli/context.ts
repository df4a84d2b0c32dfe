import { readFileSync } from 'node:fs';
import { atr, BREAKOUT_DEFAULTS, breakoutTrades, estimateEdge, parseOhlcvCsv, toMoney, type BreakoutTrade, type Decimal, type EdgeEstimate, type OhlcvColumns } from '../index.js';
import { BUNDLED_PRICES, bundledDataFile } from './bundledData.js';

/** What every section of the report reads. */
export interface ReportContext {
  /** Name of the data set. */
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

/** The report's context from daily bars: the reference strategy's trades and their edge. */
export function contextOf(bars: OhlcvColumns, dataName: string): ReportContext {
  const trades = breakoutTrades(bars);
  const edge = estimateEdge(trades, { seed: 2026 });
  const last = bars.close.length - 1;
  const lastAtr = atr(bars.high, bars.low, bars.close, BREAKOUT_DEFAULTS.atrPeriod)[last];
  return {
    dataName: `${dataName}, ${bars.date[0]} to ${bars.date[last]} (${bars.close.length} bars)`,
    bars,
    trades,
    edge,
    balance: toMoney('100000'),
    price: toMoney(bars.close[last].toFixed(2)),
    lotStep: toMoney('1'),
    stopDistance: toMoney((BREAKOUT_DEFAULTS.stopAtr * lastAtr).toFixed(2)),
  };
}

/** The report's context on the bundled S&P 500 data. */
export async function loadContext(): Promise<ReportContext> {
  const bars = parseOhlcvCsv(readFileSync(bundledDataFile(BUNDLED_PRICES), 'utf8'));
  return contextOf(bars, 'S&P 500 daily');
}
