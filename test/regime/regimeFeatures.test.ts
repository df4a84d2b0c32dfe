import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ADX, BollingerBands, BollingerBandsWidth, RSI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { parseClosesCsv } from '../../src/data/parseClosesCsv.js';
import { parseOhlcvCsv, type OhlcvColumns } from '../../src/data/parseOhlcvCsv.js';
import { adx } from '../../src/regime/adx.js';
import { MARKET_FEATURE_NAMES, regimeFeatures } from '../../src/regime/regimeFeatures.js';
import { rsi } from '../../src/regime/rsi.js';
import { strategyFeatures } from '../../src/regime/strategyFeatures.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';
import { atr } from '../../src/volatility/atr.js';

const load = (file: string) => parseOhlcvCsv(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
const sp500 = load('sp500_2000-2020_daily_ohlcv.csv');
const goog = load('goog_2004-2008_daily_ohlcv.csv');
const dow = parseClosesCsv(readFileSync(new URL('../../data/dowjones30_1991-2000_daily_close.csv', import.meta.url), 'utf8'));

function prefix(bars: OhlcvColumns, end: number): OhlcvColumns {
  return {
    date: bars.date.slice(0, end),
    open: bars.open.slice(0, end),
    high: bars.high.slice(0, end),
    low: bars.low.slice(0, end),
    close: bars.close.slice(0, end),
    volume: bars.volume.slice(0, end),
  };
}

/** Bars where u = highₜ − highₜ₋₁ equals d = lowₜ₋₁ − lowₜ > 0: Wilder gives both DMs 0 there, trading-signals both u. */
function dmTies(bars: OhlcvColumns): number[] {
  const ties: number[] = [];
  for (let t = 1; t < bars.close.length; t++) {
    const up = bars.high[t] - bars.high[t - 1];
    if (up > 0 && up === bars.low[t - 1] - bars.low[t]) ties.push(t);
  }
  return ties;
}

describe('ADX and RSI against the trading-signals package on the bundled data', () => {
  it.each([
    ['S&P 500', sp500],
    ['GOOG', goog],
  ] as const)('ADX(14) on %s matches ADX with WSMA (1e-9 relative) on every bar outside the echo of a DM tie', (_, bars) => {
    const ours = adx(bars.high, bars.low, bars.close, 14);
    const theirs = new ADX(14);
    const ties = dmTies(bars);
    // The two differ only in the DM tie rule; the difference decays through two Wilder averages.
    const echo = (t: number) => ties.some((k) => t >= k && t < k + 300);
    let compared = 0;
    for (let t = 0; t < bars.close.length; t++) {
      const value = theirs.update({ high: bars.high[t], low: bars.low[t], close: bars.close[t] }, false);
      if (value === null) {
        expect(Number.isNaN(ours[t])).toBe(true);
        continue;
      }
      if (echo(t)) {
        expect(Math.abs(ours[t] - value)).toBeLessThan(1); // the tie moves ADX by well under a point
        continue;
      }
      expect(Math.abs(ours[t] - value)).toBeLessThanOrEqual(1e-9 * value);
      compared++;
    }
    expect(ours.findIndex((v) => !Number.isNaN(v))).toBe(26); // first warm bar: 2·14 − 2
    expect(compared).toBeGreaterThan(bars.close.length - 27 - 300 * ties.length);
  });

  it('counts no directional move on an outside bar with equal extensions (Wilder; TA-Lib)', () => {
    // Bars 0–1: u = 1, d = −1 → +DM 1. Bar 2: u = 1, d = 1 → tie → both 0 (trading-signals would give 1 and 1).
    const high = [10, 11, 12];
    const low = [9, 10, 9];
    const close = [9.5, 10.5, 10];
    const a = adx(high, low, close, 2);
    // period 2: DM seeds (0 + 1)/2 = 0.5 and (0 + 0)/2 = 0 at bar 1; bar 2: +DM = (0.5 + 0)/2 = 0.25, −DM 0.
    // DX at bar 1: 100·|0.5 − 0|/0.5 = 100; bar 2: 100 again (−DM 0); ADX at bar 2 = (100 + 100)/2.
    expect(a[2]).toBeCloseTo(100, 12);
    // Had the tie counted (−DM = 1): −DM = 0.5, +DM = 0.75, DX = 100·0.25/1.25 = 20, ADX = 60 — trading-signals' value.
    const theirs = new ADX(2);
    const values = high.map((h, i) => theirs.update({ high: h, low: low[i], close: close[i] }, false));
    expect(values[2]).toBeCloseTo(60, 12);
    expect(Number.isNaN(a[1])).toBe(true);
  });

  it.each([
    ['S&P 500', sp500],
    ['GOOG', goog],
  ] as const)('RSI(14) on %s matches RSI with WSMA (1e-9 relative)', (_, bars) => {
    const ours = rsi(bars.close, 14);
    const theirs = new RSI(14);
    let compared = 0;
    for (let t = 0; t < bars.close.length; t++) {
      const value = theirs.update(bars.close[t], false);
      if (value === null) {
        expect(Number.isNaN(ours[t])).toBe(true);
        continue;
      }
      expect(Math.abs(ours[t] - value)).toBeLessThanOrEqual(1e-9 * value);
      compared++;
    }
    expect(compared).toBe(bars.close.length - 14);
  });

  it('Bollinger width on the S&P 500 matches BollingerBandsWidth(BollingerBands(20, 2))', () => {
    const ours = regimeFeatures(sp500).bollingerWidth;
    const theirs = new BollingerBandsWidth(new BollingerBands(20, 2));
    for (let t = 0; t < sp500.close.length; t++) {
      const value = theirs.update(sp500.close[t], false);
      if (value === null) expect(Number.isNaN(ours[t])).toBe(true);
      else expect(Math.abs(ours[t] - value)).toBeLessThanOrEqual(1e-9 * value);
    }
  });
});

describe('regimeFeatures', () => {
  it('never looks ahead: every feature at bar t is the same computed from bars 0…t only', () => {
    for (const bars of [sp500, dow.get('IBM') as OhlcvColumns]) {
      const full = regimeFeatures(bars);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: bars.close.length - 1 }), (t) => {
          const cut = regimeFeatures(prefix(bars, t + 1));
          for (const name of MARKET_FEATURE_NAMES) expect(Object.is(cut[name][t], full[name][t])).toBe(true);
        }),
        { numRuns: 30, seed: 10 },
      );
    }
  });

  it('computes the windowed features by brute force on the S&P 500', () => {
    const f = regimeFeatures(sp500);
    const range = atr(sp500.high, sp500.low, sp500.close, 14);
    const strength = rsi(sp500.close, 14);
    const mean = (x: ArrayLike<number>, from: number, to: number) => Array.from(x).slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
    for (const t of [40, 1000, 2500, 5104]) {
      const window = Array.from(range).slice(t - 19, t + 1);
      const rank = window.slice(0, 19).reduce((s, v) => s + (v < range[t] ? 1 : v === range[t] ? 0.5 : 0), 0) / 19;
      expect(f.atrPercentile[t]).toBe(rank);
      expect(f.maSlope[t]).toBeCloseTo(mean(sp500.close, t - 19, t + 1) / mean(sp500.close, t - 24, t - 4) - 1, 12);
      const extremes = Array.from(strength).slice(t - 4, t + 1).filter((v) => v > 70 || v < 30).length;
      expect(f.rsiExtremes[t]).toBe(extremes);
      expect(f.volumeRatio[t]).toBeCloseTo(sp500.volume[t] / mean(sp500.volume, t - 19, t + 1), 12);
      let balance = 0;
      for (let k = t - 9; k <= t; k++) balance += (sp500.high[k] > sp500.high[k - 1] ? 1 : 0) - (sp500.low[k] < sp500.low[k - 1] ? 1 : 0);
      expect(f.highLowBalance[t]).toBe(balance);
    }
    // Warm-up: ATR(14) first at bar 13, its 20-value rank at 13 + 19 = 32; RSI at 14, its 5-bar count at 18.
    expect(f.atrPercentile.findIndex((v) => !Number.isNaN(v))).toBe(32);
    expect(f.rsiExtremes.findIndex((v) => !Number.isNaN(v))).toBe(18);
    expect(f.maSlope.findIndex((v) => !Number.isNaN(v))).toBe(24);
  });

  it('accepts a closes-only series (NaN volume: volumeRatio NaN) and rejects a NaN close', () => {
    const ibm = dow.get('IBM') as OhlcvColumns;
    const f = regimeFeatures(ibm);
    expect(f.volumeRatio.every((v) => Number.isNaN(v))).toBe(true);
    expect(Number.isFinite(f.adx[100]) && Number.isFinite(f.atrPercentile[100])).toBe(true);
    const bad = prefix(ibm, 50);
    bad.close[7] = Number.NaN;
    expect(() => regimeFeatures(bad)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'bars.close[7]' }));
  });

  it('rejects bad bars and options, naming the field', () => {
    const bars = prefix(sp500, 60);
    const cases: [() => unknown, string][] = [
      [() => regimeFeatures(null as never), 'bars'],
      [() => regimeFeatures({ ...bars, high: bars.high.slice(1) }), 'bars.high'],
      [() => regimeFeatures({ ...bars, low: Float64Array.from(bars.low, (v, i) => (i === 3 ? bars.high[3] + 1 : v)) }), 'bars.high[3]'],
      [() => regimeFeatures({ ...bars, close: Float64Array.from(bars.close, (v, i) => (i === 4 ? bars.high[4] + 1 : v)) }), 'bars.close[4]'],
      [() => regimeFeatures({ ...bars, open: Float64Array.from(bars.open, (v, i) => (i === 5 ? -1 : v)) }), 'bars.open[5]'],
      [() => regimeFeatures({ ...bars, volume: Float64Array.from(bars.volume, (v, i) => (i === 2 ? -1 : v)) }), 'bars.volume[2]'],
      [() => regimeFeatures({ ...bars, volume: Float64Array.from(bars.volume, (v, i) => (i === 2 ? Infinity : v)) }), 'bars.volume[2]'],
      [() => regimeFeatures({ ...bars, close: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0), volume: new Float64Array(0), date: [] }), 'bars.close'],
      [() => regimeFeatures(bars, { adxPeriod: 0 }), 'options.adxPeriod'],
      [() => regimeFeatures(bars, { rsiLower: 80 }), 'options.rsiLower'],
      [() => regimeFeatures(bars, { bollingerDeviations: Number.NaN }), 'options.bollingerDeviations'],
      [() => regimeFeatures(bars, { adxPeriode: 3 } as never), 'options.adxPeriode'],
    ];
    for (const [call, field] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });
});

