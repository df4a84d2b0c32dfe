import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { createHash } from 'node:crypto';
import { BREAKOUT_DEFAULTS, breakoutTrades, MAX_STOP_ATR } from '../../src/strategy/breakoutTrades.js';
import { exitWalk, type ExitWalkResult } from '../../src/strategy/exitWalk.js';
import { atr } from '../../src/volatility/atr.js';

const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
const trades = breakoutTrades(bars);

describe('the bundled S&P 500 data', () => {
  it('parses every row of the file with consistent bars', () => {
    expect(bars.close.length).toBe(5105); // data/SOURCES.md
    for (let i = 0; i < bars.close.length; i++) {
      expect(bars.low[i]).toBeLessThanOrEqual(Math.min(bars.open[i], bars.close[i]));
      expect(bars.high[i]).toBeGreaterThanOrEqual(Math.max(bars.open[i], bars.close[i]));
    }
  });

  it('names the data row and the column of a malformed cell', () => {
    expect(() => parseOhlcvCsv('date,open,high,low,close,volume\n2020-01-01,1,2,0.5,x,10')).toThrow(/row 1, column close/);
    expect(() => parseOhlcvCsv('date,open,high,low,volume\n2020-01-01,1,2,0.5,10')).toThrow(expect.objectContaining({ field: 'csv.close' }));
  });
});

describe('breakoutTrades (the reference strategy)', () => {
  const o = BREAKOUT_DEFAULTS;
  const range = atr(bars.high, bars.low, bars.close, o.atrPeriod);

  it('enters at the open after a close above the prior high, one position at a time', () => {
    expect(trades.length).toBeGreaterThan(20);
    let lastExit = -1;
    for (const t of trades) {
      const signal = t.entryIndex - 1;
      const priorHigh = Math.max(...bars.high.subarray(signal - o.entryPeriod, signal));
      expect(bars.close[signal]).toBeGreaterThan(priorHigh);
      expect(t.entryPrice).toBe(bars.open[t.entryIndex]);
      expect(t.entryIndex).toBeGreaterThan(lastExit);
      lastExit = t.exitIndex;
    }
  });

  it('reports returns, R-multiples and stops consistent with the prices', () => {
    for (const t of trades) {
      expect(t.returnFraction).toBeCloseTo(t.exitPrice / t.entryPrice - 1, 14);
      expect(t.stopPrice).toBeCloseTo(t.entryPrice - o.stopAtr * range[t.entryIndex - 1], 9);
      expect(t.rMultiple).toBeCloseTo((t.exitPrice - t.entryPrice) / (t.entryPrice - t.stopPrice), 12);
      expect(t.maxAdverseExcursion).toBeLessThanOrEqual(Math.min(0, t.returnFraction) + 1e-15);
      if (t.exitReason === 'stop') expect(t.exitPrice).toBeLessThanOrEqual(t.stopPrice);
    }
  });

  it('gives the same 94 trades as before the exit walk was shared (fingerprint of the earlier output)', () => {
    // SHA-256 of these fields of every trade, taken from breakoutTrades before exitWalk
    // replaced its inline loop (commit dd0f24f): any changed trade changes the hash.
    const fields = trades.map((t) => [
      t.entryIndex, t.exitIndex, t.entryPrice, t.exitPrice, t.stopPrice, t.returnFraction, t.rMultiple,
      t.maxAdverseExcursion, t.maxFavorableExcursion, t.exitReason, t.atrAtEntry, t.closedAt, t.entryDate,
    ]);
    expect(trades.length).toBe(94);
    expect(createHash('sha256').update(JSON.stringify(fields)).digest('hex')).toBe('003a10eed812c9fd0cf42f081415c8a1bda472ef1e5ac014354a08f4069e5d2c');
  });

  it('carries its breakout level and channel lengths', () => {
    for (const t of trades) {
      const signal = t.entryIndex - 1;
      expect(t.breakoutLevel).toBe(Math.max(...bars.high.subarray(signal - o.entryPeriod, signal)));
      expect([t.entryPeriod, t.exitPeriod]).toEqual([o.entryPeriod, o.exitPeriod]);
    }
    const short = breakoutTrades(bars, { entryPeriod: 10, exitPeriod: 5 });
    expect([short[0].entryPeriod, short[0].exitPeriod]).toEqual([10, 5]);
  });

  // Found by the long fuzz run: stopAtr 1e308 put every stop at −Infinity (a non-finite output).
  it('takes stops up to MAX_STOP_ATR ATRs away and refuses farther ones, naming the option', () => {
    // A stop at or below a price of 0 is no stop: those signals are skipped (at 1000 ATRs, all of them).
    for (const stopAtr of [20, 100, MAX_STOP_ATR]) {
      for (const t of breakoutTrades(bars, { stopAtr })) expect(t.stopPrice > 0 && t.stopPrice < t.entryPrice && Number.isFinite(t.rMultiple)).toBe(true);
    }
    // ATR(20) on this series is never below 0.1 % of the price, so 1000 ATRs below every entry is below 0.
    const { high, low, close, open } = bars;
    const range = atr(high, low, close, BREAKOUT_DEFAULTS.atrPeriod);
    expect(range.every((r, i) => i < BREAKOUT_DEFAULTS.atrPeriod - 1 || i + 1 >= open.length || open[i + 1] - MAX_STOP_ATR * r <= 0)).toBe(true);
    expect(breakoutTrades(bars, { stopAtr: MAX_STOP_ATR })).toEqual([]);
    for (const stopAtr of [MAX_STOP_ATR * 1.001, 1e308, Infinity, 0, -1]) {
      expect(() => breakoutTrades(bars, { stopAtr })).toThrow(expect.objectContaining({ field: 'options.stopAtr' }));
    }
  });
});

