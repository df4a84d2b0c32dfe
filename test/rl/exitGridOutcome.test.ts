import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { ready } from '../../src/runtime/wasm.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import { exitGridOutcome } from '../../src/rl/exitGridOutcome.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const sp500 = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
const trades = breakoutTrades(sp500);

beforeAll(() => ready());

describe('exitGridOutcome', () => {
  it('reproduces the reference strategy (breakoutTrades, a second implementation) with its 2-ATR stop and no target', () => {
    for (const t of trades) {
      const o = exitGridOutcome(sp500, t, 2, 1e9);
      expect(o.returnPct).toBeCloseTo(t.returnPct, 12);
      expect(o.rMultiple).toBeCloseTo(t.rMultiple, 9);
      expect(o.maxAdverseExcursion).toBeCloseTo(t.maxAdverseExcursion, 12);
    }
  });

  it('lets a grid agent learn from per-action outcomes', () => {
    const agent = new QLearningSizer({ states: 1, actions: [1], grid: { stopLoss: [1, 2], takeProfit: [1.5, 3] }, alpha: 1 });
    const t = trades[0];
    const batch = agent.counterfactualBatch([{ state: 0, outcomeFor: (a) => exitGridOutcome(sp500, t, a.stopLoss as number, a.takeProfit as number) }]);
    expect(batch.state.length).toBe(4);
    expect(() => agent.counterfactualBatch([{ state: 0, outcome: { returnPct: 0.01 } }])).toThrow(expect.objectContaining({ field: 'samples[0].outcomeFor' }));
    agent.dispose();
  });
});
