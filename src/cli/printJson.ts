import type { CliIo } from './io.js';

/**
 * The one JSON document a `--json` command prints: the library's own result shapes, with
 * money (Decimal) as decimal strings (Decimal's toJSON), typed arrays as arrays and Dates as
 * ISO strings. A non-finite number, which the library never returns, would be null.
 */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v), 2)}\n`);
}
