// Trades files: a CSV with a header or a JSON array of objects, read by the library's
// parseTradesFile (shared with the browser page: a `return` column as a fraction, optional
// closedAt, strategyId and rMultiple, percents refused, errors naming the file, the row and
// the column); here the file is read from disk and a bad file is a usage error.
import { parseTradesFile, type TradesFile } from '../data/parseTradesFile.js';
import { asUsageError, readText } from './readRecords.js';

export { TRADE_COLUMNS, type TradesFile } from '../data/parseTradesFile.js';

/** Reads and checks a trades file (CSV, or JSON when it ends in .json or starts with "["). */
export async function readTrades(file: string): Promise<TradesFile> {
  return parseTrades(await readText(file, 'trades'), file);
}

/** The trades in a file's text; `file` names it in errors. */
export function parseTrades(text: string, file: string): TradesFile {
  return asUsageError(() => parseTradesFile(text, file));
}
