import {
  backtestSizing,
  compareOutcomes,
  compareSizing,
  equityCurveStats,
  evaluateSizing,
  flatRisk,
  predictedVsRealised,
  sharpeStandardError,
  sizingPerformance,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

const returns = () => [0.03, -0.02, 0.05, -0.01, 0.02, -0.03, 0.04, 0.01];
const sizes = () => [1, 0.5, 2, 1, 1.5, 1, 0.75, 1];
const closes = () => [100, 101, 103, 102, 105, 104, 108, 110, 109, 112];
const trades = () => [
  { entryIndex: 1, exitIndex: 3, entryPrice: 101, exitPrice: 102, stopPrice: 98 },
  { entryIndex: 4, exitIndex: 7, entryPrice: 105, exitPrice: 110, stopPrice: 101 },
];

/** Sizes in a sized-trade rule promise ≥ 0. */
function nonNegativeSizes(result: unknown): void {
  const r = result as { sizes?: ArrayLike<number> };
  if (r.sizes !== undefined) for (let i = 0; i < r.sizes.length; i++) if (!(r.sizes[i] >= 0)) throw new Error(`sizes[${i}] = ${r.sizes[i]}`);
}

export const evaluateEntries: FuzzEntry[] = [
  { name: 'evaluateSizing', valid: () => [returns(), sizes(), { periodsPerYear: 50, sizeBuckets: 2, predicted: { probability: [0.6, 0.4, 0.7, 0.5, 0.6, 0.4, 0.6, 0.5] } }], call: (r, s, o) => evaluateSizing(r as never, s as never, o as never) },
  { name: 'compareSizing', valid: () => [returns(), sizes(), returns().map(() => 1), { metric: 'sharpe', resamples: 200, seed: 2 }], call: (r, a, b, o) => compareSizing(r as never, a as never, b as never, o as never), weight: 0.25 },
  { name: 'compareOutcomes', valid: () => [[2.4, -1, 0.3, -1, 1.8], [1.2, -1, 0.6, -0.4, 1.1], { metric: 'sharpe', compound: false, resamples: 200, seed: 2 }], call: (a, b, o) => compareOutcomes(a as never, b as never, o as never), weight: 0.25 },
  { name: 'sharpeStandardError', valid: () => [0.8, 120, 252], call: (s, n, p) => sharpeStandardError(s as never, n as never, p as never) },
  { name: 'equityCurveStats', valid: () => [closes(), { periodsPerYear: 252 }], call: (e, o) => equityCurveStats(e as never, o as never) },
  { name: 'predictedVsRealised', valid: () => [returns(), { probability: [0.6, 0.4, 0.7, 0.5, 0.6, 0.4, 0.6, 0.5], expectancy: returns().map(() => 0.01) }, { bins: 4 }], call: (r, p, o) => predictedVsRealised(r as never, p as never, o as never) },
  {
    name: 'backtestSizing',
    valid: () => [{ close: closes() }, trades(), flatRisk(trades(), 0.01), { startEquity: 100_000, periodsPerYear: 252 }],
    call: (b, t, f, o) => backtestSizing(b as never, t as never, f as never, o as never),
    check: nonNegativeSizes,
  },
  {
    name: 'flatRisk',
    valid: () => [trades(), 0.01, { maxLeverage: 2 }],
    // The rule itself is a function: call it on each trade, as backtestSizing would.
    call: (t, r, o) => {
      const rule = flatRisk(t as never, r as never, o as never);
      return (t as unknown[]).map((_, k) => rule(k, 100_000, 100_000));
    },
    check: (sized) => {
      for (const s of sized as { exposure: number; riskFraction: number }[]) if (!(s.exposure >= 0 && s.riskFraction >= 0)) throw new Error('negative size');
    },
  },
  { name: 'sizingPerformance', valid: () => [returns(), sizes(), 50], call: (r, m, t) => sizingPerformance(r as never, m as never, t as never) },
];
