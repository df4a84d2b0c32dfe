// A trade's return is `returnFraction` (−0.018 = −1.8 %); the old name `returnPct` still
// works on every input and gives the same results, never together with a different value;
// every output carries both names with one value.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  breakoutTrades,
  createSizer,
  estimateEdge,
  logGrowthReward,
  openStore,
  parseOhlcvCsv,
  parseTradesFile,
  QLearningSizer,
  replayIntoTracker,
  seedReward,
  StrategyTracker,
  type Trade,
  type TradeOutcome,
} from '../../src/index.js';
import { returnFields, tradeReturn } from '../../src/edge/tradeReturn.js';
import { ready } from '../../src/runtime/wasm.js';
import { exitGridOutcome } from '../../src/rl/exitGridOutcome.js';
import { SyntheticSizingEnv } from '../../src/rl/SyntheticSizingEnv.js';
import { tradeSamples } from '../../src/rl/tradeSamples.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';

const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));

/** Seeded dated trades of two strategies under the current name. */
function tradesByFraction(count: number, seed = 11) {
  const rng = new Xoshiro128(seed, 0);
  return Array.from({ length: count }, (_, i) => ({
    strategyId: i % 3 === 0 ? 'b' : 'a',
    closedAt: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
    returnFraction: (rng.nextFloat() - 0.42) * 0.05,
    rMultiple: (rng.nextFloat() - 0.4) * 3,
  }));
}
/** The same trades as code written before returnFraction gives them. */
const underOldName = <T extends { returnFraction: number }>(trades: T[]) => trades.map(({ returnFraction, ...rest }) => ({ ...rest, returnPct: returnFraction }));

const fails = (fn: () => unknown, field: string, code: string, message?: RegExp) =>
  expect(fn).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code, ...(message ? { message: expect.stringMatching(message) } : {}) }));

describe('tradeReturn (the one reader of a trade\'s return)', () => {
  it('reads returnFraction, or the deprecated returnPct, or both when they agree', () => {
    expect(tradeReturn({ returnFraction: -0.018 }, 't')).toBe(-0.018);
    expect(tradeReturn({ returnPct: -0.018 }, 't')).toBe(-0.018);
    expect(tradeReturn({ returnFraction: 0.031, returnPct: 0.031 }, 't')).toBe(0.031);
    expect(tradeReturn({ returnFraction: -1 }, 't')).toBe(-1); // a loss of the whole position is a return
  });

  it('refuses both names with different values, naming the deprecated one', () => {
    fails(() => tradeReturn({ returnFraction: 0.02, returnPct: 2 }, 'trades[4]'), 'trades[4].returnPct', 'CONFLICTING_INPUT', /returnFraction is 0\.02.*−1\.8 %/);
  });

  it('refuses neither name, naming returnFraction and its unit', () => {
    fails(() => tradeReturn({ rMultiple: 1 }, 'trades[2]'), 'trades[2].returnFraction', 'INVALID_TYPE', /missing.*fraction of the position: −0\.018 = −1\.8 %/);
  });

  it('says the unit in every error, and that a value below −1 looks like a percent', () => {
    fails(() => tradeReturn({ returnFraction: -1.1 }, 't'), 't.returnFraction', 'OUT_OF_RANGE', /fraction of the position.*divide by 100.*-1\.1/);
    fails(() => tradeReturn({ returnPct: -1.1 }, 't'), 't.returnPct', 'OUT_OF_RANGE', /divide by 100/);
    fails(() => tradeReturn({ returnFraction: Number.NaN }, 't'), 't.returnFraction', 'NON_FINITE', /−0\.018 = −1\.8 %/);
    fails(() => tradeReturn({ returnPct: '0.01' }, 't'), 't.returnPct', 'INVALID_TYPE', /−0\.018 = −1\.8 %/);
    // A bad value under either name is reported before the two are compared.
    fails(() => tradeReturn({ returnFraction: 0.01, returnPct: Number.POSITIVE_INFINITY }, 't'), 't.returnPct', 'NON_FINITE');
    fails(() => tradeReturn({ returnFraction: null, returnPct: 0.01 }, 't'), 't.returnFraction', 'INVALID_TYPE');
  });

  it('takes a lower bound for outcomes that may be sized returns (−Infinity: any finite value)', () => {
    expect(tradeReturn({ returnPct: -3 }, 'outcome', Number.NEGATIVE_INFINITY)).toBe(-3);
  });

  it('builds output fields with one value under both names', () => {
    expect(returnFields(-0.018)).toEqual({ returnFraction: -0.018, returnPct: -0.018 });
  });
});

