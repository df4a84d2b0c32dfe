// Replaying a strategy's trades gives, step by step, estimateEdge of each prefix, and the
// same history lands in the store; a replay with trade ids can be run twice.
import { describe, expect, it } from 'vitest';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { openStore } from '../../src/store/openStore.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { replayIntoTracker } from '../../src/tracker/replayIntoTracker.js';
import { StrategyTracker } from '../../src/tracker/StrategyTracker.js';

/** Trades shaped like breakoutTrades' output: Trade fields plus prices and excursions the journal does not keep. */
function richTrades(count: number) {
  const rng = new Xoshiro128(11, 0);
  return Array.from({ length: count }, (_, i) => ({
    closedAt: new Date(Date.UTC(2023, 0, 2) + i * 86_400_000).toISOString().slice(0, 10),
    returnFraction: (rng.nextFloat() - 0.4) * 0.04,
    rMultiple: (rng.nextFloat() - 0.4) * 2,
    entryPrice: 100 + i,
    exitPrice: 101 + i,
    exitReason: 'channel' as const,
  }));
}

describe('replayIntoTracker', () => {
  it('returns estimateEdge of every prefix and records the same Kelly history in the store', async () => {
    const store = await openStore();
    const trades = richTrades(40);
    const steps = await replayIntoTracker(trades, new StrategyTracker({ store, resamples: 200 }), { strategyId: 'breakout' });
    expect(steps.length).toBe(40);
    steps.forEach((step, i) => {
      let expected;
      try {
        expected = estimateEdge(trades.slice(0, i + 1), { resamples: 200 });
      } catch {
        expected = undefined; // no loss yet
      }
      expect(step.estimate).toEqual(expected);
      expect(step.at).toEqual(new Date(trades[i].closedAt));
      expect(step.kelly.trades).toBe(i + 1);
    });
    const history = await store.kellyHistory('breakout');
    expect(history.map((h) => h.estimate)).toEqual(steps.filter((s) => s.estimate !== undefined).map((s) => s.estimate));
    expect((await store.trades('breakout')).map((t) => t.rMultiple)).toEqual(trades.map((t) => t.rMultiple));
    await store.close();
  });

  it('gives the same steps and history in batches as one trade at a time', async () => {
    const trades = richTrades(30);
    const single = await replayIntoTracker(trades, new StrategyTracker({ resamples: 200 }), { strategyId: 'b' });
    const store = await openStore();
    const batched = await replayIntoTracker(trades, new StrategyTracker({ store, resamples: 200 }), { strategyId: 'b', batch: 7 });
    expect(batched).toEqual(single);
    expect((await store.kellyHistory('b')).map((h) => h.estimate)).toEqual(single.filter((s) => s.estimate).map((s) => s.estimate));
    const bad = trades.map((t, i) => (i === 10 ? { ...t, returnFraction: Number.NaN } : t));
    await expect(replayIntoTracker(bad, new StrategyTracker(), { strategyId: 'c', batch: 7 })).rejects.toMatchObject({ field: 'trades[10].returnFraction' });
    await expect(replayIntoTracker(trades, new StrategyTracker(), { strategyId: 'c', batch: 0 })).rejects.toMatchObject({ field: 'options.batch' });
    await store.close();
  });

  it('counts each trade once when a replay with trade ids runs twice', async () => {
    const store = await openStore();
    const trades = richTrades(12);
    const tradeId = (_: unknown, i: number) => `replay-${i}`;
    await replayIntoTracker(trades, new StrategyTracker({ store, resamples: 200 }), { strategyId: 's', tradeId });
    const again = await StrategyTracker.fromStore(store, { resamples: 200 });
    await replayIntoTracker(trades, again, { strategyId: 's', tradeId });
    expect((await store.trades('s')).length).toBe(12);
    expect(again.kelly('s')!.trades).toBe(12);
    await store.close();
  });

  it('refuses bad input with the index of the trade in the caller\'s list', async () => {
    const tracker = new StrategyTracker({ resamples: 200 });
    const trades = richTrades(5);
    await expect(replayIntoTracker('x' as never, tracker)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'trades' });
    await expect(replayIntoTracker(trades, {} as never)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'tracker' });
    await expect(replayIntoTracker(trades, tracker)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'trades[0].strategyId' });
    await expect(replayIntoTracker(trades, tracker, { strategyId: 's', tradeId: 3 as never })).rejects.toMatchObject({ field: 'options.tradeId' });
    await expect(replayIntoTracker(trades, tracker, { strategy: 's' } as never)).rejects.toMatchObject({ code: 'UNKNOWN_KEY', field: 'options.strategy' });
    const bad = trades.map((t, i) => (i === 3 ? { ...t, returnFraction: Number.NaN } : t));
    await expect(replayIntoTracker(bad, tracker, { strategyId: 'n' })).rejects.toMatchObject({ code: 'NON_FINITE', field: 'trades[3].returnFraction', message: expect.stringContaining('trades[3].returnFraction') });
    expect(tracker.kelly('n')!.trades).toBe(3); // the trades before the bad one were replayed, as documented
  });
});
