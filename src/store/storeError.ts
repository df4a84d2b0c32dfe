import { SizewiseError } from '../errors.js';

/** What an engine, the file system or IndexedDB threw, as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** IO_ERROR on `field`: `what` failed, with the cause's message. */
export function ioError(field: string, what: string, error: unknown): SizewiseError {
  return new SizewiseError('IO_ERROR', field, `${field}: ${what}: ${messageOf(error)}`, error);
}

/**
 * An error of SQLite (either engine) or of the host as a SizewiseError on `field`: NOT_A_STORE
 * when SQLite says the file is not a database or is damaged, IO_ERROR otherwise (while opening
 * `location`, when given). A SizewiseError passes through.
 */
export function asStoreError(error: unknown, field: string, location?: string): SizewiseError {
  if (error instanceof SizewiseError) return error;
  const message = messageOf(error);
  if (/not a database|malformed|corrupt/i.test(message)) {
    return new SizewiseError('NOT_A_STORE', field, `${field}${location === undefined ? '' : ` ${JSON.stringify(location)}`} is not a readable sizewise store: ${message}`, error);
  }
  return ioError(field, location === undefined ? 'the database failed' : `cannot open ${JSON.stringify(location)}`, error);
}