describe('every trade input takes the deprecated returnPct with identical results', () => {
  beforeAll(() => ready());

  it('estimateEdge', () => {
    const trades = tradesByFraction(60);
    expect(estimateEdge(underOldName(trades), { resamples: 300 })).toEqual(estimateEdge(trades, { resamples: 300 }));
    fails(() => estimateEdge([...trades, { returnFraction: 0.01, returnPct: 1 }]), 'trades[60].returnPct', 'CONFLICTING_INPUT');
    fails(() => estimateEdge([...trades, { closedAt: '2024-06-01' } as never]), 'trades[60].returnFraction', 'INVALID_TYPE');
    fails(() => estimateEdge([{ returnPct: -1.8 }, { returnPct: 3.1 }]), 'trades[0].returnPct', 'OUT_OF_RANGE', /divide by 100/);
  });

  it('sizer.estimateEdge', () => {
    const sizer = createSizer();
    const trades = tradesByFraction(60);
    const asOf = trades[59].closedAt;
    expect(sizer.estimateEdge(underOldName(trades), { asOf, resamples: 300 })).toEqual(sizer.estimateEdge(trades, { asOf, resamples: 300 }));
    fails(() => sizer.estimateEdge([{ returnFraction: 0.02, returnPct: 0.03 }]), 'trades[0].returnPct', 'CONFLICTING_INPUT');
  });

  it('the journal: recordTrade and recordTrades, read back under both names', async () => {
    const store = await openStore();
    const trades = tradesByFraction(10).map((t, i) => ({ ...t, id: `t${i}` }));
    await store.recordTrades(underOldName(trades.slice(0, 5)));
    for (const t of underOldName(trades.slice(5))) await store.recordTrade(t);
    const back = [...(await store.trades('a')), ...(await store.trades('b'))].sort((x, y) => x.id.localeCompare(y.id));
    for (const [i, t] of back.entries()) {
      expect(t.returnFraction).toBe(trades[i].returnFraction);
      expect(t.returnPct).toBe(trades[i].returnFraction);
    }
    await expect(store.recordTrade({ strategyId: 'a', returnFraction: 0.01, returnPct: 0.02 })).rejects.toMatchObject({ code: 'CONFLICTING_INPUT', field: 'trade.returnPct' });
    await expect(store.recordTrades([{ strategyId: 'a', returnFraction: 0.01 }, { strategyId: 'a' } as never])).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'trades[1].returnFraction' });
    // A stored trade (both names, one value) goes back in as it came out.
    const again = await openStore();
    await again.recordTrades(back);
    expect(await again.trades('a')).toEqual(await store.trades('a'));
    await again.close();
    await store.close();
  });

  it('StrategyTracker.positionClosed and positionsClosed', async () => {
    const trades = tradesByFraction(40);
    const current = new StrategyTracker({ resamples: 200 });
    const old = new StrategyTracker({ resamples: 200 });
    const states = await current.positionsClosed(trades);
    expect(await old.positionsClosed(underOldName(trades))).toEqual(states);
    const next = { strategyId: 'a', closedAt: '2024-03-01', returnFraction: -0.012 };
    expect(await old.positionClosed(underOldName([next])[0])).toEqual(await current.positionClosed(next));
    await expect(old.positionsClosed([next, { ...next, returnPct: 0.5 }])).rejects.toMatchObject({ code: 'CONFLICTING_INPUT', field: 'trades[1].returnPct' });
    await expect(old.positionClosed({ strategyId: 'a' } as never)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'trade.returnFraction' });
  });

  it('replayIntoTracker, including the reference strategy\'s trades (both names, one value)', async () => {
    const trades = tradesByFraction(30);
    const steps = await replayIntoTracker(trades, new StrategyTracker({ resamples: 200 }));
    expect(await replayIntoTracker(underOldName(trades), new StrategyTracker({ resamples: 200 }))).toEqual(steps);
    const bad = underOldName(trades).map((t, i) => (i === 7 ? { ...t, returnFraction: t.returnPct + 0.01 } : t));
    const conflict = replayIntoTracker(bad, new StrategyTracker({ resamples: 200 }), { batch: 5 });
    await expect(conflict).rejects.toMatchObject({ code: 'CONFLICTING_INPUT', field: 'trades[7].returnPct' });
    // The message names both of trade 7's fields, not the batch's index of it.
    await expect(conflict).rejects.toThrow(/trades\[7\]\.returnPct .*trades\[7\]\.returnFraction/);
    await expect(replayIntoTracker(bad, new StrategyTracker({ resamples: 200 }), { batch: 5 })).rejects.not.toThrow(/trades\[2\]/);
    const breakout = breakoutTrades(bars).slice(0, 40);
    const onlyFraction = breakout.map((t) => ({ closedAt: t.closedAt, returnFraction: t.returnFraction, rMultiple: t.rMultiple }));
    const opts = { strategyId: 'breakout' };
    expect(await replayIntoTracker(breakout, new StrategyTracker({ resamples: 200 }), opts)).toEqual(await replayIntoTracker(onlyFraction, new StrategyTracker({ resamples: 200 }), opts));
  });

  it('seedReward, logGrowthReward and the agent\'s outcomes', async () => {
    const action = { action: 1, multiplier: 1.5 };
    const outcome = { returnFraction: -0.021, rMultiple: -0.7, maxAdverseExcursion: -0.04 };
    const old: TradeOutcome = { returnPct: -0.021, rMultiple: -0.7, maxAdverseExcursion: -0.04 };
    expect(seedReward(old, action)).toBe(seedReward(outcome, action));
    expect(logGrowthReward(old, action)).toBe(logGrowthReward(outcome, action));
    // ln(1 + 1.5 × −0.021) = ln 0.9685 (log growth of the sized position).
    expect(logGrowthReward(old, action)).toBeCloseTo(Math.log(0.9685), 14);
    fails(() => seedReward({ returnFraction: 0.01, returnPct: 0.02 }, action), 'outcome.returnPct', 'CONFLICTING_INPUT');
    fails(() => logGrowthReward({} as never, action), 'outcome.returnFraction', 'INVALID_TYPE');
    // The error names the return as the caller gave it.
    fails(() => logGrowthReward({ returnPct: -1 }, action), 'outcome.returnPct', 'OUT_OF_RANGE');
    fails(() => logGrowthReward({ returnFraction: -1 }, action), 'outcome.returnFraction', 'OUT_OF_RANGE');
    fails(() => seedReward({ returnPct: 1e306 }, action), 'outcome.returnPct', 'OUT_OF_RANGE');
    const agent = await QLearningSizer.create({ states: 2, actions: [0.5, 1, 2], seed: 4 });
    const samples = [{ state: 0, outcome }, { state: 1, outcome: { ...outcome, returnFraction: 0.03 } }];
    const batch = agent.counterfactualBatch(samples);
    expect(agent.counterfactualBatch(samples.map((s) => ({ state: s.state, outcome: underOldName([s.outcome])[0] })))).toEqual(batch);
    // A custom reward receives the outcome under both names.
    const seen: unknown[] = [];
    const custom = await QLearningSizer.create({ states: 2, actions: [1], seed: 4, reward: (o) => (seen.push(o), o.returnFraction) });
    custom.counterfactualBatch([{ state: 0, outcome: old }]);
    expect(seen).toEqual([{ returnFraction: -0.021, returnPct: -0.021, rMultiple: -0.7, maxAdverseExcursion: -0.04 }]);
    agent.dispose();
    custom.dispose();
  });
});

