import { readFileSync } from 'node:fs';
import { ATR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { atr } from '../../src/volatility/atr.js';
import { volatilityRegime } from '../../src/volatility/volatilityRegime.js';

const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));

describe('Wilder ATR on the bundled S&P 500 data', () => {
  it.each([14, 20])('matches the trading-signals package (ATR with WSMA), period %i', (period) => {
    const ours = atr(bars.high, bars.low, bars.close, period);
    const theirs = new ATR(period);
    let compared = 0;
    for (let i = 0; i < bars.close.length; i++) {
      const value = theirs.update({ high: bars.high[i], low: bars.low[i], close: bars.close[i] }, false);
      if (value === null) {
        expect(Number.isNaN(ours[i])).toBe(true);
        continue;
      }
      expect(Math.abs(ours[i] - value)).toBeLessThanOrEqual(1e-9 * value);
      compared++;
    }
    expect(compared).toBe(bars.close.length - period + 1);
  });
});

describe('volatilityRegime', () => {
  it('compares the last ATR with its own average and labels the regime', () => {
    const series = atr(bars.high, bars.low, bars.close, 14);
    for (const index of [100, 2000, bars.close.length - 1]) {
      const s = volatilityRegime(bars, {}, index);
      let sum = 0;
      for (let i = index - 49; i <= index; i++) sum += series[i];
      expect(s.atr).toBe(series[index]);
      expect(s.atrAverage).toBeCloseTo(sum / 50, 10);
      expect(s.atrRatio).toBeCloseTo(series[index] / (sum / 50), 12);
      expect(s.regime).toBe(s.atrRatio < 0.8 ? 'LOW' : s.atrRatio > 1.2 ? 'HIGH' : 'NORMAL');
    }
  });

  it('finds all three regimes over 2000–2020, HIGH in the autumn of 2008', () => {
    const seen = new Set<string>();
    for (let i = 62; i < bars.close.length; i += 5) seen.add(volatilityRegime(bars, {}, i).regime);
    expect([...seen].sort()).toEqual(['HIGH', 'LOW', 'NORMAL']);
    const lehman = bars.date.indexOf('2008-10-10');
    expect(lehman).toBeGreaterThan(0);
    expect(volatilityRegime(bars, {}, lehman).regime).toBe('HIGH');
  });

  it('rejects an index before the warm-up and bad options', () => {
    expect(() => volatilityRegime(bars, {}, 10)).toThrow(expect.objectContaining({ field: 'index' }));
    expect(() => volatilityRegime(bars, { low: 1.5, high: 1.2 })).toThrow(expect.objectContaining({ field: 'options.high' }));
    expect(() => volatilityRegime(bars, { period: 0 })).toThrow(expect.objectContaining({ field: 'options.period' }));
  });
});
