import { readFileSync } from 'node:fs';
import { atr, breakoutTrades, estimateEdge, normalQuantile, parseClosesCsv, parseOhlcvCsv, parsePricedTradesFile, parseTradesFile, simpleReturns, volatilityRegime, wilsonInterval } from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';
import { withReturnPct } from '../withReturnPct.js';

const CSV = readFileSync(new URL('../../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8');
/** The first 300 bars of the bundled S&P 500 data, fresh per call. */
const bars = () => {
  const all = parseOhlcvCsv(CSV.split('\n').slice(0, 301).join('\n'));
  return { ...all, date: [...all.date] };
};

/** Thirty closed trades with dates, two of them losses in each ten. */
const trades = () =>
  Array.from({ length: 30 }, (_, i) => ({ returnFraction: i % 5 === 0 ? -0.018 : i % 3 === 0 ? -0.01 : 0.032, closedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), strategyId: 'a' }));

/** An edge promises sizes ≥ 0, an interval in order, and a win rate in [0, 1]. */
function edgeCheck(result: unknown): void {
  const e = result as { winRate: number; kelly: { exposure: number; riskFraction: number }; kellyInterval: [number, number] };
  if (!(e.winRate >= 0 && e.winRate <= 1)) throw new Error(`winRate ${e.winRate}`);
  if (!(e.kelly.exposure >= 0 && e.kelly.riskFraction >= 0)) throw new Error('negative Kelly size');
  if (!(e.kellyInterval[0] >= 0 && e.kellyInterval[0] <= e.kellyInterval[1])) throw new Error(`kellyInterval ${e.kellyInterval}`);
}

export const dataEntries: FuzzEntry[] = [
  {
    name: 'estimateEdge',
    valid: () => [trades(), { minTrades: 20, confidence: 0.9, window: 25, seed: 3, resamples: 200 }],
    call: (t, o) => estimateEdge(t as never, o as never),
    check: edgeCheck,
    weight: 0.25,
  },
  {
    name: 'estimateEdge (returnPct)',
    valid: () => [trades().map(withReturnPct), { minTrades: 20, window: 25, resamples: 200 }],
    call: (t, o) => estimateEdge(t as never, o as never),
    check: edgeCheck,
    weight: 0.1,
  },
  {
    name: 'wilsonInterval',
    valid: () => [81, 263, 0.95],
    call: (k, n, c) => wilsonInterval(k as never, n as never, c as never),
    check: (r) => {
      const [lo, hi] = r as [number, number];
      if (!(lo >= 0 && lo <= hi && hi <= 1)) throw new Error(`interval [${lo}, ${hi}]`);
    },
  },
  { name: 'normalQuantile', valid: () => [0.975], call: (p) => normalQuantile(p as never) },
  {
    name: 'parseTradesFile',
    valid: () => ['closedAt,return,strategyId\n2024-01-02,0.031,a\n2024-01-03,-0.012,a\n2024-01-04,0.007,a', 'trades.csv'],
    call: (t, f) => parseTradesFile(t as never, f as never),
    check: (r) => {
      // Every return is a fraction no lower than a total loss, and one per trade.
      const { trades, returns } = r as { trades: { returnFraction: number }[]; returns: number[] };
      if (returns.length !== trades.length || returns.some((x, i) => !(x >= -1) || x !== trades[i].returnFraction)) throw new Error(`returns ${returns}`);
    },
  },
  {
    name: 'parsePricedTradesFile',
    valid: () => {
      const b = bars(); // 2000-01-03 onwards
      return [`openedAt,closedAt,stop,entry,exit\n${b.date[30]},${b.date[40]},${b.low[30] * 0.95},,\n${b.date[50]},${b.date[60]},${b.low[50] * 0.9},${b.open[50]},${b.close[60]}`, b, 'trades.csv'];
    },
    call: (t, b, f) => parsePricedTradesFile(t as never, b as never, f as never),
    check: (r) => {
      // Long trades in order, one at a time, each stop below its entry.
      const { trades } = r as { trades: { entryIndex: number; exitIndex: number; entryPrice: number; stopPrice: number }[] };
      trades.forEach((t, k) => {
        if (!(t.entryIndex >= 1 && t.exitIndex >= t.entryIndex && t.stopPrice >= 0 && t.stopPrice < t.entryPrice)) throw new Error(`trade ${k}`);
        if (k > 0 && !(t.entryIndex > trades[k - 1].exitIndex)) throw new Error(`trade ${k} overlaps`);
      });
    },
    allowNonFinite: [/\.volume/],
    weight: 0.25,
  },
  { name: 'parseOhlcvCsv', valid: () => ['date,open,high,low,close,volume\n2020-01-02,10,11,9,10.5,1000\n2020-01-03,10.5,12,10,11,900'], call: (t) => parseOhlcvCsv(t as never), allowNonFinite: [/\.volume/] },
  {
    name: 'atr',
    valid: () => {
      const b = bars();
      return [b.high, b.low, b.close, 14];
    },
    call: (h, l, c, p) => atr(h as never, l as never, c as never, p as never),
    // NaN marks the bars before the first full window (documented: not warm yet).
    allowNonFinite: [/^result\[/],
    weight: 0.5,
  },
  { name: 'volatilityRegime', valid: () => [bars(), { period: 14, averagePeriod: 50, low: 0.8, high: 1.2 }, 200], call: (b, o, i) => volatilityRegime(b as never, o as never, i as never), weight: 0.5 },
  { name: 'breakoutTrades', valid: () => [bars(), { entryPeriod: 20, exitPeriod: 10, atrPeriod: 20, stopAtr: 2 }], call: (b, o) => breakoutTrades(b as never, o as never), allowNonFinite: [/\.volume/], weight: 0.25 },
  {
    name: 'parseClosesCsv',
    valid: () => ['date,AA,IBM\n2000-01-03,10,100\n2000-01-04,11,99\n2000-01-05,10.5,101'],
    call: (text) => parseClosesCsv(text as never),
  },
  { name: 'simpleReturns', valid: () => [[100, 110, 99, 101.5]], call: (p) => simpleReturns(p as never) },
];
