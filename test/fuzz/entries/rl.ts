import { readFileSync } from 'node:fs';
import {
  allocateTransitions,
  allocateTransitionsSync,
  logGrowthReward,
  marketFeatures,
  parseOhlcvCsv,
  QLearningSizer,
  regimeLabel,
  rlMultiplier,
  seedReward,
  toMarketRegime,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';
import { withReturnPct } from '../withReturnPct.js';

const CSV = readFileSync(new URL('../../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8');
const bars = () => parseOhlcvCsv(CSV.split('\n').slice(0, 400).join('\n'));

const spec = () => ({ states: 4, actions: [0.5, 1, 2], alpha: 0.2, gamma: 0.5, epsilon: { start: 0.3, end: 0.05, decaySteps: 50 }, replay: 64, seed: 3 });
const batch = () => ({
  state: Int32Array.from([0, 1, 2, 3]),
  action: Int32Array.from([0, 1, 2, 1]),
  reward: Float64Array.from([0.5, -0.2, 1.5, 0]),
  nextState: Int32Array.from([1, 2, 3, 0]),
  done: Uint8Array.from([0, 0, 1, 1]),
});
const outcome = () => ({ returnFraction: 0.021, rMultiple: 1.4, maxAdverseExcursion: 0.01 });
const action = () => ({ action: 1, multiplier: 1.5 });

/** A fresh trained agent for each call, disposed after it (WASM memory is not left behind). */
function withAgent(use: (agent: QLearningSizer, args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    const agent = new QLearningSizer(spec());
    agent.update(batch());
    try {
      const out = use(agent, args);
      return out instanceof Promise ? out.finally(() => agent.dispose()) : (agent.dispose(), out);
    } catch (error) {
      agent.dispose();
      throw error;
    }
  };
}

/** A method entry: the agent's method with the mutated arguments. */
const method = (name: string, valid: () => unknown[], weight = 0.25, extra: Partial<FuzzEntry> = {}): FuzzEntry => ({
  name: `QLearningSizer#${name}`,
  valid,
  call: withAgent((agent, args) => (agent as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args)),
  weight,
  ...extra,
});

/** A size multiplier promises to be finite and ≥ 0. */
const multiplierCheck = (r: unknown) => {
  const m = typeof r === 'number' ? r : (r as { multiplier: number }).multiplier;
  if (!(m >= 0)) throw new Error(`multiplier ${m}`);
};

export const rlEntries: FuzzEntry[] = [
  {
    name: 'QLearningSizer',
    valid: () => [spec()],
    call: (s) => {
      new QLearningSizer(s as never).dispose();
      return 'made';
    },
    weight: 0.5,
  },
  { name: 'QLearningSizer.create', valid: () => [spec()], call: (s) => QLearningSizer.create(s as never).then((a) => a.dispose()), async: true, weight: 0.25 },
  method('update', () => [batch()]),
  method('allocateTransitions', () => [16], 0.25, { check: () => undefined }),
  method('table', () => []),
  method('act', () => [2, { explore: true }], 0.5, { check: multiplierCheck }),
  method('multiplier', () => [2, { explore: false, range: [0.5, 2] }], 0.5, { check: multiplierCheck }),
  method('observe', () => [{ state: 1, action: 2, reward: 0.7, nextState: 2, done: false }]),
  method('train', () => [[{ state: 0, action: 1, outcome: outcome() }], { epochs: 3, batchSize: 8 }]),
  method('counterfactualBatch', () => [[{ state: 1, outcome: outcome() }]]),
  { ...method('train', () => [[{ state: 0, action: 1, outcome: withReturnPct(outcome()) }], { epochs: 3, batchSize: 8 }]), name: 'QLearningSizer#train (returnPct)' },
  method('policy', () => []),
  method('visitCounts', () => []),
  method('metrics', () => [], 0.25),
  method('toJSON', () => []),
  method('dispose', () => []),
  {
    name: 'QLearningSizer.fromJSON',
    valid: () => {
      const agent = new QLearningSizer(spec());
      agent.update(batch());
      const saved = JSON.parse(JSON.stringify(agent.toJSON()));
      agent.dispose();
      return [saved, {}];
    },
    call: (json, opts) => QLearningSizer.fromJSON(json, opts as never).then((a) => a.dispose()),
    async: true,
    weight: 0.25,
  },
  { name: 'allocateTransitions', valid: () => [32], call: (n) => allocateTransitions(n as never).then((c) => c.release()), async: true, weight: 0.25 },
  { name: 'allocateTransitionsSync', valid: () => [32], call: (n) => allocateTransitionsSync(n as never).release(), weight: 0.25 },
  { name: 'seedReward', valid: () => [outcome(), action(), { pnlScale: 10 }], call: (o, a, s) => seedReward(o as never, a as never, s as never) },
  { name: 'logGrowthReward', valid: () => [outcome(), action()], call: (o, a) => logGrowthReward(o as never, a as never) },
  { name: 'seedReward (returnPct)', valid: () => [withReturnPct(outcome()), action()], call: (o, a) => seedReward(o as never, a as never), weight: 0.5 },
  { name: 'logGrowthReward (returnPct)', valid: () => [withReturnPct(outcome()), action()], call: (o, a) => logGrowthReward(o as never, a as never), weight: 0.5 },
  { name: 'rlMultiplier', valid: () => ['agent', 2, { range: [0.5, 2] }], call: withAgent((agent, [a, s, o]) => rlMultiplier((a === 'agent' ? agent : a) as never, s as never, o as never)), check: multiplierCheck, weight: 0.5 },
  {
    name: 'marketFeatures',
    valid: () => [bars(), {}],
    call: (b, o) => marketFeatures(b as never, o as never),
    // Features are NaN until their windows are warm (documented), and volume may be absent.
    allowNonFinite: [/^result\.\w+\[/],
    weight: 0.25,
  },
  { name: 'regimeLabel', valid: () => [{ volatility: 1.1, trend: 0.02 }], call: (f, t) => regimeLabel(f as never, t as never) },
  { name: 'toMarketRegime', valid: () => ['TRENDING', 'request.regime'], call: (n, f) => toMarketRegime(n, f as never) },
];