describe('every output carries returnFraction and the deprecated returnPct with one value', () => {
  const same = (xs: readonly { returnFraction: number; returnPct: number }[]) => {
    expect(xs.length).toBeGreaterThan(0);
    for (const x of xs) expect(x.returnPct).toBe(x.returnFraction);
  };

  it('breakoutTrades, tradeSamples, exitGridOutcome', () => {
    const trades = breakoutTrades(bars);
    same(trades);
    // The return is the exit over the entry, less one (the strategy's definition).
    for (const t of trades) expect(t.returnFraction).toBe(t.exitPrice / t.entryPrice - 1);
    same(tradeSamples(bars, trades).map((s) => s.outcome));
    same(trades.slice(0, 20).map((t) => exitGridOutcome(bars, t, 2, 3)));
  });

  it('parseTradesFile', () => {
    same(parseTradesFile('return,closedAt\n0.031,2024-01-02\n-0.012,2024-01-03', 'trades.csv').trades);
  });

  it('the synthetic environment', () => {
    const env = new SyntheticSizingEnv();
    same(Array.from({ length: 20 }, () => env.next().outcome));
  });

  it('keeps Trade usable by code that gives returnPct only (types)', () => {
    const old: Trade = { returnPct: 0.01 };
    const current: Trade = { returnFraction: 0.01 };
    const output: Trade = breakoutTrades(bars)[0];
    // @ts-expect-error a trade needs its return under one of the names
    const neither: Trade = { closedAt: '2024-01-02' };
    expect([old, current, output, neither].length).toBe(4);
  });
});
