import { readFile } from 'node:fs/promises';
import { parseOhlcvCsv, SizewiseError, type OhlcvColumns } from '../index.js';
import { UsageError } from './UsageError.js';

/**
 * Daily bars from an OHLCV CSV (as the files in data/: date, open, high, low, close and
 * optionally volume, any order), through the library's parseOhlcvCsv; its errors, which name
 * the row and column, are prefixed with the file.
 */
export async function readPrices(file: string): Promise<OhlcvColumns> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the prices file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseOhlcvCsv(text);
  } catch (error) {
    if (error instanceof SizewiseError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}
