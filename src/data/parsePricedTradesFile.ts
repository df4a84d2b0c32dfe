import { SizewiseError, describeValue } from '../errors.js';
import type { OutputTrade } from '../edge/trade.js';
import { returnFields } from '../edge/tradeReturn.js';
import { checkIsoDates } from './checkIsoDates.js';
import { checkOhlcv } from './checkOhlcv.js';
import type { OhlcvColumns } from './parseOhlcvCsv.js';
import { numberIn, parseRecords, type DataRecord, type RecordCell } from './parseRecords.js';

/** The columns a priced trades file may have (matched case-insensitively); others are ignored and listed. */
export const PRICED_TRADE_COLUMNS = Object.freeze(['openedAt', 'closedAt', 'stop', 'entry', 'exit'] as const);

/**
 * A closed long trade placed on a price series, with what a backtest and a sizer need: the
 * bars of entry and exit, the prices, and the stop (the risk unit R = entry − stop).
 */
export interface PricedTrade extends OutputTrade {
  /** The exit bar's date, as the prices file spells it. */
  closedAt: string;
  /** (exitPrice − entryPrice) ÷ (entryPrice − stopPrice). */
  rMultiple: number;
  /** The entry bar's date, as the prices file spells it. */
  entryDate: string;
  /** Bar of entry, ≥ 1 (bar 0 starts the equity curve), after the previous trade's exit bar. */
  entryIndex: number;
  /** Bar of exit, ≥ entryIndex. */
  exitIndex: number;
  entryPrice: number;
  exitPrice: number;
  /** The protective stop, in [0, entryPrice). */
  stopPrice: number;
}

/** What a priced trades file holds, in file order. */
export interface PricedTradesFile {
  /** The name the file was read under, as it appears in messages. */
  file: string;
  trades: PricedTrade[];
  /** Columns the file has that sizewise does not read. */
  ignoredColumns: string[];
}

const HINT = 'each row is one long trade: openedAt and closedAt (dates of bars in the prices file), stop (price), optional entry and exit (prices)';
const PRICE_HINT = 'prices are plain numbers such as 101.25';

/**
 * A user's own trades on a price series, from a trades file's text (a CSV with a header, or a
 * JSON array of objects when `file` ends in .json or the text starts with "["), for
 * backtestSizing and the command line's `backtest --trades`. Columns: `openedAt` and
 * `closedAt`, the ISO dates (YYYY-MM-DD; a time part is ignored) of the entry and exit bars,
 * which must be bars of `bars`; `stop`, the stop price, below the entry (long trades only);
 * optional `entry` and `exit` prices, each within its bar's low–high range. As the reference
 * strategy trades, a trade enters at its entry bar's open and, without an `exit` price, leaves
 * at its exit bar's open (the reference strategy's stop may fill lower, and its last trade at
 * the last close: give `exit` for those). Trades are one at a time, in order: each opens after
 * the bar the previous one closed, and none opens on the first bar (the start of the equity
 * curve). `returnFraction` is exit ÷ entry − 1 and `closedAt` the exit bar's date. A bad cell is a
 * SizewiseError whose message starts with the file, the row (data rows counted from 1 after
 * the header) and the column, and whose field is `file[N].column`. No file system: read the
 * text first.
 *
 * @example
 * const bars = { date: ['2024-01-02', '2024-01-03', '2024-01-04'], open: [100, 101, 104], high: [102, 105, 106], low: [99, 100, 103], close: [101, 104, 105] };
 * parsePricedTradesFile('openedAt,closedAt,stop\n2024-01-03,2024-01-04,96', bars, 'trades.csv').trades[0].returnFraction
 * // 0.0297…: in at 101 (the open of 2024-01-03), out at 104 (the open of 2024-01-04)
 */
export function parsePricedTradesFile(text: string, bars: OhlcvColumns, file = 'trades'): PricedTradesFile {
  if (typeof file !== 'string' || file === '') {
    throw new SizewiseError('INVALID_TYPE', 'file', `file must be the file's name (a non-empty string), received ${describeValue(file)}`, file);
  }
  if (typeof text !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'text', `${file}: the file's text must be a string, received ${describeValue(text)}`, text);
  }
  checkOhlcv(bars, 'bars', ['open', 'high', 'low', 'close']);
  const dates = checkIsoDates(bars.date, 'bars.date');
  if (dates.length !== bars.close.length) {
    throw new SizewiseError('LENGTH_MISMATCH', 'bars.date', `bars.date has ${dates.length} dates for ${bars.close.length} bars`, dates.length);
  }
  // A day with more than one bar (a repeated row, intraday bars) maps to -1: a trade on it is refused.
  const barOf = new Map<string, number>();
  dates.forEach((d, i) => barOf.set(d.slice(0, 10), barOf.has(d.slice(0, 10)) ? -1 : i));
  const { records, ignoredColumns } = parseRecords(text, file, PRICED_TRADE_COLUMNS, 'openedAt', HINT);
  const trades: PricedTrade[] = [];
  let previousExit = 0; // bar 0 starts the curve: the first entry may be bar 1
  records.forEach((record, i) => {
    const trade = toTrade(record, i + 1, file, bars, barOf, previousExit);
    previousExit = trade.exitIndex;
    trades.push(trade);
  });
  return { file, trades, ignoredColumns };
}

