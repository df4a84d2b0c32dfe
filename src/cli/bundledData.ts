import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled S&P 500 daily bars the report runs on. */
export const BUNDLED_PRICES = 'sp500_2000-2020_daily_ohlcv.csv';

/**
 * The path of a file in the package's data/ folder, found from this module up: the same code
 * runs from src/cli (npm start) and from dist/src/cli (the installed bin).
 */
export function bundledDataFile(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'data', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`the bundled data file data/${name} is missing from the package`);
    dir = parent;
  }
}
