import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtest, dynamicRisk, flatRisk } from '../../src/cli/sizingBacktest.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { createSizer } from '../../src/sizing/PositionSizer.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
const trades = breakoutTrades(bars);

describe('the main job\'s sizing backtest', () => {
  it('compounds flat risk as Π(1 + risk × R) over the trades (closed form)', () => {
    const result = backtest(bars, trades, 100_000, flatRisk(trades, 0.01, 1e9));
    const expected = trades.reduce((w, t) => w * (1 + 0.01 * t.rMultiple), 100_000);
    expect(result.finalEquity).toBeCloseTo(expected, 6);
    expect(result.meanRisk).toBeCloseTo(0.01, 12);
    expect(result.maxDrawdown).toBeGreaterThan(0);
  });

  it('sizes the dynamic rule inside the tier bounds, with the fallback before 20 closed trades', () => {
    const sizer = createSizer();
    const size = dynamicRisk(sizer, bars, trades);
    for (const k of [0, 5, 25, 60, trades.length - 1]) {
      const s = size(k, 100_000, 100_000);
      // 0 when the edge so far is ≤ 0, else at least the tier's 0.2 %.
      expect(s.riskFraction === 0 || s.riskFraction >= 0.002 - 1e-15).toBe(true);
      expect(s.riskFraction).toBeLessThanOrEqual(0.05);
      const base = s.decision?.factors[0];
      if (k < 20) expect(base?.value).toBe(0.01); // fewer than 20 closed trades: the fallback
    }
  });
});
