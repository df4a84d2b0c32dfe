import { SizewiseError } from '../errors.js';

/** Daily bars as columns: what the indicators and the reference strategy read. */
export interface OhlcvColumns {
  date: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const REQUIRED = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Parses CSV text with a header row naming at least date, open, high, low, close and
 * volume (any order, extra columns ignored), as in the bundled data/ files.
 * A malformed row is an error naming its line, not a silently skipped bar.
 */
export function parseOhlcvCsv(text: string): OhlcvColumns {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new SizewiseError('EMPTY_INPUT', 'csv', 'the CSV has no data rows');
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries(
    REQUIRED.map((name) => {
      const i = header.indexOf(name);
      if (i < 0) throw new SizewiseError('UNKNOWN_KEY', `csv.${name}`, `the CSV header has no "${name}" column`);
      return [name, i];
    }),
  ) as Record<(typeof REQUIRED)[number], number>;
  const n = lines.length - 1;
  const out: OhlcvColumns = {
    date: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1].split(',');
    out.date[r] = cells[at.date].trim();
    for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) {
      const x = Number(cells[at[name]]);
      if (!Number.isFinite(x) || x < 0) {
        throw new SizewiseError('NON_FINITE', `csv.${name}`, `line ${r + 2}: ${name} must be a finite non-negative number, received "${cells[at[name]]}"`);
      }
      out[name][r] = x;
    }
  }
  return out;
}
