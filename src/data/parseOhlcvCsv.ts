import { SizewiseError, describeValue } from '../errors.js';

/** Daily bars as columns: what the indicators and the reference strategy read. */
export interface OhlcvColumns {
  date: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const PRICES = ['open', 'high', 'low', 'close'] as const;

/**
 * Daily bars from a CSV with a header row (columns found by name, any order, case-insensitive;
 * extra columns ignored): `date` and `open`, `high`, `low`, `close` are required; `volume` is
 * optional (a missing column or an empty cell reads as NaN: a series without volume). Prices
 * must be finite and > 0 with low ≤ high, volumes finite and ≥ 0; a bad cell is a SizewiseError whose field names the
 * data row (counted from 1 after the header) and the column, e.g. `csv[3].close`.
 *
 * @example parseOhlcvCsv('date,open,high,low,close,volume\n2020-01-02,10,11,9,10.5,1000').close // Float64Array [10.5]
 */
export function parseOhlcvCsv(text: string): OhlcvColumns {
  if (typeof text !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'csv', `the CSV must be given as a string, received ${describeValue(text)}`, text);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new SizewiseError('EMPTY_INPUT', 'csv', 'the CSV has no data rows');
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const column = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0 && name !== 'volume') throw new SizewiseError('UNKNOWN_KEY', `csv.${name}`, `the CSV header has no "${name}" column (found: ${header.join(', ')})`);
    return i;
  };
  const at = { date: column('date'), open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume') };
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
    const row = r + 1;
    out.date[r] = (cells[at.date] ?? '').trim();
    for (const name of PRICES) out[name][r] = cell(cells[at[name]], row, name, true);
    out.volume[r] = at.volume < 0 ? Number.NaN : cell(cells[at.volume], row, 'volume', false);
    if (out.high[r] < out.low[r]) {
      throw new SizewiseError('OUT_OF_RANGE', `csv[${row}].high`, `row ${row}: high ${out.high[r]} is below low ${out.low[r]}`, out.high[r]);
    }
  }
  return out;
}

/**
 * The number in the cell of data row `row`, column `name`: a price must be > 0; a volume ≥ 0,
 * and an empty volume cell is NaN (no volume).
 */
function cell(raw: string | undefined, row: number, name: string, price: boolean): number {
  const text = (raw ?? '').trim();
  if (text === '' && !price) return Number.NaN;
  const x = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(x) || (price ? x <= 0 : x < 0)) {
    throw new SizewiseError('NON_FINITE', `csv[${row}].${name}`, `row ${row}, column ${name}: must be a finite number ${price ? '> 0' : '≥ 0'}, received ${JSON.stringify(raw ?? '')}`, raw);
  }
  return x;
}
