// Data files of records, as the command line and the browser page read them: a CSV with a
// header or a JSON array of objects, columns found by name (case-insensitive). Errors are
// SizewiseErrors whose message names the file, the row (data rows counted from 1 after the
// header) and the column as the user wrote them, and whose field is `file[row].column`.
import { SizewiseError } from '../errors.js';
import { csvRows } from './csvRows.js';

/** One cell: its value (a string from CSV, any JSON value) and the column as the file spells it. */
export interface RecordCell {
  value: unknown;
  column: string;
}

/** A row's known, non-empty cells, keyed by the canonical column name. */
export type DataRecord = Map<string, RecordCell>;

/** The rows of a file and the columns it has that were not asked for. */
export interface DataRecords {
  records: DataRecord[];
  ignoredColumns: string[];
}

/**
 * The records of a file's text (JSON when the name ends in .json or the text starts with
 * "["), keeping the `columns` asked for; `required` must be in a CSV header (`hint` says how
 * to write it).
 */
export function parseRecords(text: string, file: string, columns: readonly string[], required: string, hint: string): DataRecords {
  const json = file.toLowerCase().endsWith('.json') || text.trimStart().startsWith('[');
  const known = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const out = json ? jsonRecords(text, file, known, required) : csvRecords(text, file, known, required, hint);
  if (out.records.length === 0) throw new SizewiseError('EMPTY_INPUT', 'file', `${file}: no data rows`);
  return out;
}

function csvRecords(text: string, file: string, known: Map<string, string>, required: string, hint: string): DataRecords {
  const rows = csvRows(text);
  if (rows.length === 0) throw new SizewiseError('EMPTY_INPUT', 'file', `${file}: the file is empty (expected a CSV header with a ${required} column, or a JSON array)`);
  const header = rows[0].cells.map((h) => h.trim());
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const name = known.get(h.toLowerCase());
    if (name === undefined) return;
    if (at.has(name)) throw new SizewiseError('UNKNOWN_KEY', `file.${name}`, `${file}: the header names the column ${name} twice`);
    at.set(name, i);
  });
  if (!at.has(required)) {
    throw new SizewiseError('UNKNOWN_KEY', `file.${required}`, `${file}: the header has no "${required}" column (found: ${header.join(', ') || 'nothing'}); ${hint}`);
  }
  const records = rows.slice(1).map((row, r) => {
    if (row.cells.length !== header.length) {
      throw new SizewiseError('LENGTH_MISMATCH', `file[${r + 1}]`, `${file}: row ${r + 1} (line ${row.line}): ${row.cells.length} cells, the header has ${header.length}`);
    }
    const record: DataRecord = new Map();
    for (const [name, i] of at) {
      const cell = row.cells[i].trim();
      if (cell !== '') record.set(name, { value: cell, column: header[i] });
    }
    return record;
  });
  return { records, ignoredColumns: header.filter((h) => !known.has(h.toLowerCase())) };
}

function jsonRecords(text: string, file: string, known: Map<string, string>, required: string): DataRecords {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new SizewiseError('INVALID_TYPE', 'file', `${file}: not valid JSON (${(error as Error).message})`);
  }
  const example = `{ "${required}": … }`;
  if (!Array.isArray(doc)) {
    throw new SizewiseError('INVALID_TYPE', 'file', `${file}: expected a JSON array of objects such as [${example}], found ${doc === null ? 'null' : typeof doc}`);
  }
  const ignored = new Set<string>();
  const records = doc.map((item: unknown, r) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new SizewiseError('INVALID_TYPE', `file[${r + 1}]`, `${file}: row ${r + 1}: expected an object such as ${example}, found ${JSON.stringify(item)}`);
    }
    const record: DataRecord = new Map();
    for (const [key, value] of Object.entries(item)) {
      const name = known.get(key.toLowerCase());
      if (name === undefined) ignored.add(key);
      else if (value !== null && value !== undefined) record.set(name, { value, column: key });
    }
    return record;
  });
  return { records, ignoredColumns: [...ignored] };
}

/**
 * A finite number from a CSV cell or a JSON number; a percent sign is refused with
 * `percentHint`. `where` starts the message ("f.csv: row 3, column return"); `field` is the
 * error's field (`file[3].return`).
 */
export function numberIn(cell: RecordCell, where: string, percentHint: string, field = 'file'): number {
  const { value } = cell;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.endsWith('%')) throw new SizewiseError('OUT_OF_RANGE', field, `${where}: ${JSON.stringify(value)} is a percent; ${percentHint} and drop the "%"`, value);
    const x = Number(text);
    if (Number.isFinite(x) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return x;
  }
  throw new SizewiseError('INVALID_TYPE', field, `${where}: ${JSON.stringify(value)} is not a number`, value);
}