describe('strategyFeatures', () => {
  it('reads only trades closed before each entry (worked by hand)', () => {
    const trades = [
      { entryIndex: 0, exitIndex: 5, rMultiple: 2 },
      { entryIndex: 6, exitIndex: 9, rMultiple: -1 },
      { entryIndex: 8, exitIndex: 12, rMultiple: 0.5 }, // opens before trade 1 closes: sees only trade 0
      { entryIndex: 13, exitIndex: 14, rMultiple: -1 },
      { entryIndex: 15, exitIndex: 16, rMultiple: 3 },
    ];
    const f = strategyFeatures(trades, { recentTrades: 3 });
    expect(Number.isNaN(f.recentWinRate[0]) && Number.isNaN(f.streak[0])).toBe(true);
    expect([f.recentWinRate[1], f.recentMeanR[1], f.streak[1]]).toEqual([1, 2, 1]);
    expect([f.recentWinRate[2], f.recentMeanR[2], f.streak[2]]).toEqual([1, 2, 1]);
    // trade 3 sees 0 (+2), 1 (−1), 2 (+0.5), ordered by exit: streak of one win
    expect([f.recentWinRate[3], f.recentMeanR[3], f.streak[3]]).toEqual([2 / 3, 1.5 / 3, 1]);
    // trade 4: the last three closed are −1, +0.5, −1 → win rate 1/3, mean −0.5, streak −1
    expect([f.recentWinRate[4], f.recentMeanR[4], f.streak[4]]).toEqual([1 / 3, -0.5, -1]);
  });

  it('never looks ahead: a trade keeps its features when later trades are removed', () => {
    const trades = breakoutTrades(sp500);
    const full = strategyFeatures(trades);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: trades.length }), (k) => {
        const cut = strategyFeatures(trades.slice(0, k));
        for (let i = 0; i < k; i++) {
          expect(Object.is(cut.recentWinRate[i], full.recentWinRate[i]) && Object.is(cut.recentMeanR[i], full.recentMeanR[i]) && Object.is(cut.streak[i], full.streak[i])).toBe(true);
        }
      }),
      { numRuns: 20, seed: 3 },
    );
  });

  it('rejects bad trades and options', () => {
    expect(() => strategyFeatures([{ entryIndex: 3, exitIndex: 2, rMultiple: 1 }])).toThrow(expect.objectContaining({ field: 'trades[0].exitIndex' }));
    expect(() => strategyFeatures([{ entryIndex: 0, exitIndex: 2, rMultiple: Number.NaN }])).toThrow(expect.objectContaining({ field: 'trades[0].rMultiple' }));
    expect(() => strategyFeatures([], { recentTrades: 0 })).toThrow(expect.objectContaining({ field: 'options.recentTrades' }));
    expect(() => strategyFeatures('x' as never)).toThrow(expect.objectContaining({ field: 'trades' }));
  });
});
