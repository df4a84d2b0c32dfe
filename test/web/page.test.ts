// The browser backtester page (web/), built with Vite once, served from web/dist by a plain
// static server (no COOP/COEP headers) and driven in Debian's headless Chromium: its
// [data-result] numbers must be the strings of the doubles sizewise gives in Node for the
// same file and seed; a bad file and a cancel must leave no result behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, createLogger } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { medianGrowth } from '../../src/montecarlo/medianGrowth.js';
import { simulate } from '../../src/montecarlo/simulate.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'web/dist');
const TRADES_FILE = join(ROOT, 'test/fixtures/web/sp500-breakout-trades.csv');
const PRICES_FILE = join(ROOT, 'data/sp500_2000-2020_daily_ohlcv.csv');
/** Where the screenshot goes (git-ignored); docs/img/web-page.png is a copy of one. */
export const SCREENSHOT = join(ROOT, '.vitest/web-page.png');
const haveChromium = chromiumAvailable('test/web/page.test.ts');

/**
 * Node's numbers for a trades CSV, computed as the command line does: the edge with
 * estimateEdge's defaults, then a bootstrap of the returns in file order at ¼, ½ and 1 ×
 * the Kelly exposure, 10,000 paths × 1,000 trades, the library's defaults otherwise.
 */
async function nodeNumbers(csv: string, seed: number): Promise<Record<string, string>> {
  const [header, ...lines] = csv.trim().split('\n');
  const at = header.split(',').indexOf('return');
  const trades = lines.map((line) => ({ returnFraction: Number(line.split(',')[at]) }));
  const edge = estimateEdge(trades);
  const multiples = [0.25, 0.5, 1];
  const result = await simulate({ kind: 'bootstrap', returns: trades.map((t) => t.returnFraction) }, { exposures: multiples.map((m) => m * edge.kelly.exposure), paths: 10_000, trades: 1_000, seed, workers: 0 });
  const numbers: Record<string, number> = { trades: edge.trades, winRate: edge.winRate, kellyExposure: edge.kelly.exposure, kellyRiskFraction: edge.kelly.riskFraction };
  multiples.forEach((m, i) => {
    numbers[`ruin-${m}`] = result.outcomes[i].probabilityOfRuin;
    numbers[`medianGrowth-${m}`] = medianGrowth(result.outcomes[i], result.trades);
  });
  return Object.fromEntries(Object.entries(numbers).map(([name, x]) => [name, String(x)]));
}

/** Builds the page as `npm run web:build` does, collecting Vite's warnings. */
async function buildPage(): Promise<string[]> {
  const warnings: string[] = [];
  const logger = createLogger('warn');
  logger.warn = (message) => warnings.push(message);
  logger.warnOnce = (message) => warnings.push(message);
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', customLogger: logger });
  return warnings;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.map': 'application/json' };

/** web/dist as any static host serves it: files only, no COOP/COEP headers. */
function serve(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolve(DIST, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(await readFile(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe.skipIf(!haveChromium)('the browser backtester page', () => {
  let warnings: string[];
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    warnings = await buildPage();
    server = await serve();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  const state = () => page.getAttribute('body', 'data-state');
  const progress = () => page.$eval('#progress', (e) => (e as HTMLProgressElement).value);
  const results = () => page.$$eval('[data-result]', (cells) => Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.result, c.textContent])));
  const chooseTrades = (name: string, text: string) => page.setInputFiles('#trades', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const runUntil = async (wanted: string) => {
    await page.click('#run');
    await page.waitForFunction((s) => document.body.dataset.state === s, wanted, { timeout: 90_000 });
  };

  it('builds without pulling a node: module into the bundle, with source maps that resolve', () => {
    expect(warnings.filter((w) => /externali[sz]ed|node:/.test(w))).toEqual([]);
    // Nor any other warning, except Rolldown's note on slow plugins, which comes with machine load.
    expect(warnings.filter((w) => !w.startsWith('[PLUGIN_TIMINGS]'))).toEqual([]);
    const assets = join(DIST, 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('webWorker'))).toBe(true); // the Monte Carlo Web Worker is its own chunk
    expect(readdirSync(assets).some((f) => f.endsWith('.wasm'))).toBe(true);
    for (const script of scripts) {
      const code = readFileSync(join(assets, script), 'utf8');
      expect(code, script).not.toMatch(/["'`]node:|__vite-browser-external/);
      const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
      expect(mapName, `${script} names its source map`).toBeDefined();
      const map = JSON.parse(readFileSync(join(assets, mapName!), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      map.sources.forEach((source, i) => {
        // Every source is a file of this repository (or node_modules) and its text is in the map.
        expect(existsSync(resolve(assets, source)), `${mapName}: ${source}`).toBe(true);
        expect(typeof map.sourcesContent?.[i], `${mapName}: ${source} content`).toBe('string');
      });
    }
  });

  it('starts idle, with seed 1 and an empty progress bar', async () => {
    expect(await state()).toBe('idle');
    expect(await progress()).toBe(0);
    expect(await page.inputValue('#seed')).toBe('1');
    expect(await results()).toEqual({});
  });

  it.each([
    ['garbage', 'garbage.csv', '\u0000\u0001PK\u0003 not a trades file\nat all', /return/],
    ['a non-numeric return in row 3', 'row3.csv', 'closedAt,return\n2020-01-02,0.01\n2020-01-03,-0.02\n2020-01-06,abc\n2020-01-07,0.03\n', /row 3.*return|return.*row 3/],
    ['an empty file', 'empty.csv', '', /empty/],
  ])('shows an error for %s and no result', async (_, name, text, message) => {
    await chooseTrades(name, text);
    await runUntil('error');
    const error = await page.textContent('#error');
    expect(error).toContain(name);
    expect(error).toMatch(message);
    expect(await results()).toEqual({});
    expect(await page.isVisible('#error')).toBe(true);
  });

  it('goes back to idle on cancel, with no result shown', async () => {
    await chooseTrades('trades.csv', readFileSync(TRADES_FILE, 'utf8'));
    await page.click('#run');
    expect(await state()).toBe('running');
    await page.waitForFunction(() => (document.querySelector('#progress') as HTMLProgressElement).value > 0);
    await page.click('#cancel');
    await page.waitForFunction(() => document.body.dataset.state !== 'running');
    expect(await state()).toBe('idle');
    expect(await results()).toEqual({});
    expect(await progress()).toBe(0);
  });

  it("gives Node's numbers for the same file and seed, and draws the three charts", async () => {
    await page.setInputFiles('#trades', TRADES_FILE);
    await page.setInputFiles('#prices', PRICES_FILE);
    const expected = await nodeNumbers(readFileSync(TRADES_FILE, 'utf8'), 1);
    await runUntil('done');
    expect(await progress()).toBe(1);
    expect(await results()).toEqual(expected);
    for (const chart of ['#fan-chart', '#kelly-chart', '#drawdown-chart']) expect(await page.locator(`${chart} svg.marks`).count(), chart).toBe(1);
    expect(await page.textContent('#order-summary')).toMatch(/buy \d+ units/);
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('reads the seed from #seed', async () => {
    await page.fill('#seed', '7');
    const expected = await nodeNumbers(readFileSync(TRADES_FILE, 'utf8'), 7);
    await runUntil('done');
    expect(await results()).toEqual(expected);
    expect(pageErrors).toEqual([]);
  });
});
