import { SizewiseError, describeValue } from '../errors.js';
import type { OhlcvColumns } from './parseOhlcvCsv.js';

/**
 * Parses a wide CSV of daily closes — a `date` column and one column per symbol, as in
 * the bundled Dow Jones 30 file — into one closes-only series per symbol: open = high =
 * low = close, and NaN volumes (there is none). Symbols keep the header's order. A
 * malformed or non-positive close is an error naming its line and symbol, not a skipped bar.
 *
 * @example parseClosesCsv(text).get('IBM')?.close[0]
 */
export function parseClosesCsv(text: string): Map<string, OhlcvColumns> {
  if (typeof text !== 'string') throw new SizewiseError('INVALID_TYPE', 'csv', `the CSV must be given as a string, received ${describeValue(text)}`, text);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new SizewiseError('EMPTY_INPUT', 'csv', 'the CSV has no data rows');
  const header = lines[0].split(',').map((h) => h.trim());
  const dateAt = header.findIndex((h) => h.toLowerCase() === 'date');
  if (dateAt < 0) throw new SizewiseError('UNKNOWN_KEY', 'csv.date', 'the CSV header has no "date" column');
  const n = lines.length - 1;
  const dates = new Array<string>(n);
  const closes = header.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1].split(',');
    if (cells.length !== header.length) {
      throw new SizewiseError('LENGTH_MISMATCH', 'csv', `line ${r + 2}: ${cells.length} cells, the header has ${header.length}`);
    }
    dates[r] = cells[dateAt].trim();
    header.forEach((symbol, c) => {
      if (c === dateAt) return;
      const x = Number(cells[c]);
      if (!Number.isFinite(x) || x <= 0 || cells[c].trim() === '') {
        throw new SizewiseError('NON_FINITE', `csv.${symbol}`, `line ${r + 2}: the close of ${symbol} must be a finite positive number, received "${cells[c]}"`);
      }
      closes[c][r] = x;
    });
  }
  const out = new Map<string, OhlcvColumns>();
  header.forEach((symbol, c) => {
    if (c === dateAt) return;
    const close = closes[c];
    out.set(symbol, { date: [...dates], open: close.slice(), high: close.slice(), low: close.slice(), close, volume: new Float64Array(n).fill(Number.NaN) });
  });
  return out;
}
