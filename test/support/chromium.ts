// Where the browser tests find Debian's Chromium, and whether they may skip without it.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * True when Chromium is installed. Without it a browser test is skipped with a loud
 * warning, except where the project's own CI asks for the browser tests
 * (SIZEWISE_REQUIRE_BROWSER=1, set by .ci/run, which installs Chromium): there a missing
 * browser fails. A user's own CI (CI=true) does not make them required.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `${suite}: ${CHROMIUM} not found (apt-get install chromium)`;
  if (process.env.SIZEWISE_REQUIRE_BROWSER === '1') throw new Error(`${message}; SIZEWISE_REQUIRE_BROWSER=1 requires it`);
  console.warn(`\n*** ${message}: SKIPPING the headless-Chromium tests of ${suite} ***\n`);
  return false;
}
