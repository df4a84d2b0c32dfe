// Data files of records for the command line: the text read from disk, then the library's
// reader (src/data/parseRecords.ts, shared with the browser page), whose errors — naming
// the file, the row and the column — become usage errors with the same message.
import { readFile } from 'node:fs/promises';
import { numberIn as numberInCell, parseRecords as parseRecordsText } from '../data/parseRecords.js';
import { SizewiseError } from '../errors.js';
import { UsageError } from './UsageError.js';

export type { DataRecord, DataRecords, RecordCell } from '../data/parseRecords.js';

/** The text of a file, or a usage error that names it. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the ${what} file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** `read()`, with a SizewiseError (bad data in a file) turned into a UsageError of the same message. */
export function asUsageError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SizewiseError) throw new UsageError(error.message);
    throw error;
  }
}

/** The library's parseRecords, failing with a UsageError. */
export function parseRecords(...args: Parameters<typeof parseRecordsText>): ReturnType<typeof parseRecordsText> {
  return asUsageError(() => parseRecordsText(...args));
}

/** The library's numberIn, failing with a UsageError. */
export function numberIn(...args: Parameters<typeof numberInCell>): number {
  return asUsageError(() => numberInCell(...args));
}
