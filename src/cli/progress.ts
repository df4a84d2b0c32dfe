import type { CliIo } from './io.js';

/** A progress report: `update(done, total)` as work finishes, `stop()` when it is over. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Shortest time between two redraws, so a fast stream of updates does not flood the terminal. */
export const PROGRESS_REDRAW_MS = 100;

const QUIET: Progress = Object.freeze({ update: () => {}, stop: () => {} });

/**
 * A progress bar on stderr, drawn only when stderr is a terminal and `quiet` is off: when
 * stderr goes to a file or a pipe, progress would only be noise, so nothing is written.
 * The bar redraws in place (carriage return) and is erased by `stop()`.
 */
export function progressBar(io: CliIo, label: string, quiet: boolean): Progress {
  if (quiet || !io.errIsTTY) return QUIET;
  let last = -Infinity;
  let drawn = false;
  const width = Math.max(10, Math.min(40, io.columns - label.length - 16));
  const draw = (done: number, total: number) => {
    const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    const filled = Math.round(share * width);
    io.err(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)} %`);
    drawn = true;
  };
  return {
    update(done, total) {
      const now = performance.now();
      if (done < total && now - last < PROGRESS_REDRAW_MS) return;
      last = now;
      draw(done, total);
    },
    stop() {
      if (drawn) io.err(`\r${' '.repeat(label.length + width + 10)}\r`);
      drawn = false;
    },
  };
}
