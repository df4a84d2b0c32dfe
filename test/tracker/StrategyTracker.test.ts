// The tracker against its definition: after every close, edge(id) is estimateEdge of that
// strategy's trades so far with the same options (computed here directly), the adjustment
// is adjustKellyForPerformance of the last 20 returns, and a store holds the same history.
import { describe, expect, it } from 'vitest';
import { estimateEdge, type EdgeEstimate } from '../../src/edge/estimateEdge.js';
import type { Trade } from '../../src/edge/trade.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { openStore } from '../../src/store/openStore.js';
import { adjustKellyForPerformance } from '../../src/tracker/adjustKellyForPerformance.js';
import { StrategyTracker, type EdgeEventDetail } from '../../src/tracker/StrategyTracker.js';

/** Seeded trades of two strategies, closed one every 6 hours, handed over out of order. */
function tradeStream(count: number, seed = 3) {
  const rng = new Xoshiro128(seed, 0);
  const trades = Array.from({ length: count }, (_, i) => ({
    strategyId: i % 3 === 0 ? 'mean-rev' : 'breakout',
    closedAt: new Date(Date.UTC(2024, 0, 1) + i * 6 * 3_600_000),
    returnFraction: (rng.nextFloat() - 0.42) * 0.05,
  }));
  // Swap neighbours now and then: closes reported late.
  for (let i = 1; i < trades.length; i += 7) [trades[i - 1], trades[i]] = [trades[i], trades[i - 1]];
  return trades;
}

const byTime = <T extends Trade>(trades: T[]) => trades.slice().sort((a, b) => +new Date(a.closedAt!) - +new Date(b.closedAt!));

