import { SizewiseError, describeValue } from '../errors.js';

/** Daily closes of several instruments in one table: a date column and one column per symbol. */
export interface ClosesTable {
  date: string[];
  symbols: string[];
  /** One series per symbol, in header order, aligned with `date`. */
  closes: Float64Array[];
}

/**
 * A wide CSV of closes (`date,AA,AXP,…`, one row per day, oldest first), as the bundled
 * Dow Jones 30 file: the first column is the date, every other column a symbol. Every close
 * must be finite and > 0; a bad cell is a SizewiseError whose field names the data row
 * (counted from 1 after the header) and the symbol, e.g. `csv[3].IBM`, as parseOhlcvCsv does.
 *
 * @example parseClosesCsv('date,AA,IBM\n2000-01-03,10,100\n2000-01-04,11,99').closes[1] // Float64Array [100, 99]
 */
export function parseClosesCsv(text: string): ClosesTable {
  if (typeof text !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'csv', `the CSV must be given as a string, received ${describeValue(text)}`, text);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new SizewiseError('EMPTY_INPUT', 'csv', 'the CSV has no data rows');
  const header = lines[0].split(',').map((h) => h.trim());
  const symbols = header.slice(1);
  if (symbols.length === 0) throw new SizewiseError('EMPTY_INPUT', 'csv', 'the CSV header has a date column but no symbols');
  const seen = new Set<string>();
  for (const s of symbols) {
    if (s === '' || seen.has(s)) throw new SizewiseError('INVALID_TYPE', 'csv', `the CSV header has an empty or repeated symbol ${JSON.stringify(s)}`, s);
    seen.add(s);
  }
  const n = lines.length - 1;
  const date = new Array<string>(n);
  const closes = symbols.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1].split(',');
    const row = r + 1;
    if (cells.length !== header.length) {
      throw new SizewiseError('LENGTH_MISMATCH', `csv[${row}]`, `row ${row} has ${cells.length} cells, the header ${header.length}`, cells.length);
    }
    date[r] = cells[0].trim();
    for (let j = 0; j < symbols.length; j++) {
      const raw = cells[j + 1].trim();
      const x = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(x) || x <= 0) {
        throw new SizewiseError('NON_FINITE', `csv[${row}].${symbols[j]}`, `row ${row}, column ${symbols[j]}: must be a finite close > 0, received ${JSON.stringify(raw)}`, raw);
      }
      closes[j][r] = x;
    }
  }
  return { date, symbols, closes };
}
