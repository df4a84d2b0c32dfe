// A minimal trades-file reader for the page, standing in until the command line's reader
// (CSV with a header or a JSON array; `return` as a fraction; optional closedAt,
// strategyId, rMultiple) is in the library. Errors name the row (data rows from 1 after
// the header) and the column.
import { SizewiseError, type Trade } from 'sizewise';

/** The trades of a CSV (with a header) or JSON (an array of objects) file's text. */
export function readTradesFile(text: string): Trade[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new SizewiseError('EMPTY_INPUT', 'file', 'the file is empty');
  return trimmed.startsWith('[') ? fromJson(trimmed) : fromCsv(trimmed);
}

function fromJson(text: string): Trade[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new SizewiseError('INVALID_TYPE', 'file', `the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(rows) || rows.length === 0) throw new SizewiseError('EMPTY_INPUT', 'file', 'the JSON array holds no trades');
  return rows.map((row: Record<string, unknown>, i) => trade((name) => row?.[name], i + 1));
}

function fromCsv(text: string): Trade[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  if (!header.includes('return')) {
    throw new SizewiseError('UNKNOWN_KEY', 'return', `the header has no "return" column (found: ${header.join(', ')})`);
  }
  const rows = lines.slice(1).filter((line) => line.trim() !== '');
  if (rows.length === 0) throw new SizewiseError('EMPTY_INPUT', 'file', 'the file has a header but no data rows');
  return rows.map((line, i) => {
    const cells = line.split(',');
    return trade((name) => {
      const at = header.indexOf(name);
      return at < 0 ? undefined : cells[at]?.trim();
    }, i + 1);
  });
}

/** One trade from a row, read cell by cell through `cell(column)`. */
function trade(cell: (column: string) => unknown, row: number): Trade {
  const returnPct = number(cell('return'), row, 'return');
  if (returnPct === undefined) throw new SizewiseError('EMPTY_INPUT', `row ${row}.return`, `row ${row}, column return: the cell is empty`);
  const t: Trade = { returnPct };
  const closedAt = cell('closedAt');
  if (closedAt !== undefined && closedAt !== '') t.closedAt = String(closedAt);
  const strategyId = cell('strategyId');
  if (strategyId !== undefined && strategyId !== '') t.strategyId = String(strategyId);
  const rMultiple = number(cell('rMultiple'), row, 'rMultiple');
  if (rMultiple !== undefined) t.rMultiple = rMultiple;
  return t;
}

function number(value: unknown, row: number, column: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (text.endsWith('%')) {
    throw new SizewiseError('OUT_OF_RANGE', `row ${row}.${column}`, `row ${row}, column ${column}: ${JSON.stringify(text)} looks like a percentage; give a fraction (−0.018 for −1.8 %)`);
  }
  const x = typeof value === 'number' ? value : text === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) {
    throw new SizewiseError('INVALID_TYPE', `row ${row}.${column}`, `row ${row}, column ${column}: expected a number, found ${JSON.stringify(text)}`);
  }
  return x;
}