describe('StrategyTracker', () => {
  // Closes every 6 hours: windowDays cuts land exactly on a trade, testing the boundary (time > latest − D days).
  for (const options of [{}, { window: 15 }, { windowDays: 10 }, { windowDays: 3, window: 10 }, { windowDays: 3, window: 40 }, { minTrades: 8, window: 30 }]) {
    it(`edge(id) equals estimateEdge of the trades so far after every close (${JSON.stringify(options)})`, async () => {
      const tracker = new StrategyTracker({ ...options, resamples: 200 });
      const seen: Record<string, Trade[]> = {};
      for (const trade of tradeStream(90)) {
        const got = await tracker.positionClosed(trade);
        (seen[trade.strategyId] ??= []).push(trade);
        let expected: EdgeEstimate | undefined;
        try {
          expected = estimateEdge(seen[trade.strategyId], { ...options, resamples: 200 });
        } catch (e) {
          expect((e as { code: string }).code).toBe('NO_LOSSES');
        }
        expect(got).toEqual(expected);
        expect(tracker.edge(trade.strategyId)).toEqual(expected);
      }
      expect(tracker.strategies().sort()).toEqual(['breakout', 'mean-rev']);
    });
  }

  it('reports the performance-adjusted Kelly beside the raw estimate, not in place of it', async () => {
    const tracker = new StrategyTracker({ resamples: 200 });
    const trades = tradeStream(80).filter((t) => t.strategyId === 'breakout');
    for (const t of trades) await tracker.positionClosed(t);
    const state = tracker.kelly('breakout')!;
    const raw = estimateEdge(trades, { resamples: 200 });
    expect(state.estimate).toEqual(raw);
    const recent = byTime(trades).slice(-20).map((t) => t.returnFraction);
    expect(state.adjustment).toEqual(adjustKellyForPerformance(raw.kelly, recent));
    expect(state.usedFallback).toBe(false);
    expect(state.riskFraction).toBe(state.adjustment!.kelly.riskFraction);
    expect(tracker.sizingEdge('breakout')).toEqual({ ...raw, kelly: state.adjustment!.kelly });
    expect(tracker.edge('breakout')!.kelly).toEqual(raw.kelly);
  });

  it('emits an edge event per re-estimate, with the strategy and the new estimate', async () => {
    const tracker = new StrategyTracker({ resamples: 200 });
    const events: EdgeEventDetail[] = [];
    tracker.addEventListener('edge', (e) => events.push((e as CustomEvent<EdgeEventDetail>).detail));
    expect(await tracker.positionClosed({ strategyId: 'a', returnFraction: 0.02 })).toBeUndefined(); // no loss yet: no Kelly, no event
    expect(events).toEqual([]);
    const e2 = await tracker.positionClosed({ strategyId: 'a', returnFraction: -0.01 });
    expect(events.length).toBe(1);
    expect(events[0].strategyId).toBe('a');
    expect(events[0].estimate).toBe(e2);
    expect(events[0].kelly).toBe(tracker.kelly('a'));
  });

  it('uses the fixed fallback risk below minTrades and before the first loss', async () => {
    const tracker = new StrategyTracker({ minTrades: 5, fallbackRiskFraction: 0.004, resamples: 200 });
    await tracker.positionClosed({ strategyId: 'a', returnFraction: 0.02 });
    expect(tracker.kelly('a')).toMatchObject({ trades: 1, usedFallback: true, riskFraction: 0.004 });
    expect(tracker.kelly('a')!.estimate).toBeUndefined();
    for (const r of [-0.01, 0.03, -0.01]) await tracker.positionClosed({ strategyId: 'a', returnFraction: r });
    expect(tracker.kelly('a')).toMatchObject({ trades: 4, usedFallback: true, riskFraction: 0.004 });
    expect(tracker.edge('a')!.reliable).toBe(false);
    await tracker.positionClosed({ strategyId: 'a', returnFraction: 0.02 });
    expect(tracker.kelly('a')!.usedFallback).toBe(false);
    expect(tracker.kelly('a')!.riskFraction).toBe(tracker.kelly('a')!.adjustment!.kelly.riskFraction);
    expect(tracker.edge('unknown')).toBeUndefined();
    expect(tracker.kelly('unknown')).toBeUndefined();
  });

  it('handles calls one at a time in call order, even when not awaited', async () => {
    const tracker = new StrategyTracker({ resamples: 200 });
    const trades = tradeStream(40).filter((t) => t.strategyId === 'breakout');
    await Promise.all(trades.map((t) => tracker.positionClosed(t)));
    expect(tracker.edge('breakout')).toEqual(estimateEdge(trades, { resamples: 200 }));
  });

  it('counts a trade retried under the same id once', async () => {
    const tracker = new StrategyTracker({ resamples: 200 });
    const t = { id: 'x1', strategyId: 'a', returnFraction: -0.01, closedAt: '2024-01-01T00:00:00Z' };
    await tracker.positionClosed({ ...t, id: 'x0', returnFraction: 0.02 });
    await tracker.positionClosed(t);
    await tracker.positionClosed(t);
    expect(tracker.kelly('a')!.trades).toBe(2);
    await expect(tracker.positionClosed({ ...t, returnFraction: -0.02 })).rejects.toMatchObject({ code: 'DUPLICATE', field: 'trade.id' });
  });

  it('records each close and its estimate in the store, and a tracker loaded from the store has the same state', async () => {
    const store = await openStore();
    const tracker = new StrategyTracker({ store, window: 20, resamples: 200 });
    const estimates: Record<string, EdgeEstimate[]> = {};
    for (const t of tradeStream(60)) {
      const e = await tracker.positionClosed(t);
      if (e !== undefined) (estimates[t.strategyId] ??= []).push(e);
    }
    for (const id of ['breakout', 'mean-rev']) {
      const history = await store.kellyHistory(id);
      // Oldest first by close time; the estimates were made in arrival order, which differs where closes came late.
      expect(history.map((h) => h.estimate).sort((a, b) => a.trades - b.trades || a.expectancy - b.expectancy)).toEqual(
        estimates[id].slice().sort((a, b) => a.trades - b.trades || a.expectancy - b.expectancy),
      );
      expect(history.every((h) => h.adjustment !== undefined)).toBe(true);
    }
    const restored = await StrategyTracker.fromStore(store, { window: 20, resamples: 200 });
    for (const id of ['breakout', 'mean-rev']) {
      expect(restored.edge(id)).toEqual(tracker.edge(id));
      expect(restored.kelly(id)).toEqual(tracker.kelly(id));
    }
    await store.close();
  });

  it('changes nothing when a close is refused: bad trade, or a store that fails', async () => {
    const store = await openStore();
    const tracker = new StrategyTracker({ store, resamples: 200 });
    let events = 0;
    tracker.addEventListener('edge', () => events++);
    await tracker.positionClosed({ strategyId: 'a', returnFraction: 0.02 });
    await tracker.positionClosed({ strategyId: 'a', returnFraction: -0.01 });
    const before = tracker.kelly('a');
    await expect(tracker.positionClosed({ strategyId: 'a', returnFraction: Number.NaN })).rejects.toMatchObject({ code: 'NON_FINITE', field: 'trade.returnFraction' });
    await expect(tracker.positionClosed({ strategyId: 'a', returnFraction: 0.01, closedAt: 'never' })).rejects.toMatchObject({ field: 'trade.closedAt' });
    await expect(tracker.positionClosed({ strategyId: 42 as never, returnFraction: 0.01 })).rejects.toMatchObject({ field: 'trade.strategyId' });
    await expect(tracker.positionClosed(null as never)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'trade' });
    expect((await store.trades('a')).length).toBe(2);
    await store.close();
    await expect(tracker.positionClosed({ strategyId: 'a', returnFraction: 0.01 })).rejects.toMatchObject({ code: 'INVALID_STATE', field: 'store' });
    expect(tracker.kelly('a')).toBe(before);
    expect(events).toBe(1);
  });

  it('positionsClosed gives the states positionClosed would, in one store transaction, all or nothing', async () => {
    const trades = tradeStream(45);
    const one = new StrategyTracker({ resamples: 200 });
    const expected = [];
    for (const t of trades) {
      await one.positionClosed(t);
      expected.push(one.kelly(t.strategyId));
    }
    const store = await openStore();
    const many = new StrategyTracker({ store, resamples: 200 });
    let events = 0;
    many.addEventListener('edge', () => events++);
    const states = await many.positionsClosed(trades);
    expect(states).toEqual(expected);
    expect(events).toBe(expected.filter((s) => s!.estimate !== undefined).length);
    expect((await store.kellyHistory('breakout')).length).toBe(expected.filter((s) => s!.strategyId === 'breakout' && s!.estimate !== undefined).length);
    const before = many.kelly('breakout');
    const more = tradeStream(50).slice(45);
    await expect(many.positionsClosed([...more.slice(0, 3), { ...more[3], returnFraction: Number.NaN }])).rejects.toMatchObject({ code: 'NON_FINITE', field: 'trades[3].returnFraction' });
    await expect(many.positionsClosed('x' as never)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'trades' });
    expect(many.kelly('breakout')).toBe(before);
    expect((await store.trades('breakout')).length + (await store.trades('mean-rev')).length).toBe(45);
    await store.close();
  });

  it('refuses bad options and arguments, naming the field', async () => {
    expect(() => new StrategyTracker({ window: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.window' }));
    expect(() => new StrategyTracker({ windowDays: Number.NaN })).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'options.windowDays' }));
    expect(() => new StrategyTracker({ minTrades: 1.5 })).toThrow(expect.objectContaining({ field: 'options.minTrades' }));
    expect(() => new StrategyTracker({ store: {} as never })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.store' }));
    expect(() => new StrategyTracker({ fallbackRiskFraction: 2 })).toThrow(expect.objectContaining({ field: 'options.fallbackRiskFraction' }));
    expect(() => new StrategyTracker({ performance: { window: -1 } })).toThrow(expect.objectContaining({ field: 'options.performance.window' }));
    expect(() => new StrategyTracker({ windw: 5 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.windw' }));
    const tracker = new StrategyTracker();
    expect(() => tracker.edge(5 as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'strategyId' }));
    expect(() => tracker.kelly('')).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'strategyId' }));
    await expect(StrategyTracker.fromStore({} as never)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'store' });
    const store = await openStore();
    await expect(StrategyTracker.fromStore(store, { store } as never)).rejects.toMatchObject({ code: 'UNKNOWN_KEY', field: 'options.store' });
    await store.close();
    await expect(StrategyTracker.fromStore(store)).rejects.toMatchObject({ code: 'INVALID_STATE', field: 'store' });
  });
});
