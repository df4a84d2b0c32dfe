// The trade journal in Node: what goes in comes back exactly, in the documented order, and
// survives closing and reopening the file. Expected values are the inputs themselves
// (a store must return what it was given) or estimateEdge's own output for the same trades.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { Money } from '../../src/money/Money.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import type { SizingDecision } from '../../src/sizing/sizingTypes.js';
import { openStore } from '../../src/store/openStore.js';
import { withDeprecatedAlias } from './fixtures/withDeprecatedAlias.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';

const dir = mkdtempSync(join(tmpdir(), 'sizewise-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `store-${++n}.db`);

/** Seeded trades with every optional field, in a shuffled insert order. */
function sampleTrades(count: number, strategyId: string, seed = 7) {
  const rng = new Xoshiro128(seed, 0);
  const trades = Array.from({ length: count }, (_, i) => ({
    id: `${strategyId}-${i}`,
    strategyId,
    closedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
    returnFraction: (rng.nextFloat() - 0.45) * 0.06,
    rMultiple: (rng.nextFloat() - 0.4) * 3,
    confidence: rng.nextFloat(),
    regime: i % 2 === 0 ? 'TRENDING' : 'NORMAL',
  }));
  const shuffled = trades.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.nextIndex(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return { trades, shuffled };
}

function decision(notional: string, quantity: string): SizingDecision {
  return {
    riskFraction: 0.0123,
    exposure: 0.456,
    notional: new Money(notional),
    quantity: new Money(quantity),
    leftover: new Money('0.000000000000000000000000000001'),
    targetNotional: new Money('12345678901234567890.123456789'),
    riskAmount: new Money('1e-25'),
    tier: 'HUNTER',
    factors: [{ name: 'base', value: 0.0123, reason: 'quarter Kelly' }],
    warnings: [],
    usedFallback: false,
  };
}

describe('SizingStore', () => {
  it('returns a strategy\'s trades oldest first by closedAt whatever the insert order, every field exact', async () => {
    const store = await openStore();
    const { trades, shuffled } = sampleTrades(50, 'alpha');
    for (const t of shuffled) await store.recordTrade(t);
    await store.recordTrade({ strategyId: 'beta', returnFraction: -0.01, closedAt: '2024-01-01T00:00:00Z' });
    expect(await store.trades('alpha')).toEqual(trades.map(withDeprecatedAlias));
    expect((await store.trades('beta')).length).toBe(1);
    expect(await store.trades('nobody')).toEqual([]);
    expect(await store.strategies()).toEqual(['alpha', 'beta']);
    await store.close();
  });

  it('since is inclusive and limit keeps the N most recent, still oldest first', async () => {
    const store = await openStore();
    const { trades, shuffled } = sampleTrades(30, 's');
    await store.recordTrades(shuffled);
    const stored = trades.map(withDeprecatedAlias);
    expect(await store.trades('s', { since: trades[10].closedAt })).toEqual(stored.slice(10));
    expect(await store.trades('s', { since: trades[10].closedAt.toISOString(), limit: 5 })).toEqual(stored.slice(25));
    expect(await store.trades('s', { limit: 3 })).toEqual(stored.slice(27));
    expect(await store.trades('s', { limit: 0 })).toEqual([]);
    await store.close();
  });

  it('keeps trades closed at the same instant in recording order', async () => {
    const store = await openStore();
    const at = '2024-05-01T12:00:00.000Z';
    for (const r of [0.01, -0.02, 0.03]) await store.recordTrade({ strategyId: 's', closedAt: at, returnFraction: r });
    expect((await store.trades('s')).map((t) => t.returnFraction)).toEqual([0.01, -0.02, 0.03]);
    await store.close();
  });

  it('stores a strategy id made of quotes and SQL verbatim and drops nothing', async () => {
    const store = await openStore();
    const evil = "x'); DROP TABLE trades;--";
    await store.recordTrade({ strategyId: 'plain', returnFraction: 0.01 });
    await store.recordTrade({ strategyId: evil, returnFraction: -0.02, regime: "'; DELETE FROM trades; --" });
    await store.recordKelly(evil, estimateEdge([{ returnFraction: 0.02 }, { returnFraction: -0.01 }]));
    expect(await store.strategies()).toEqual(['plain', evil].sort());
    expect((await store.trades(evil))[0]).toMatchObject({ strategyId: evil, regime: "'; DELETE FROM trades; --" });
    expect((await store.trades('plain')).length).toBe(1);
    expect((await store.kellyHistory(evil)).length).toBe(1);
    await store.close();
  });

  it('counts a trade re-recorded under the same id once, and refuses the id with other fields', async () => {
    const store = await openStore();
    const trade = { id: 't-1', strategyId: 's', returnFraction: 0.01, closedAt: '2024-01-01T00:00:00.000Z' };
    await store.recordTrade(trade);
    await store.recordTrade(trade);
    await expect(store.recordTrade({ ...trade, returnFraction: 0.02 })).rejects.toMatchObject({ code: 'DUPLICATE', field: 'trade.id' });
    expect((await store.trades('s')).length).toBe(1);
    await store.close();
  });

  it('keeps the whole EdgeEstimate with numbers exact, oldest first by time', async () => {
    const store = await openStore();
    const { trades } = sampleTrades(60, 'k');
    const e1 = estimateEdge(trades.slice(0, 20));
    const e2 = estimateEdge(trades.slice(0, 40), { window: 25 });
    const e3 = estimateEdge(trades);
    await store.recordKelly('k', e3, new Date('2024-03-01'));
    await store.recordKelly('k', e1, '2024-01-01');
    await store.recordKelly('k', e2, new Date('2024-02-01'));
    const history = await store.kellyHistory('k');
    expect(history.map((h) => h.at.toISOString().slice(0, 10))).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(history.map((h) => h.estimate)).toEqual([e1, e2, e3]);
    expect(await store.kellyHistory('other')).toEqual([]);
    await store.close();
  });

  it('keeps decisions with money exact to the last digit, oldest first', async () => {
    const store = await openStore();
    const later = decision('98765.4321', '12');
    const earlier = decision('0.1', '3.000000000000000000001');
    await store.recordDecision('s', later, '2024-02-01');
    await store.recordDecision('s', earlier, '2024-01-01');
    const out = await store.decisions('s');
    expect(out.map((d) => d.at.toISOString().slice(0, 10))).toEqual(['2024-01-01', '2024-02-01']);
    const [a, b] = out.map((d) => d.decision);
    expect(a.quantity.toFixed()).toBe('3.000000000000000000001');
    expect(a.notional.equals(new Money('0.1'))).toBe(true);
    expect(b.notional.toFixed()).toBe('98765.4321');
    expect(b.targetNotional.toFixed()).toBe('12345678901234567890.123456789');
    expect(b.leftover.toFixed()).toBe('0.000000000000000000000000000001');
    expect(b.riskAmount.toFixed()).toBe('0.0000000000000000000000001');
    expect(b.factors).toEqual(later.factors);
    expect(b.riskFraction).toBe(0.0123);
    await store.close();
  });

  it('saves an agent through toJSON, replaces it under the same name, and loads undefined for an unknown name', async () => {
    const store = await openStore();
    const agent = await QLearningSizer.create({ states: 3, actions: [0.5, 1, 2], seed: 5 });
    for (let i = 0; i < 30; i++) agent.observe({ state: i % 3, action: i % 2, reward: (i % 5) - 2 });
    await store.saveAgent('main', agent);
    const loaded = (await store.loadAgent('main'))!;
    expect(loaded.toJSON()).toEqual(agent.toJSON());
    const other = await QLearningSizer.create({ states: 2, actions: [1, 2] });
    await store.saveAgent('main', other);
    expect((await store.loadAgent('main'))!.toJSON()).toEqual(other.toJSON());
    expect(await store.loadAgent('missing')).toBeUndefined();
    for (const a of [agent, loaded, other]) a.dispose();
    await store.close();
  });

  it('keeps simulation results under a name', async () => {
    const store = await openStore();
    const result = { outcomes: [{ exposure: 2, probabilityOfRuin: 0.013, bands: [[0.5, 1, 2]] }], paths: 100, trades: 10, seed: 1, elapsedMs: 3.5 };
    await store.recordSimulation('daily', result as never, '2024-01-01');
    expect(await store.simulations('daily')).toEqual([{ at: new Date('2024-01-01'), result }]);
    await store.close();
  });

  it('keeps everything in a file across close and reopen, and leaves only the database file when closed', async () => {
    const file = fresh();
    const store = await openStore(file);
    const { trades } = sampleTrades(25, 'p');
    await store.recordTrades(trades);
    const estimate = estimateEdge(trades);
    await store.recordKelly('p', estimate, trades[24].closedAt);
    await store.close();
    expect(readdirSync(dir).filter((f) => f.startsWith(file.split('/').pop()!))).toEqual([file.split('/').pop()]);
    const again = await openStore(file);
    expect(await again.trades('p')).toEqual(trades.map(withDeprecatedAlias));
    expect((await again.kellyHistory('p'))[0].estimate).toEqual(estimate);
    await again.close();
  });

  it('marks the schema version', async () => {
    const store = await openStore();
    expect(SCHEMA_VERSION).toBe(1);
    await store.close();
  });
});
