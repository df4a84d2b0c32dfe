// Where the browser tests find Debian's Chromium, whether they may skip without it, how they
// launch it and how they read a test page's result.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Headless Debian Chromium through playwright-core (never a downloaded browser), quiet on the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Loads `url` in `tab` and waits for the test page to set `window.done` (its result, or
 * `{ error }`); returns it with the page errors seen meanwhile.
 */
export async function pageResult(tab: Page, url: string): Promise<{ done: Record<string, unknown>; errors: string[] }> {
  const errors: string[] = [];
  const listener = (e: Error) => errors.push(String(e));
  tab.on('pageerror', listener);
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => (window as unknown as { done?: unknown }).done !== undefined, undefined, { timeout: 30_000 });
    return { done: await tab.evaluate(() => (window as unknown as { done: Record<string, unknown> }).done), errors };
  } finally {
    tab.off('pageerror', listener);
  }
}