function toTrade(record: DataRecord, row: number, file: string, bars: OhlcvColumns, barOf: ReadonlyMap<string, number>, previousExit: number): PricedTrade {
  const where = (c: RecordCell) => `${file}: row ${row}, column ${c.column}`;
  const field = (name: string) => `file[${row}].${name}`;
  const cell = (name: (typeof PRICED_TRADE_COLUMNS)[number], why: string): RecordCell => {
    const c = record.get(name);
    if (c === undefined) throw new SizewiseError('EMPTY_INPUT', field(name), `${file}: row ${row}, column ${name}: missing (${why})`);
    return c;
  };
  const barAt = (name: 'openedAt' | 'closedAt', c: RecordCell): number => {
    const value = c.value;
    const day = typeof value === 'string' ? value.trim().slice(0, 10) : '';
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(value.trim()) || Number.isNaN(Date.parse(day))) {
      throw new SizewiseError('INVALID_TYPE', field(name), `${where(c)}: ${JSON.stringify(value)} is not an ISO date such as 2024-03-15`, value);
    }
    const index = barOf.get(day);
    if (index === undefined) {
      const n = bars.date.length;
      throw new SizewiseError('OUT_OF_RANGE', field(name), `${where(c)}: ${day} is not a date of the prices file (its bars run from ${bars.date[0]} to ${bars.date[n - 1]}, trading days only)`, value);
    }
    if (index < 0) {
      throw new SizewiseError('OUT_OF_RANGE', field(name), `${where(c)}: ${day} has more than one bar in the prices file (daily bars are expected: one row a day)`, value);
    }
    return index;
  };
  const price = (c: RecordCell, name: string) => {
    const x = numberIn(c, where(c), PRICE_HINT, field(name));
    if (!(x > 0)) throw new SizewiseError('OUT_OF_RANGE', field(name), `${where(c)}: ${x} is not a price above 0`, x);
    return x;
  };
  const withinBar = (c: RecordCell, name: string, index: number) => {
    const x = price(c, name);
    if (x < bars.low[index] || x > bars.high[index]) {
      throw new SizewiseError('OUT_OF_RANGE', field(name), `${where(c)}: ${x} is outside the bar's range on ${bars.date[index]} (low ${bars.low[index]}, high ${bars.high[index]})`, x);
    }
    return x;
  };

  const opened = cell('openedAt', 'the date of the entry bar');
  const entryIndex = barAt('openedAt', opened);
  if (entryIndex <= previousExit) {
    const why = entryIndex === 0 ? 'is the first bar of the prices file, where the equity curve starts: a trade enters from the second bar on' : `is not after the previous trade's exit (${bars.date[previousExit]}, row ${row - 1}): trades are one at a time, in order`;
    throw new SizewiseError('OUT_OF_RANGE', field('openedAt'), `${where(opened)}: ${bars.date[entryIndex]} ${why}`, opened.value);
  }
  const closed = cell('closedAt', 'the date of the exit bar');
  const exitIndex = barAt('closedAt', closed);
  if (exitIndex < entryIndex) {
    throw new SizewiseError('OUT_OF_RANGE', field('closedAt'), `${where(closed)}: ${bars.date[exitIndex]} is before the trade's openedAt ${bars.date[entryIndex]}`, closed.value);
  }
  const entryCell = record.get('entry');
  const entryPrice = entryCell === undefined ? bars.open[entryIndex] : withinBar(entryCell, 'entry', entryIndex);
  const exitCell = record.get('exit');
  if (exitCell === undefined && exitIndex === entryIndex) {
    throw new SizewiseError('EMPTY_INPUT', field('exit'), `${file}: row ${row}, column exit: missing; a trade that opens and closes on the same bar (${bars.date[entryIndex]}) needs its exit price (the default, the bar's open, is where it entered)`);
  }
  const exitPrice = exitCell === undefined ? bars.open[exitIndex] : withinBar(exitCell, 'exit', exitIndex);
  const stopCell = cell('stop', 'the stop price: sizing by risk needs the distance from entry to stop');
  const stopPrice = numberIn(stopCell, where(stopCell), PRICE_HINT, field('stop'));
  if (!(stopPrice >= 0 && stopPrice < entryPrice)) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      field('stop'),
      `${where(stopCell)}: ${stopPrice} is not in [0, ${entryPrice}), below the entry: only long trades are supported (a short trade's stop is above its entry)`,
      stopPrice,
    );
  }
  return {
    closedAt: bars.date[exitIndex],
    ...returnFields(exitPrice / entryPrice - 1),
    rMultiple: (exitPrice - entryPrice) / (entryPrice - stopPrice),
    entryDate: bars.date[entryIndex],
    entryIndex,
    exitIndex,
    entryPrice,
    exitPrice,
    stopPrice,
  };
}
