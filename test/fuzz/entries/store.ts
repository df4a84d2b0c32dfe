import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import {
  adjustKellyForPerformance,
  createSizer,
  estimateEdge,
  kellyCriterion,
  openStore,
  QLearningSizer,
  replayIntoTracker,
  simulate,
  StrategyTracker,
  type SizingStore,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';
import { withReturnPct } from '../withReturnPct.js';

/** Where file locations the fuzz invents are resolved, so it never writes into the project. */
const scratch = mkdtempSync(join(tmpdir(), 'sizewise-fuzz-store-'));

let shared: Promise<SizingStore> | undefined;
/** One in-memory store for every method entry (records pile up; that is fine). */
const store = () => (shared ??= openStore(':memory:'));

const trade = (i = 0) => ({ strategyId: 's1', id: `t${i}`, closedAt: new Date(Date.UTC(2024, 0, 1 + (i % 300))).toISOString(), returnFraction: i % 3 === 0 ? -0.018 : 0.032, rMultiple: 1.2, confidence: 0.7, regime: 'TRENDING' });
const trades = (n = 25) => Array.from({ length: n }, (_, i) => ({ ...trade(i), id: undefined }));
const edge = () => estimateEdge(trades().map(({ returnFraction, closedAt }) => ({ returnFraction, closedAt })), { resamples: 100 });
const decision = () => createSizer().size({ balance: '100000', price: '412.37', edge: { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 }, confidence: 0.8 });

let seq = 0;
/** A method entry on the shared store: `valid` builds the arguments, fresh ids where ids must be new. */
function method(name: keyof SizingStore, valid: () => unknown[], weight = 0.05): FuzzEntry {
  return {
    name: `SizingStore#${name}`,
    valid,
    call: async (...args) => ((await store())[name] as (...a: unknown[]) => unknown)(...args),
    async: true,
    weight,
  };
}

export const storeEntries: FuzzEntry[] = [
  {
    name: 'openStore',
    valid: () => [':memory:', {}],
    // A location the fuzz makes up is put inside the scratch folder; the store is closed again.
    call: (location, options) => {
      const at = typeof location === 'string' && location !== ':memory:' && !isAbsolute(location) ? join(scratch, location) : location;
      return openStore(at as never, options as never).then(async (s) => {
        await s.close();
        return 'opened';
      });
    },
    async: true,
    weight: 0.05,
  },
  method('recordTrade', () => [{ ...trade(), id: `r${seq++}` }]),
  {
    name: 'SizingStore#recordTrade (returnPct)',
    valid: () => [withReturnPct({ ...trade(), id: `p${seq++}` })],
    call: async (t) => (await store()).recordTrade(t as never),
    async: true,
    weight: 0.05,
  },
  method('recordTrades', () => [[{ ...trade(1), id: `m${seq++}` }, { ...trade(2), id: `m${seq++}` }]]),
  method('trades', () => ['s1', { since: '2024-01-05', limit: 10 }]),
  method('strategies', () => []),
  method('recordKelly', () => ['s1', edge(), '2024-02-01T00:00:00Z'], 0.02),
  method('kellyHistory', () => ['s1']),
  method('recordClose', () => [{ ...trade(3), id: `c${seq++}` }, edge()], 0.02),
  method('recordCloses', () => [[{ trade: { ...trade(4), id: `cc${seq++}` }, estimate: edge() }]], 0.02),
  method('recordDecision', () => ['s1', decision(), '2024-02-01T00:00:00Z'], 0.02),
  method('decisions', () => ['s1']),
  method('saveAgent', () => [`agent${seq++ % 5}`, new QLearningSizer({ states: 3, actions: [0.5, 1, 2], seed: 1 })], 0.02),
  method('loadAgent', () => ['agent0', {}], 0.02),
  {
    name: 'SizingStore#recordSimulation',
    valid: () => [`sim${seq++ % 3}`, simulationResult],
    call: async (name, result) => (await store()).recordSimulation(name as never, (result === simulationResult ? await simulationResult() : result) as never),
    async: true,
    weight: 0.02,
  },
  method('simulations', () => ['sim0']),
  {
    name: 'SizingStore#close',
    valid: () => [],
    call: async () => (await openStore(':memory:')).close(),
    async: true,
    weight: 0.02,
  },
  {
    name: 'StrategyTracker',
    valid: () => [{ window: 50, minTrades: 10, resamples: 100, fallbackRiskFraction: 0.01, performance: { window: 20 } }],
    call: (o) => {
      new StrategyTracker(o as never);
      return 'made';
    },
  },
  {
    name: 'StrategyTracker.fromStore',
    valid: () => [undefined, { window: 50, resamples: 100 }],
    call: async (s, o) => {
      const t = await StrategyTracker.fromStore((s === undefined ? await store() : s) as never, o as never);
      return t.strategies();
    },
    async: true,
    weight: 0.02,
  },
  ...(['positionClosed', 'positionsClosed'] as const).map(
    (name): FuzzEntry => ({
      name: `StrategyTracker#${name}`,
      valid: () => [name === 'positionClosed' ? { ...trade(5), id: undefined } : trades(3)],
      call: async (t) => {
        const tracker = new StrategyTracker({ resamples: 100 });
        await tracker.positionsClosed(trades(20));
        return tracker[name](t as never);
      },
      async: true,
      weight: 0.02,
    }),
  ),
  ...(['edge', 'kelly', 'sizingEdge'] as const).map(
    (name): FuzzEntry => ({
      name: `StrategyTracker#${name}`,
      valid: () => ['s1'],
      call: (id) => tracker()[name](id as never) ?? 'unknown strategy',
    }),
  ),
  { name: 'StrategyTracker#strategies', valid: () => [], call: () => tracker().strategies() },
  {
    name: 'adjustKellyForPerformance',
    valid: () => [kellyCriterion({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 }), [0.02, -0.1, -0.15, 0.03], { window: 20 }],
    call: (k, r, o) => adjustKellyForPerformance(k as never, r as never, o as never),
  },
  ...['', ' (returnPct)'].map(
    (variant): FuzzEntry => ({
      name: `replayIntoTracker${variant}`,
      valid: () => [variant === '' ? trades(5) : trades(5).map(withReturnPct), 'tracker', { strategyId: 'r', batch: 2 }],
      call: (t, tr, o) => replayIntoTracker(t as never, (tr === 'tracker' ? new StrategyTracker({ resamples: 100 }) : tr) as never, o as never),
      async: true,
      weight: 0.02,
    }),
  ),
  {
    name: 'StrategyTracker#positionClosed (returnPct)',
    valid: () => [withReturnPct({ ...trade(5), id: undefined })],
    call: async (t) => {
      const tracker = new StrategyTracker({ resamples: 100 });
      await tracker.positionsClosed(trades(20).map(withReturnPct));
      return tracker.positionClosed(t as never);
    },
    async: true,
    weight: 0.02,
  },
];

let warmTracker: StrategyTracker | undefined;
/** A tracker that knows strategy s1 (filled once, synchronously readable afterwards). */
export function tracker(): StrategyTracker {
  if (warmTracker === undefined) throw new Error('the fuzz suite fills the tracker in its beforeAll (fillTracker)');
  return warmTracker;
}
export async function fillTracker(): Promise<void> {
  warmTracker = new StrategyTracker({ resamples: 100 });
  await warmTracker.positionsClosed(trades(20));
}

async function simulationResult() {
  return simulate({ kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 }, { exposures: [2], paths: 40, trades: 20, workers: 0 });
}
