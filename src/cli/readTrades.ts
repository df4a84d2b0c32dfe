// Trades files: a CSV with a header or a JSON array of objects. The `return` column/field
// is the return of the position as a fraction (−0.018 = −1.8 %); closedAt (ISO date),
// strategyId and rMultiple are optional. Errors name the file, the row (data rows counted
// from 1 after the header) and the column; percents are refused, never reinterpreted.
import type { Trade } from '../index.js';
import { numberIn, parseRecords, readText, type DataRecord, type RecordCell } from './readRecords.js';
import { UsageError } from './UsageError.js';

/** The columns a trades file may have (case-insensitive); others are ignored with a note. */
export const TRADE_COLUMNS = Object.freeze(['return', 'closedAt', 'strategyId', 'rMultiple'] as const);

/** What a trades file holds, ready for the library (returnPct is the library's name for `return`). */
export interface TradesFile {
  file: string;
  trades: Trade[];
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

/** Reads and checks a trades file (CSV, or JSON when it ends in .json or starts with "["). */
export async function readTrades(file: string): Promise<TradesFile> {
  return parseTrades(await readText(file, 'trades'), file);
}

/** The trades in a file's text; `file` names it in errors. */
export function parseTrades(text: string, file: string): TradesFile {
  const { records, ignoredColumns } = parseRecords(text, file, TRADE_COLUMNS, 'return', HOW_TO_CONVERT);
  const trades = records.map((r, i) => toTrade(r, i + 1, file));
  const returns = trades.map((t) => t.returnPct);
  // Every |return| above 1 (a 100 % move on every trade) is what percents look like.
  if (returns.every((r) => Math.abs(r) > 1)) {
    throw new UsageError(`${file}: column return: every value's magnitude is above 1 (e.g. ${returns[0]}), which looks like percents; ${HOW_TO_CONVERT}`);
  }
  const below = returns.findIndex((r) => r < -1);
  if (below >= 0) {
    throw new UsageError(`${file}: row ${below + 1}, column return: ${returns[below]} is a loss of more than 100 % of the position; ${HOW_TO_CONVERT}`);
  }
  const strategies = [...new Set(trades.map((t) => t.strategyId).filter((s): s is string => s !== undefined))];
  if (strategies.length > 0 && trades.some((t) => t.strategyId === undefined)) {
    const row = trades.findIndex((t) => t.strategyId === undefined) + 1;
    throw new UsageError(`${file}: row ${row}, column strategyId: empty, while other rows name a strategy; give every row one or none`);
  }
  return { file, trades, returns, dated: trades.every((t) => t.closedAt !== undefined), strategies, ignoredColumns };
}

function toTrade(record: DataRecord, row: number, file: string): Trade {
  const where = (c: RecordCell) => `${file}: row ${row}, column ${c.column}`;
  const ret = record.get('return');
  if (ret === undefined) throw new UsageError(`${file}: row ${row}, column return: missing (every trade needs its return)`);
  const returnPct = numberIn(ret, where(ret), HOW_TO_CONVERT); // below −1 is refused once every row is read (percents first)
  const trade: Trade = { returnPct };
  const closedAt = record.get('closedAt');
  if (closedAt !== undefined) {
    const value = closedAt.value;
    if (typeof value !== 'string' || !ISO_DATE.test(value.trim()) || Number.isNaN(Date.parse(value.trim()))) {
      throw new UsageError(`${where(closedAt)}: ${JSON.stringify(value)} is not an ISO date such as 2024-03-15 or 2024-03-15T16:00:00Z`);
    }
    trade.closedAt = value.trim();
  }
  const strategy = record.get('strategyId');
  if (strategy !== undefined) {
    if (typeof strategy.value !== 'string' && typeof strategy.value !== 'number') throw new UsageError(`${where(strategy)}: expected a name, found ${JSON.stringify(strategy.value)}`);
    trade.strategyId = String(strategy.value).trim();
  }
  const r = record.get('rMultiple');
  if (r !== undefined) trade.rMultiple = numberIn(r, where(r), HOW_TO_CONVERT);
  return trade;
}
