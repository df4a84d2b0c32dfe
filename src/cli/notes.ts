import type { CliIo } from './io.js';
import type { TradesFile } from './readTrades.js';

/** A note on stderr: what sizewise did that the user may not expect (never the result itself). */
export function note(io: CliIo, text: string): void {
  io.err(`note: ${text}\n`);
}

/** Names the columns of a trades file that were not read, so a misspelt optional column is noticed. */
export function noteIgnoredColumns(io: CliIo, input: TradesFile): void {
  if (input.ignoredColumns.length > 0) note(io, `${input.file}: ignoring columns ${input.ignoredColumns.join(', ')} (sizewise reads return, closedAt, strategyId, rMultiple)`);
}
