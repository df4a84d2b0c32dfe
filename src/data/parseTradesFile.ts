import { SizewiseError, describeValue } from '../errors.js';
import type { OutputTrade } from '../edge/trade.js';
import { returnFields } from '../edge/tradeReturn.js';
import { numberIn, parseRecords, type DataRecord, type RecordCell } from './parseRecords.js';

/** The columns a trades file may have (matched case-insensitively); others are ignored and listed. */
export const TRADE_COLUMNS = Object.freeze(['return', 'closedAt', 'strategyId', 'rMultiple'] as const);

/** What a trades file holds, ready for the library (`returnFraction` is the library's name for `return`). */
export interface TradesFile {
  /** The name the file was read under, as it appears in messages. */
  file: string;
  trades: OutputTrade[];
  /** The returns in file order. */
  returns: number[];
  /** Every trade has a closedAt. */
  dated: boolean;
  /** The distinct strategyIds, in order of first appearance (empty when the file has none). */
  strategies: string[];
  /** Columns the file has that sizewise does not read. */
  ignoredColumns: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const HOW_TO_CONVERT = 'returns are fractions of the position (−0.018 = −1.8 %): if the file holds percents, divide them by 100';

/**
 * The trades of a trades file's text, as the command line and the browser page read them: a
 * CSV with a header (RFC 4180), or a JSON array of objects (when `file` ends in .json or the
 * text starts with "["). The column or field `return` is the position's return as a fraction
 * (−0.018 = −1.8 %); `closedAt` (an ISO date), `strategyId` and `rMultiple` are optional.
 * Percents are refused, never reinterpreted: a "%" sign, every |return| above 1, or a loss
 * below −100 %. A bad cell is a SizewiseError whose message starts with `file`, the row (data
 * rows counted from 1 after the header) and the column, e.g. "trades.csv: row 3, column
 * return: "abc" is not a number", and whose field is `file[3].return`. No file system:
 * read the text first (`await file.text()` in a page).
 *
 * @example parseTradesFile('return,closedAt\n0.031,2024-01-02\n-0.012,2024-01-03', 'trades.csv').returns // [0.031, -0.012]
 */
export function parseTradesFile(text: string, file = 'trades'): TradesFile {
  if (typeof file !== 'string' || file === '') {
    throw new SizewiseError('INVALID_TYPE', 'file', `file must be the file's name (a non-empty string), received ${describeValue(file)}`, file);
  }
  if (typeof text !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'text', `${file}: the file's text must be a string, received ${describeValue(text)}`, text);
  }
  const { records, ignoredColumns } = parseRecords(text, file, TRADE_COLUMNS, 'return', HOW_TO_CONVERT);
  const trades = records.map((r, i) => toTrade(r, i + 1, file));
  const returns = trades.map((t) => t.returnFraction);
  // Every |return| above 1 (a 100 % move on every trade) is what percents look like.
  if (returns.every((r) => Math.abs(r) > 1)) {
    throw new SizewiseError('OUT_OF_RANGE', 'file.return', `${file}: column return: every value's magnitude is above 1 (e.g. ${returns[0]}), which looks like percents; ${HOW_TO_CONVERT}`, returns[0]);
  }
  const below = returns.findIndex((r) => r < -1);
  if (below >= 0) {
    throw new SizewiseError('OUT_OF_RANGE', `file[${below + 1}].return`, `${file}: row ${below + 1}, column return: ${returns[below]} is a loss of more than 100 % of the position; ${HOW_TO_CONVERT}`, returns[below]);
  }
  const strategies = [...new Set(trades.map((t) => t.strategyId).filter((s): s is string => s !== undefined))];
  if (strategies.length > 0 && trades.some((t) => t.strategyId === undefined)) {
    const row = trades.findIndex((t) => t.strategyId === undefined) + 1;
    throw new SizewiseError('EMPTY_INPUT', `file[${row}].strategyId`, `${file}: row ${row}, column strategyId: empty, while other rows name a strategy; give every row one or none`);
  }
  return { file, trades, returns, dated: trades.every((t) => t.closedAt !== undefined), strategies, ignoredColumns };
}

function toTrade(record: DataRecord, row: number, file: string): OutputTrade {
  const where = (c: RecordCell) => `${file}: row ${row}, column ${c.column}`;
  const field = (name: string) => `file[${row}].${name}`;
  const ret = record.get('return');
  if (ret === undefined) throw new SizewiseError('EMPTY_INPUT', field('return'), `${file}: row ${row}, column return: missing (every trade needs its return)`);
  const returnFraction = numberIn(ret, where(ret), HOW_TO_CONVERT, field('return')); // below −1 is refused once every row is read (percents first)
  const trade: OutputTrade = returnFields(returnFraction);
  const closedAt = record.get('closedAt');
  if (closedAt !== undefined) {
    const value = closedAt.value;
    if (typeof value !== 'string' || !ISO_DATE.test(value.trim()) || Number.isNaN(Date.parse(value.trim()))) {
      throw new SizewiseError('INVALID_TYPE', field('closedAt'), `${where(closedAt)}: ${JSON.stringify(value)} is not an ISO date such as 2024-03-15 or 2024-03-15T16:00:00Z`, value);
    }
    trade.closedAt = value.trim();
  }
  const strategy = record.get('strategyId');
  if (strategy !== undefined) {
    if (typeof strategy.value !== 'string' && typeof strategy.value !== 'number') {
      throw new SizewiseError('INVALID_TYPE', field('strategyId'), `${where(strategy)}: expected a name, found ${JSON.stringify(strategy.value)}`, strategy.value);
    }
    trade.strategyId = String(strategy.value).trim();
  }
  const r = record.get('rMultiple');
  if (r !== undefined) trade.rMultiple = numberIn(r, where(r), HOW_TO_CONVERT, field('rMultiple'));
  return trade;
}
