import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { ready } from '../../src/runtime/wasm.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import { exitGridOutcome } from '../../src/rl/exitGridOutcome.js';
import { breakoutTrades, type BreakoutTrade } from '../../src/strategy/breakoutTrades.js';

const sp500 = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
const trades = breakoutTrades(sp500);

beforeAll(() => ready());

describe('exitGridOutcome', () => {
  it('reproduces the reference strategy (breakoutTrades, a second implementation) with its 2-ATR stop and no target', () => {
    for (const t of trades) {
      const o = exitGridOutcome(sp500, t, 2, 1e9);
      expect(o.returnFraction).toBeCloseTo(t.returnFraction, 12);
      expect(o.rMultiple).toBeCloseTo(t.rMultiple, 9);
      expect(o.maxAdverseExcursion).toBeCloseTo(t.maxAdverseExcursion, 12);
    }
  });

  it("uses the trade's own exit channel: reproduces the 10/5-day breakout's trades too", () => {
    const short = breakoutTrades(sp500, { entryPeriod: 10, exitPeriod: 5 });
    for (const t of short) {
      const o = exitGridOutcome(sp500, t, 2, 1e9);
      expect(o.returnFraction).toBeCloseTo(t.returnFraction, 12);
      expect(o.maxAdverseExcursion).toBeCloseTo(t.maxAdverseExcursion, 12);
    }
  });

  it('counts the low of the bar that reaches the target toward the max adverse excursion', () => {
    // Hand-made bars. Entry 100 at bar 0, ATR 2: stop 100 − 2·2 = 96, target 100 + 2·2 = 104.
    // Bar 0 (low 98, high 102) touches neither; bar 1 (open 101, low 97, high 105) reaches
    // the target, filled at max(101, 104) = 104. Worst low while open: 97 → MAE −3 %.
    const bars = {
      date: ['d0', 'd1', 'd2'],
      open: Float64Array.of(100, 101, 104),
      high: Float64Array.of(102, 105, 106),
      low: Float64Array.of(98, 97, 103),
      close: Float64Array.of(101, 104, 105),
      volume: Float64Array.of(1, 1, 1),
    };
    const trade = { entryIndex: 0, entryPrice: 100, atrAtEntry: 2, exitPeriod: 10 } as BreakoutTrade;
    const o = exitGridOutcome(bars, trade, 2, 2);
    expect(o.returnFraction).toBeCloseTo(0.04, 14);
    expect(o.rMultiple).toBeCloseTo(1, 14); // (104 − 100) / (100 − 96)
    expect(o.maxAdverseExcursion).toBeCloseTo(-0.03, 14);
  });

  it('lets a grid agent learn from per-action outcomes', () => {
    const agent = new QLearningSizer({ states: 1, actions: [1], grid: { stopLoss: [1, 2], takeProfit: [1.5, 3] }, alpha: 1 });
    const t = trades[0];
    const batch = agent.counterfactualBatch([{ state: 0, outcomeFor: (a) => exitGridOutcome(sp500, t, a.stopLoss as number, a.takeProfit as number) }]);
    expect(batch.state.length).toBe(4);
    expect(() => agent.counterfactualBatch([{ state: 0, outcome: { returnFraction: 0.01 } }])).toThrow(expect.objectContaining({ field: 'samples[0].outcomeFor' }));
    agent.dispose();
  });
});
