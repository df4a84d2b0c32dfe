import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { BREAKOUT_DEFAULTS, breakoutTrades } from '../../src/strategy/breakoutTrades.js';
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

  it('names the line of a malformed row', () => {
    expect(() => parseOhlcvCsv('date,open,high,low,close,volume\n2020-01-01,1,2,0.5,x,10')).toThrow(/line 2/);
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
      expect(t.returnPct).toBeCloseTo(t.exitPrice / t.entryPrice - 1, 14);
      expect(t.stopPrice).toBeCloseTo(t.entryPrice - o.stopAtr * range[t.entryIndex - 1], 9);
      expect(t.rMultiple).toBeCloseTo((t.exitPrice - t.entryPrice) / (t.entryPrice - t.stopPrice), 12);
      expect(t.maxAdverseExcursion).toBeLessThanOrEqual(Math.min(0, t.returnPct) + 1e-15);
      if (t.exitReason === 'stop') expect(t.exitPrice).toBeLessThanOrEqual(t.stopPrice);
    }
  });
});
