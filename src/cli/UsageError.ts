/**
 * Bad usage or bad input: the command line prints the message on stderr and exits with
 * code 2. The message names what is wrong as the user wrote it: the file, `row N` (data rows
 * counted from 1 after the header) and the column, or the option as typed.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
