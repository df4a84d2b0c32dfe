import { readFileSync } from 'node:fs';
import {
  adx,
  breakoutTrades,
  crossValidateTreeDepth,
  DecisionTree,
  labelTrade,
  managePosition,
  parseOhlcvCsv,
  purgedKFold,
  regimeFeatures,
  regimeSamples,
  regimeWalkForward,
  resolveScalingTemplate,
  rsi,
  scalingDecision,
  scalingFactor,
  strategyFeatures,
  tradePath,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

const CSV = readFileSync(new URL('../../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8');
/** The first 600 bars of the bundled S&P 500 data, fresh per call (about ten breakout trades). */
const bars = () => {
  const all = parseOhlcvCsv(CSV.split('\n').slice(0, 601).join('\n'));
  return { ...all, date: [...all.date] };
};
const BARS = bars();
const TRADES = breakoutTrades(BARS);
const trade = () => ({ ...TRADES[2] });
const path = () => ({ entry: 100, stop: 90, high: [104, 111, 121], low: [99, 103, 108], close: [103, 110, 119] });
const template = () => ({ initialSize: 0.5, adds: [{ atR: 0.5, size: 0.25 }], exits: [{ atR: 1, fraction: 0.4 }, { atR: 2, fraction: 1 }], maxPosition: 0.75 });
const rows = () => [[1, 5], [2, 3], [3, 8], [4, 1], [5, 9], [6, 2]];
const labels = () => ['ADD_ALLOWED', 'ADD_ALLOWED', 'NO_ADD', 'ADD_NEUTRAL', 'ADD_NEUTRAL', 'ADD_NEUTRAL'];
const TREE = DecisionTree.fit(rows(), labels(), { maxDepth: 2 });
const spans = () => rows().map((_, i) => ({ start: i * 2, end: i * 2 + 1 }));
/** NaN marks bars (or trades) before a window is warm: documented. */
const warmUp = [/^result\.\w+\[/];

/** A managed trade promises fills of positive size, holdings within [0, maxPosition] and a finite R. */
function managedCheck(result: unknown, args: unknown[]): void {
  const t = result as { fills: { size: number; held: number }[] };
  const cap = (args[1] as { maxPosition?: unknown } | undefined)?.maxPosition;
  for (const f of t.fills) {
    if (!(f.size >= 0) || !(f.held >= -1e-12)) throw new Error(`fill size ${f.size}, held ${f.held}`);
    if (typeof cap === 'number' && f.held > cap + 1e-9) throw new Error(`held ${f.held} above maxPosition ${cap}`);
  }
}

export const regimeEntries: FuzzEntry[] = [
  { name: 'adx', valid: () => [BARS.high.slice(), BARS.low.slice(), BARS.close.slice(), 14], call: (h, l, c, p) => adx(h as never, l as never, c as never, p as never), allowNonFinite: [/^result\[/], weight: 0.25 },
  { name: 'rsi', valid: () => [BARS.close.slice(), 14], call: (c, p) => rsi(c as never, p as never), allowNonFinite: [/^result\[/], weight: 0.25 },
  { name: 'regimeFeatures', valid: () => [bars(), { adxPeriod: 10, rsiWindow: 3 }], call: (b, o) => regimeFeatures(b as never, o as never), allowNonFinite: warmUp, weight: 0.25 },
  {
    name: 'strategyFeatures',
    valid: () => [TRADES.map((t) => ({ entryIndex: t.entryIndex, exitIndex: t.exitIndex, rMultiple: t.rMultiple })), { recentTrades: 3 }],
    call: (t, o) => strategyFeatures(t as never, o as never),
    allowNonFinite: warmUp,
  },
  { name: 'resolveScalingTemplate', valid: () => [template()], call: (t) => resolveScalingTemplate(t, 'template') },
  { name: 'managePosition', valid: () => [path(), template(), { exitBias: 'CONTINUATION', side: 'long' }], call: (p, t, o) => managePosition(p as never, t as never, o as never), check: managedCheck },
  { name: 'labelTrade', valid: () => [path(), { template: 'NORMAL', addAllowedAtR: 2, maxPullbackR: 1, side: 'long' }], call: (p, o) => labelTrade(p as never, o as never) },
  { name: 'tradePath', valid: () => [bars(), trade()], call: (b, t) => tradePath(b as never, t as never), weight: 0.25 },
  { name: 'regimeSamples', valid: () => [bars(), TRADES.map((t) => ({ ...t })), { symbol: 'S&P 500', label: { maxPullbackR: 1 } }], call: (b, t, o) => regimeSamples(b as never, t as never, o as never), allowNonFinite: [/\.features\[/, /\.volume/], weight: 0.1 },
  { name: 'DecisionTree.fit', valid: () => [rows(), labels(), { maxDepth: 2, minSamplesLeaf: 1, featureNames: ['a', 'b'] }], call: (r, l, o) => DecisionTree.fit(r as never, l as never, o as never) },
  { name: 'DecisionTree#predict', valid: () => [[2.5, 4]], call: (r) => TREE.predict(r as never) },
  { name: 'DecisionTree#predictProba', valid: () => [[2.5, 4]], call: (r) => TREE.predictProba(r as never) },
  { name: 'DecisionTree#rules', valid: () => [], call: () => TREE.rules() },
  { name: 'DecisionTree#toJSON', valid: () => [], call: () => TREE.toJSON() },
  { name: 'DecisionTree.fromJSON', valid: () => [TREE.toJSON()], call: (j) => DecisionTree.fromJSON(j) },
  { name: 'purgedKFold', valid: () => [spans(), { folds: 3, embargo: 1 }], call: (s, o) => purgedKFold(s as never, o as never) },
  {
    name: 'crossValidateTreeDepth',
    valid: () => [rows(), labels(), spans(), { depths: [1, 2], folds: 2, embargo: 0, minSamplesLeaf: 1, onProgress: () => {} }],
    call: (r, l, s, o) => crossValidateTreeDepth(r as never, l as never, s as never, o as never),
  },
  { name: 'scalingDecision', valid: () => [TREE, [2.5, 4], { templates: { ADD_ALLOWED: template() } }], call: (t, r, o) => scalingDecision(t as never, r as never, o as never) },
  {
    name: 'scalingFactor',
    valid: () => [structuredClone(scalingDecision(TREE, [2.5, 4])), { weighting: 'expected' }], // a fresh, unfrozen copy to spoil
    call: (d, o) => scalingFactor(d as never, o as never),
    check: (r) => {
      const v = (r as { value: number }).value;
      if (!(v > 0 && v <= 1)) throw new Error(`factor ${v} outside (0, 1]`);
    },
  },
  {
    name: 'regimeWalkForward',
    valid: () => [bars(), { maxDepth: 2, folds: 2, minSamplesLeaf: 1, bootstrap: { resamples: 20, confidence: 0.9, seed: 3 }, trainFraction: 0.5, onProgress: () => {} }],
    call: (b, o) => regimeWalkForward(b as never, o as never),
    weight: 0.02,
    maxMs: 5_000,
  },
];
