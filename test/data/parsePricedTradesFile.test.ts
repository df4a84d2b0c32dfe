import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrownError } from '../support/thrownError.js';
import { backtestSizing, breakoutTrades, flatRisk, parseOhlcvCsv, parsePricedTradesFile } from '../../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/cli/${name}`, import.meta.url), 'utf8');
const bars = parseOhlcvCsv(fixture('priced-bars.csv'));

describe('parsePricedTradesFile', () => {
  it('places three hand-made trades on their bars: entry at the open unless given, exit at the open unless given', () => {
    const { trades, ignoredColumns } = parsePricedTradesFile(fixture('priced-trades.csv'), bars, 'priced-trades.csv');
    expect(ignoredColumns).toEqual(['strategyId']);
    // Read off priced-bars.csv by hand: opens of 2024-01-02 (100), 01-04 (110), 01-09 (96), 01-10 (100).
    expect(trades.map((t) => [t.entryIndex, t.exitIndex, t.entryPrice, t.exitPrice, t.stopPrice])).toEqual([
      [1, 3, 100, 110, 95],
      [4, 5, 104, 98, 100],
      [6, 7, 96, 100, 90],
    ]);
    expect(trades.map((t) => [t.entryDate, t.closedAt])).toEqual([['2024-01-02', '2024-01-04'], ['2024-01-05', '2024-01-08'], ['2024-01-09', '2024-01-10']]);
    // returnFraction = exit ÷ entry − 1; rMultiple = (exit − entry) ÷ (entry − stop): 10/5, −6/4, 4/6.
    expect(trades[0].returnFraction).toBeCloseTo(0.1, 15);
    expect(trades[1].returnFraction).toBeCloseTo(-6 / 104, 15);
    expect(trades[2].returnFraction).toBeCloseTo(4 / 96, 15);
    expect(trades.map((t) => t.rMultiple)).toEqual([2, -1.5, 4 / 6]);
  });

  it('reads the same trades from a JSON array (a time part of a date is ignored)', () => {
    const csv = parsePricedTradesFile(fixture('priced-trades.csv'), bars, 'priced-trades.csv').trades;
    const json = parsePricedTradesFile(fixture('priced-trades.json'), bars, 'priced-trades.json');
    expect(json.trades).toEqual(csv);
    expect(json.ignoredColumns).toEqual([]);
  });

  it('flat 1 % risk on the three trades gives the equity worked by hand', () => {
    const { trades } = parsePricedTradesFile(fixture('priced-trades.csv'), bars, 'priced-trades.csv');
    const result = backtestSizing(bars, trades, flatRisk(trades, 0.01), { startEquity: 100_000 });
    // Exposure = 1 % × entry ÷ (entry − stop): 0.2, 0.26, 0.16 (no leverage cap binds).
    // Trade 1: 200 units at 100, marked at closes 102, 105, closed at 110: 100 400, 101 000, 102 000.
    // Trade 2: 0.26 × 102 000 ÷ 104 = 255 units at 104, marked at 101: 101 235; closed at 98: 102 000 × (1 − 0.015) = 100 470.
    // Trade 3: 0.16 × 100 470 ÷ 96 = 167.45 units at 96, marked at 98: 100 804.9; closed at 100: 100 470 × (1 + 1/150) = 101 139.8.
    const byHand = [100_000, 100_400, 101_000, 102_000, 101_235, 100_470, 100_804.9, 101_139.8];
    for (const [t, e] of byHand.entries()) expect(result.equity[t]).toBeCloseTo(e, 8);
    expect(result.finalEquity).toBeCloseTo(100_000 * 1.02 * 0.985 * (1 + 1 / 150), 8);
    expect(Array.from(result.sizes, (s) => Math.round(s * 1e12) / 1e12)).toEqual([0.2, 0.26, 0.16]);
  });

  it("gives back the reference strategy's trades from a file written from them", () => {
    const goog = parseOhlcvCsv(readFileSync(new URL('../../data/goog_2004-2008_daily_ohlcv.csv', import.meta.url), 'utf8'));
    const reference = breakoutTrades(goog);
    const text = ['openedAt,closedAt,stop,entry,exit', ...reference.map((t) => [t.entryDate, t.closedAt, t.stopPrice, t.entryPrice, t.exitPrice].join(','))].join('\n');
    const { trades } = parsePricedTradesFile(text, goog, 'reference.csv');
    expect(trades).toEqual(
      reference.map(({ closedAt, returnFraction, returnPct, rMultiple, entryDate, entryIndex, exitIndex, entryPrice, exitPrice, stopPrice }) => ({ closedAt, returnFraction, returnPct, rMultiple, entryDate, entryIndex, exitIndex, entryPrice, exitPrice, stopPrice })),
    );
  });

  const header = 'openedAt,closedAt,stop,entry,exit';
  const bad: [string, string, string, RegExp][] = [
    ['a date not among the bars', `${header}\n2024-01-02,2024-01-06,95,,`, 'file[1].closedAt', /t\.csv: row 1, column closedAt: 2024-01-06 is not a date of the prices file \(its bars run from 2024-01-01 to 2024-01-10/],
    ['a date that is not ISO', `${header}\n2024-01-02,Jan 4,95,,`, 'file[1].closedAt', /row 1, column closedAt: "Jan 4" is not an ISO date/],
    ['an exit before the entry', `${header}\n2024-01-04,2024-01-03,95,,`, 'file[1].closedAt', /row 1, column closedAt: 2024-01-03 is before the trade's openedAt 2024-01-04/],
    ['a stop at or above the entry (a short trade)', `${header}\n2024-01-02,2024-01-04,100,,`, 'file[1].stop', /row 1, column stop: 100 is not in \[0, 100\), below the entry: only long trades/],
    ['a negative stop', `${header}\n2024-01-02,2024-01-04,-1,,`, 'file[1].stop', /row 1, column stop: -1 is not in \[0, 100\)/],
    ['no stop', `${header}\n2024-01-02,2024-01-04,,,`, 'file[1].stop', /row 1, column stop: missing \(the stop price/],
    ['no openedAt column', 'closedAt,stop\n2024-01-04,95', 'file.openedAt', /t\.csv: the header has no "openedAt" column \(found: closedAt, stop\)/],
    ['a trade on the first bar', `${header}\n2024-01-01,2024-01-04,95,,`, 'file[1].openedAt', /row 1, column openedAt: 2024-01-01 is the first bar of the prices file/],
    ['overlapping trades', `${header}\n2024-01-02,2024-01-04,95,,\n2024-01-04,2024-01-05,95,,`, 'file[2].openedAt', /row 2, column openedAt: 2024-01-04 is not after the previous trade's exit \(2024-01-04, row 1\)/],
    ['an entry outside its bar', `${header}\n2024-01-02,2024-01-04,95,105,`, 'file[1].entry', /row 1, column entry: 105 is outside the bar's range on 2024-01-02 \(low 99, high 104\)/],
    ['an exit outside its bar', `${header}\n2024-01-02,2024-01-04,95,,120`, 'file[1].exit', /row 1, column exit: 120 is outside the bar's range on 2024-01-04/],
    ['a price that is not a number', `${header}\n2024-01-02,2024-01-04,abc,,`, 'file[1].stop', /row 1, column stop: "abc" is not a number/],
    ['a zero entry price', `${header}\n2024-01-02,2024-01-04,95,0,`, 'file[1].entry', /row 1, column entry: 0 is not a price above 0/],
    ['a row of the wrong width', `${header}\n2024-01-02,2024-01-04`, 'file[1]', /row 1 \(line 2\): 2 cells, the header has 5/],
    ['a JSON date that is a number', '[{ "openedAt": 20240102, "closedAt": "2024-01-04", "stop": 95 }]', 'file[1].openedAt', /row 1, column openedAt: 20240102 is not an ISO date/],
    ['no rows', header, 'file', /t\.csv: no data rows/],
    ['a same-bar trade without its exit price', `${header}\n2024-01-02,2024-01-02,95,101,`, 'file[1].exit', /row 1, column exit: missing; a trade that opens and closes on the same bar \(2024-01-02\) needs its exit price/],
  ];
  it.each(bad)('refuses %s, naming the row and column', (_name, text, field, message) => {
    const error = thrownError(() => parsePricedTradesFile(text, bars, 't.csv'));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses a trade on a day with two bars (a repeated row or intraday bars) instead of picking one', () => {
    const twice = { ...bars, date: [...bars.date.slice(0, 3), '2024-01-03', ...bars.date.slice(4)] };
    const error = thrownError(() => parsePricedTradesFile(`${header}\n2024-01-02,2024-01-03,95,,`, twice, 't.csv'));
    expect(error.field).toBe('file[1].closedAt');
    expect(error.message).toMatch(/row 1, column closedAt: 2024-01-03 has more than one bar in the prices file/);
    // The other days still place trades.
    expect(parsePricedTradesFile(`${header}\n2024-01-02,2024-01-02,95,101,103`, twice, 't.csv').trades[0].exitPrice).toBe(103);
  });

  it('refuses bad arguments with the field as named', () => {
    expect(thrownError(() => parsePricedTradesFile(42 as never, bars)).field).toBe('text');
    expect(thrownError(() => parsePricedTradesFile('', bars, '' as never)).field).toBe('file');
    expect(thrownError(() => parsePricedTradesFile(`${header}\n2024-01-02,2024-01-04,95,,`, null as never)).field).toBe('bars');
    expect(thrownError(() => parsePricedTradesFile(`${header}\n2024-01-02,2024-01-04,95,,`, { ...bars, date: bars.date.slice(1) })).field).toBe('bars.date');
    expect(thrownError(() => parsePricedTradesFile(`${header}\n2024-01-02,2024-01-04,95,,`, { ...bars, date: ['x', ...bars.date.slice(1)] })).field).toBe('bars.date[0]');
  });
});