/** Indices, prices and reasons exactly; excursions to 14 digits (99 / 100 − 1 is not −0.01 in binary). */
function expectWalk(actual: ExitWalkResult, expected: ExitWalkResult): void {
  const { maxAdverseExcursion: mae, maxFavorableExcursion: mfe, ...rest } = actual;
  expect(rest).toEqual({ exitIndex: expected.exitIndex, exitPrice: expected.exitPrice, exitReason: expected.exitReason });
  expect(mae).toBeCloseTo(expected.maxAdverseExcursion, 14);
  expect(mfe).toBeCloseTo(expected.maxFavorableExcursion, 14);
}

describe('exitWalk', () => {
  // Hand-made bars; entry 100 at bar 0, stop 95.
  const bars = {
    date: ['d0', 'd1', 'd2', 'd3', 'd4'],
    open: Float64Array.of(100, 101, 103, 99, 90),
    high: Float64Array.of(102, 104, 108, 100, 91),
    low: Float64Array.of(99, 100, 102, 97, 89),
    close: Float64Array.of(101, 103, 104, 98, 90),
    volume: Float64Array.of(1, 1, 1, 1, 1),
  };

  it('exits at a target, filled at the target or a gap-up open, counting that bar\'s low and high', () => {
    // Bar 1 reaches 104: exit 104; worst low 99 (−1 %), best high 104 (+4 %).
    expectWalk(exitWalk(bars, 0, 100, 95, 2, 104), { exitIndex: 1, exitPrice: 104, exitReason: 'target', maxAdverseExcursion: -0.01, maxFavorableExcursion: 0.04 });
    // Bar 1 (open 101, high 104) reaches a 102.5 target from below: filled at the target.
    expect(exitWalk(bars, 0, 100, 95, 2, 102.5).exitPrice).toBe(102.5);
    expect(exitWalk(bars, 2, 100, 95, 2, 102.5).exitPrice).toBe(103); // bar 2 opens at 103 above the target
  });

  it('exits on a close below the previous exitPeriod-bar low at the next open, else at the last close', () => {
    // Bar 3 closes 98 < min(low[1], low[2]) = 100: exit at bar 4's open, 90 (−10 %).
    expectWalk(exitWalk(bars, 0, 100, 80, 2), { exitIndex: 4, exitPrice: 90, exitReason: 'channel', maxAdverseExcursion: -0.1, maxFavorableExcursion: 0.08 });
    // A 4-bar channel has no full look-back before bar 4, the last bar: the trade ends open.
    expect(exitWalk(bars, 0, 100, 80, 4)).toMatchObject({ exitIndex: 4, exitPrice: 90, exitReason: 'end' });
  });

  it('checks the stop first and fills a gap below it at the open', () => {
    // Stop 96, 10-bar channel (never full here). A 104.5 target is reached first, at bar 2 (open 103).
    // Without a target: bar 3's low 97 holds the stop, bar 4 (open 90) gaps through it: filled at 90.
    expectWalk(exitWalk(bars, 0, 100, 96, 10, 104.5), { exitIndex: 2, exitPrice: 104.5, exitReason: 'target', maxAdverseExcursion: -0.01, maxFavorableExcursion: 0.08 });
    expectWalk(exitWalk(bars, 0, 100, 96, 10), { exitIndex: 4, exitPrice: 90, exitReason: 'stop', maxAdverseExcursion: -0.1, maxFavorableExcursion: 0.08 });
    // A bar touching both stop and target counts as stopped.
    expect(exitWalk(bars, 3, 98, 97.5, 10, 99.5)).toMatchObject({ exitIndex: 3, exitPrice: 97.5, exitReason: 'stop' });
  });
});
