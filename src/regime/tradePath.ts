import { checkOhlcvColumns } from '../data/checkOhlcvColumns.js';
import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import type { PricePath } from './pricePath.js';
import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer } from '../validate.js';

/** What tradePath reads of a trade taken on a series of bars. */
export interface RegimeTrade {
  /** Bar whose open (or a price inside it) the entry filled at; the signal bar is the one before. */
  entryIndex: number;
  /** Bar the strategy closed the trade in. */
  exitIndex: number;
  entryPrice: number;
  /** Initial stop, below the entry. */
  stopPrice: number;
  /** The strategy's exit price. */
  exitPrice: number;
  /** 'end' when the trade was still open at the last bar and closed at its close. */
  exitReason?: string;
  /** The strategy's own R-multiple; (exitPrice − entry) ÷ (entry − stop) when absent. */
  rMultiple?: number;
}

/**
 * The price path a scaling template manages for a strategy's trade: the bars from the
 * entry bar up to the bar before the strategy's exit, then the exit price as a last
 * one-price bar (high = low = close = exitPrice), so that whatever the template still
 * holds leaves when the strategy leaves, at its price. A trade still open at the end of
 * the data ('end') keeps its whole last bar. Checks the bars and the trade (see regimeSamples).
 *
 * @example tradePath(bars, breakoutTrades(bars)[0]).close.length // bars held, the exit bar included
 */
export function tradePath(bars: OhlcvColumns, trade: RegimeTrade): PricePath {
  checkOhlcvColumns(bars, 'bars');
  checkRegimeTrade(trade, 'trade', bars.close.length);
  return tradePathUnchecked(bars, trade);
}

/** tradePath for checked bars and a trade checked against them. */
export function tradePathUnchecked(bars: OhlcvColumns, trade: RegimeTrade): PricePath {
  const from = trade.entryIndex;
  const full = trade.exitReason === 'end';
  const to = full ? trade.exitIndex + 1 : trade.exitIndex; // bars copied whole: [from, to)
  const length = to - from + (full ? 0 : 1);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  for (let i = from; i < to; i++) {
    high[i - from] = bars.high[i];
    low[i - from] = bars.low[i];
    close[i - from] = bars.close[i];
  }
  if (!full) {
    high[length - 1] = trade.exitPrice;
    low[length - 1] = trade.exitPrice;
    close[length - 1] = trade.exitPrice;
  }
  return { entry: trade.entryPrice, stop: trade.stopPrice, high, low, close };
}

/** Checks one trade against its series of n bars (`field` names it); returns its R-multiple. */
export function checkRegimeTrade(trade: unknown, field: string, n: number): number {
  if (trade === null || typeof trade !== 'object') throw new SizewiseError('INVALID_TYPE', field, `${field} must be a trade, received ${describeValue(trade)}`, trade);
  const t = trade as RegimeTrade;
  const entryIndex = integer(t.entryIndex, `${field}.entryIndex`, 1, n - 1); // a signal bar must precede it
  integer(t.exitIndex, `${field}.exitIndex`, entryIndex, n - 1);
  const entry = finite(t.entryPrice, `${field}.entryPrice`);
  const stop = finite(t.stopPrice, `${field}.stopPrice`);
  if (!(stop < entry)) {
    throw new SizewiseError('OUT_OF_RANGE', `${field}.stopPrice`, `${field}.stopPrice must be below the entry ${entry} (long trades), received ${stop}`, stop);
  }
  const exit = finite(t.exitPrice, `${field}.exitPrice`);
  if (!(exit > 0)) throw new SizewiseError('OUT_OF_RANGE', `${field}.exitPrice`, `${field}.exitPrice must be > 0, received ${exit}`, exit);
  if (t.exitReason !== undefined && typeof t.exitReason !== 'string') {
    throw new SizewiseError('INVALID_TYPE', `${field}.exitReason`, `${field}.exitReason must be a string when given, received ${describeValue(t.exitReason)}`, t.exitReason);
  }
  return t.rMultiple === undefined ? (exit - entry) / (entry - stop) : finite(t.rMultiple, `${field}.rMultiple`);
}
