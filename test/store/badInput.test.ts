// Every store method refuses bad input with a SizewiseError naming the field as the caller
// spelled it, rejects (never throws), and writes nothing; a closed store refuses everything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { SizewiseError } from '../../src/errors.js';
import { Money } from '../../src/money/Money.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import { openStore } from '../../src/store/openStore.js';
import type { SizingStore } from '../../src/store/SizingStore.js';

const dir = mkdtempSync(join(tmpdir(), 'sizewise-store-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const estimate = estimateEdge([{ returnFraction: 0.02 }, { returnFraction: -0.01 }, { returnFraction: 0.015 }]);
const decision = {
  riskFraction: 0.01, exposure: 0.5, notional: new Money('100'), quantity: new Money('2'), leftover: new Money('0'),
  targetNotional: new Money('100'), riskAmount: new Money('1'), tier: 'HUNTER', factors: [], warnings: [], usedFallback: false,
};
const good = { strategyId: 's', returnFraction: 0.01, closedAt: '2024-01-01T00:00:00Z' };

/** Everything the store holds for the names these tests use. */
async function snapshot(store: SizingStore) {
  const strategies = await store.strategies();
  return JSON.stringify({
    strategies,
    trades: await Promise.all(['s', ...strategies].map((s) => store.trades(s))),
    kelly: await store.kellyHistory('s'),
    decisions: await store.decisions('s'),
    simulations: await store.simulations('sim'),
    agent: (await store.loadAgent('a'))?.toJSON() ?? null,
  });
}

type Case = [name: string, call: (store: SizingStore) => Promise<unknown>, code: string, field: string];

const cases: Case[] = [
  ['a trade that is null', (s) => s.recordTrade(null as never), 'INVALID_TYPE', 'trade'],
  ['a NaN return', (s) => s.recordTrade({ ...good, returnFraction: Number.NaN }), 'NON_FINITE', 'trade.returnFraction'],
  ['an infinite return', (s) => s.recordTrade({ ...good, returnFraction: Infinity }), 'NON_FINITE', 'trade.returnFraction'],
  ['a return given as a string', (s) => s.recordTrade({ ...good, returnFraction: '0.1' as never }), 'INVALID_TYPE', 'trade.returnFraction'],
  ['a return below −100 %', (s) => s.recordTrade({ ...good, returnFraction: -1.5 }), 'OUT_OF_RANGE', 'trade.returnFraction'],
  ['a missing strategy id', (s) => s.recordTrade({ returnFraction: 0.01 } as never), 'INVALID_TYPE', 'trade.strategyId'],
  ['an empty strategy id', (s) => s.recordTrade({ ...good, strategyId: '' }), 'EMPTY_INPUT', 'trade.strategyId'],
  ['an unparseable close time', (s) => s.recordTrade({ ...good, closedAt: 'yesterday' }), 'INVALID_TYPE', 'trade.closedAt'],
  ['an invalid Date', (s) => s.recordTrade({ ...good, closedAt: new Date(Number.NaN) }), 'INVALID_TYPE', 'trade.closedAt'],
  ['a confidence above 1', (s) => s.recordTrade({ ...good, confidence: 1.5 }), 'INVALID_PROBABILITY', 'trade.confidence'],
  ['a NaN R-multiple', (s) => s.recordTrade({ ...good, rMultiple: Number.NaN }), 'NON_FINITE', 'trade.rMultiple'],
  ['a numeric regime', (s) => s.recordTrade({ ...good, regime: 5 as never }), 'INVALID_TYPE', 'trade.regime'],
  ['an empty id', (s) => s.recordTrade({ ...good, id: '' }), 'EMPTY_INPUT', 'trade.id'],
  ['a misspelt field', (s) => s.recordTrade({ ...good, rmultiple: 1 } as never), 'UNKNOWN_KEY', 'trade.rmultiple'],
  ['trades that are not an array', (s) => s.recordTrades('x' as never), 'INVALID_TYPE', 'trades'],
  ['a batch with one bad trade after a good one', (s) => s.recordTrades([good, { ...good, returnFraction: Number.NaN }]), 'NON_FINITE', 'trades[1].returnFraction'],
  ['closes that are not an array', (s) => s.recordCloses({} as never), 'INVALID_TYPE', 'closes'],
  ['a close with a NaN return after a good one', (s) => s.recordCloses([{ trade: good, estimate }, { trade: { ...good, returnFraction: Number.NaN } }]), 'NON_FINITE', 'closes[1].trade.returnFraction'],
  ['a close with an unknown key', (s) => s.recordCloses([{ trade: good, estimat: estimate } as never]), 'UNKNOWN_KEY', 'closes[0].estimat'],
  ['a close with a bad estimate', (s) => s.recordClose(good, { ...estimate, reliable: 'yes' as never }), 'INVALID_TYPE', 'estimate.reliable'],
  ['a numeric strategy id to trades()', (s) => s.trades(5 as never), 'INVALID_TYPE', 'strategyId'],
  ['a bad since', (s) => s.trades('s', { since: 'soon' }), 'INVALID_TYPE', 'query.since'],
  ['a negative limit', (s) => s.trades('s', { limit: -1 }), 'OUT_OF_RANGE', 'query.limit'],
  ['a fractional limit', (s) => s.trades('s', { limit: 1.5 }), 'OUT_OF_RANGE', 'query.limit'],
  ['an unknown query key', (s) => s.trades('s', { last: 3 } as never), 'UNKNOWN_KEY', 'query.last'],
  ['a null estimate', (s) => s.recordKelly('s', null as never), 'INVALID_TYPE', 'estimate'],
  ['an estimate with a NaN exposure', (s) => s.recordKelly('s', { ...estimate, kelly: { ...estimate.kelly, exposure: Number.NaN } }), 'NON_FINITE', 'estimate.kelly.exposure'],
  ['an estimate without intervals', (s) => s.recordKelly('s', { ...estimate, kellyInterval: [0] as never }), 'INVALID_TYPE', 'estimate.kellyInterval'],
  ['a bad Kelly time', (s) => s.recordKelly('s', estimate, 'later'), 'INVALID_TYPE', 'at'],
  ['an empty strategy id to recordKelly', (s) => s.recordKelly('', estimate), 'EMPTY_INPUT', 'strategyId'],
  ['a null strategy id to kellyHistory', (s) => s.kellyHistory(null as never), 'INVALID_TYPE', 'strategyId'],
  ['a null decision', (s) => s.recordDecision('s', null as never), 'INVALID_TYPE', 'decision'],
  ['a NaN notional', (s) => s.recordDecision('s', { ...decision, notional: new Money(Number.NaN) }), 'NON_FINITE', 'decision.notional'],
  ['a notional that is a number', (s) => s.recordDecision('s', { ...decision, notional: 100 as never }), 'INVALID_TYPE', 'decision.notional'],
  ['a NaN risk fraction', (s) => s.recordDecision('s', { ...decision, riskFraction: Number.NaN }), 'NON_FINITE', 'decision.riskFraction'],
  ['an infinite factor', (s) => s.recordDecision('s', { ...decision, factors: [{ name: 'x', value: Infinity, reason: '' }] }), 'NON_FINITE', 'decision.factors[0].value'],
  ['a numeric strategy id to decisions()', (s) => s.decisions(5 as never), 'INVALID_TYPE', 'strategyId'],
  ['an empty agent name', (s) => s.saveAgent('', {} as never), 'EMPTY_INPUT', 'name'],
  ['something that is not an agent', (s) => s.saveAgent('a', { toJSON: () => ({}) } as never), 'INVALID_TYPE', 'agent'],
  ['a null agent name to loadAgent', (s) => s.loadAgent(null as never), 'INVALID_TYPE', 'name'],
  ['an unknown loadAgent option', (s) => s.loadAgent('a', { rewards: 1 } as never), 'UNKNOWN_KEY', 'options.rewards'],
  ['a simulation with a NaN in it', (s) => s.recordSimulation('sim', { outcomes: [{ ruin: Number.NaN }], paths: 1, trades: 1, seed: 1, elapsedMs: 0 } as never), 'NON_FINITE', 'result.outcomes[0].ruin'],
  ['a simulation that is not one', (s) => s.recordSimulation('sim', 7 as never), 'INVALID_TYPE', 'result'],
  ['a numeric simulation name', (s) => s.simulations(5 as never), 'INVALID_TYPE', 'name'],
];

describe('SizingStore bad input', () => {
  for (const [name, call, code, field] of cases) {
    it(`rejects ${name} (${code} at ${field}) and writes nothing`, async () => {
      const store = await openStore(join(dir, 'bad.db'));
      try {
        await store.recordTrade({ ...good, id: 'seed-trade' });
        const before = await snapshot(store);
        const pending = call(store);
        expect(pending).toBeInstanceOf(Promise); // rejects, never throws
        const error = await pending.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(SizewiseError);
        expect(error).toMatchObject({ code, field });
        expect(await snapshot(store)).toBe(before);
      } finally {
        await store.close();
      }
    });
  }

  it('refuses a released agent through its own toJSON, writing nothing', async () => {
    const store = await openStore();
    const agent = await QLearningSizer.create({ states: 2, actions: [1, 2] });
    agent.dispose();
    await expect(store.saveAgent('a', agent)).rejects.toBeInstanceOf(SizewiseError);
    expect(await store.loadAgent('a')).toBeUndefined();
    await store.close();
  });

  it('rejects every call on a closed store with INVALID_STATE, and closing twice is harmless', async () => {
    const store = await openStore();
    await store.close();
    await store.close();
    const agent = await QLearningSizer.create({ states: 2, actions: [1, 2] });
    const calls: (() => Promise<unknown>)[] = [
      () => store.recordTrade(good),
      () => store.recordTrades([good]),
      () => store.trades('s'),
      () => store.strategies(),
      () => store.recordKelly('s', estimate),
      () => store.kellyHistory('s'),
      () => store.recordClose(good, estimate),
      () => store.recordCloses([{ trade: good }]),
      () => store.recordDecision('s', decision),
      () => store.decisions('s'),
      () => store.saveAgent('a', agent),
      () => store.loadAgent('a'),
      () => store.recordSimulation('sim', { outcomes: [], paths: 1, trades: 1, seed: 1, elapsedMs: 0 }),
      () => store.simulations('sim'),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ name: 'SizewiseError', code: 'INVALID_STATE', field: 'store' });
    agent.dispose();
  });

  it('openStore refuses a bad location or options', async () => {
    await expect(openStore(42 as never)).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'location' });
    await expect(openStore('')).rejects.toMatchObject({ code: 'OUT_OF_RANGE', field: 'location' });
    await expect(openStore(':memory:', { wasmURL: 'x' } as never)).rejects.toMatchObject({ code: 'UNKNOWN_KEY', field: 'options.wasmURL' });
    await expect(openStore(':memory:', { wasmUrl: 5 as never })).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'options.wasmUrl' });
    await expect(openStore(':memory:', { verify: 'yes' as never })).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'options.verify' });
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'IO_ERROR', field: 'location' });
    await expect(openStore(join(dir, 'no-such-folder', 'x.db'))).rejects.toMatchObject({ code: 'IO_ERROR', field: 'location' });
  });
});
