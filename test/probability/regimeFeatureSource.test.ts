import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClosesCsv } from '../../src/data/parseClosesCsv.js';
import type { OhlcvColumns } from '../../src/data/parseOhlcvCsv.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { REGIME_FEATURE_SOURCE } from '../../src/probability/regimeFeatureSource.js';
import { MARKET_FEATURE_NAMES, regimeFeatures } from '../../src/regime/regimeFeatures.js';

const read = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8');
const sp500 = parseOhlcvCsv(read('sp500_2000-2020_daily_ohlcv.csv'));
/** A closes-only series: open = high = low = close, NaN volume. */
const closesOnly = [...parseClosesCsv(read('dowjones30_1991-2000_daily_close.csv')).values()][0];

/** The first `length` bars. */
const head = (bars: OhlcvColumns, length: number): OhlcvColumns => ({
  date: bars.date.slice(0, length),
  open: bars.open.slice(0, length),
  high: bars.high.slice(0, length),
  low: bars.low.slice(0, length),
  close: bars.close.slice(0, length),
  volume: bars.volume.slice(0, length),
});

describe('REGIME_FEATURE_SOURCE', () => {
  it("is regimeFeatures' columns by name, every market feature but the volume ratio", () => {
    expect(REGIME_FEATURE_SOURCE.names).toEqual(MARKET_FEATURE_NAMES.filter((name) => name !== 'volumeRatio'));
    const expected = regimeFeatures(sp500);
    const columns = REGIME_FEATURE_SOURCE.columns(sp500);
    expect(columns.length).toBe(REGIME_FEATURE_SOURCE.names.length);
    REGIME_FEATURE_SOURCE.names.forEach((name, j) => expect(columns[j]).toEqual(expected[name as keyof typeof expected]));
    expect(Object.isFrozen(REGIME_FEATURE_SOURCE) && Object.isFrozen(REGIME_FEATURE_SOURCE.names)).toBe(true);
  });

  it('is causal: the value at bar t is unchanged when the bars after t are removed', () => {
    for (const bars of [sp500, closesOnly]) {
      const full = REGIME_FEATURE_SOURCE.columns(bars);
      for (const t of [5, 30, 41, 250, 1000, bars.close.length - 2]) {
        const cut = REGIME_FEATURE_SOURCE.columns(head(bars, t + 1));
        // Object.is: a NaN (still warming up) must stay NaN too.
        full.forEach((column, j) => expect(Object.is(cut[j][t], column[t]), `${REGIME_FEATURE_SOURCE.names[j]} at bar ${t}`).toBe(true));
      }
    }
  });

  it('is finite on every bar after the warm-up, even on a closes-only series (where the left-out volume ratio is NaN throughout)', () => {
    expect(regimeFeatures(closesOnly).volumeRatio.every(Number.isNaN)).toBe(true);
    // Longest default window: ATR(14) ranked over 20 values = 33 bars; 40 leaves room.
    for (const bars of [sp500, closesOnly]) {
      for (const column of REGIME_FEATURE_SOURCE.columns(bars)) expect(Array.prototype.slice.call(column, 40).every(Number.isFinite)).toBe(true);
    }
  });

  it('rejects bars that are not OHLCV columns, naming the field', () => {
    expect(() => REGIME_FEATURE_SOURCE.columns(null as never)).toThrow(expect.objectContaining({ field: 'bars' }));
    const bad = { ...sp500, close: sp500.close.map((x, i) => (i === 7 ? Number.NaN : x)) };
    expect(() => REGIME_FEATURE_SOURCE.columns(bad)).toThrow(expect.objectContaining({ field: 'bars.close[7]' }));
  });
});
