// End-to-end: `sizewise backtest --prices … --trades …`, the user's own trades replayed
// exactly as the reference strategy's are (the built bin as a child process).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { breakoutTrades, parseOhlcvCsv } from '../../src/index.js';
import { fixture, runBin } from './support/runBin.js';

const scratch = mkdtempSync(join(tmpdir(), 'sizewise-cli-trades-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sizewise backtest --trades', () => {
  it('replays three hand-made trades: the flat rule\'s equity is the one worked by hand', async () => {
    const r = await runBin(['backtest', '--prices', fixture('priced-bars.csv'), '--trades', fixture('priced-trades.csv'), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/priced-trades\.csv: ignoring columns strategyId/);
    const out = JSON.parse(r.stdout);
    expect(out.trades).toBe(3);
    expect(out.tradesFile).toBe(fixture('priced-trades.csv'));
    // Flat 1 % risk: exposures 1 % × entry ÷ (entry − stop) = 0.2, 0.26, 0.16, below the default
    // tier's leverage cap; marks and closes worked by hand in test/data/parsePricedTradesFile.test.ts.
    const byHand = [100_000, 100_400, 101_000, 102_000, 101_235, 100_470, 100_804.9, 101_139.8];
    out.flat.equity.forEach((e: number, t: number) => expect(e).toBeCloseTo(byHand[t], 8));
    expect(out.flat.finalEquity).toBeCloseTo(100_000 * 1.02 * 0.985 * (1 + 1 / 150), 8);
    expect(out.flat.tradesTaken).toBe(3);
    expect(out.dynamic.tradesTaken).toBe(3);
    // Three trades are too few for Kelly: the dynamic sizer uses its fallback on each.
    expect(out.dynamic.fallbackTrades).toBe(3);
  });

  it('reads the same trades from JSON, with the same result', async () => {
    const [csv, json] = await Promise.all(['priced-trades.csv', 'priced-trades.json'].map((f) => runBin(['backtest', '--prices', fixture('priced-bars.csv'), '--trades', fixture(f), '--json'])));
    const strip = (s: string) => {
      const { tradesFile: _f, ...rest } = JSON.parse(s);
      return rest;
    };
    expect(strip(json.stdout)).toEqual(strip(csv.stdout));
  });

  it("the reference strategy's trades as a file give exactly the backtest without --trades", async () => {
    const prices = 'data/goog_2004-2008_daily_ohlcv.csv';
    const reference = breakoutTrades(parseOhlcvCsv(readFileSync(prices, 'utf8')));
    const file = join(scratch, 'reference.csv');
    writeFileSync(file, ['openedAt,closedAt,stop,entry,exit', ...reference.map((t) => [t.entryDate, t.closedAt, t.stopPrice, t.entryPrice, t.exitPrice].join(','))].join('\n'));
    const [own, given] = await Promise.all([runBin(['backtest', '--prices', prices, '--json']), runBin(['backtest', '--prices', prices, '--trades', file, '--json'])]);
    expect(own.code).toBe(0);
    expect(given.code).toBe(0);
    const { tradesFile, ...rest } = JSON.parse(given.stdout);
    expect(tradesFile).toBe(file);
    expect(rest).toEqual(JSON.parse(own.stdout));
  });

  it('prints the report with the file named', async () => {
    const r = await runBin(['backtest', '--prices', fixture('priced-bars.csv'), '--trades', fixture('priced-trades.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Backtest of the trades of .*priced-trades\.json on .*priced-bars\.csv: 8 bars, 2024-01-01 to 2024-01-10, 3 trades/);
    expect(r.stdout).toMatch(/^flat 1 % risk\s+101140\s/m);
  });

  const cases: [string, string[], RegExp][] = [
    ['a date not in the prices file', [fixture('priced-missing-date.csv')], /priced-missing-date\.csv: row 1, column closedAt: 2024-01-06 is not a date of the prices file/],
    ['an exit before the entry', [fixture('priced-exit-before-entry.csv')], /priced-exit-before-entry\.csv: row 1, column closedAt: 2024-01-03 is before the trade's openedAt 2024-01-04/],
    ['a short trade (stop above the entry)', [fixture('priced-short.csv')], /priced-short\.csv: row 2, column stop: 112 is not in \[0, 108\), below the entry: only long trades/],
    ['a trades file without the columns', [fixture('trades.csv')], /trades\.csv: the header has no "openedAt" column/],
    ['a missing trades file', ['no-such-trades.csv'], /no-such-trades\.csv: cannot read the trades file \(ENOENT\)/],
  ];
  it('names the prices file when its dates are what --trades cannot place trades on (here US-style dates)', async () => {
    const prices = join(scratch, 'us-dates.csv');
    writeFileSync(prices, readFileSync(fixture('priced-bars.csv'), 'utf8').replace(/(\d{4})-(\d{2})-(\d{2})/g, '$2/$3/$1'));
    const r = await runBin(['backtest', '--prices', prices, '--trades', fixture('priced-trades.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${prices}: bars.date[0]`);
  });

  it.each(cases)('refuses %s: exit 2, nothing on stdout, the file, row and column named', async (_name, [file], message) => {
    const r = await runBin(['backtest', '--prices', fixture('priced-bars.csv'), '--trades', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
