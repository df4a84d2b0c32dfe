import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countingFallbacks, dynamicRisk } from '../../src/cli/dynamicRisk.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { backtestSizing } from '../../src/evaluate/backtestSizing.js';
import { createSizer } from '../../src/sizing/PositionSizer.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
const trades = breakoutTrades(bars);

describe("the main job's dynamic sizing rule", () => {
  it('sizes inside the tier bounds, with the fallback before 20 closed trades', () => {
    const sizer = createSizer();
    const size = dynamicRisk(sizer, bars, trades);
    for (const k of [0, 5, 25, 60, trades.length - 1]) {
      const s = size(k, 100_000, 100_000);
      // 0 when the edge so far is ≤ 0, else at least the tier's 0.2 %.
      expect(s.riskFraction === 0 || s.riskFraction >= 0.002 - 1e-15).toBe(true);
      expect(s.riskFraction).toBeLessThanOrEqual(0.05);
      const base = s.decision.factors[0];
      if (k < 20) expect(base?.value).toBe(0.01); // fewer than 20 closed trades: the fallback
    }
  });

  it('counts the trades backtestSizing sized with the fallback: the first 20 (fewer than 20 closed before them)', () => {
    const rule = countingFallbacks(dynamicRisk(createSizer(), bars, trades));
    const result = backtestSizing(bars, trades, rule.size);
    // Every trade is taken (no ruin at ≤ 5 % risk), one decision each.
    expect(result.tradesTaken).toBe(trades.length);
    // Trades 0…19 have fewer than 20 trades closed before their entry; trade 20 has at least 20
    // only if none of 0…19 is still open at its entry, which one position at a time guarantees.
    expect(rule.fallbacks()).toBe(20);
  });
});
