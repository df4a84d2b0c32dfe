/**
 * Where a command writes: `out` is stdout (the result only: a report, or one JSON document),
 * `err` is stderr (notes, progress, errors); `errIsTTY` says whether stderr is a terminal,
 * which decides whether progress bars are drawn.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  errIsTTY: boolean;
  /** Terminal width for progress bars (80 when unknown). */
  columns: number;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 80,
  };
}
