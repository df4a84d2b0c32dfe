import {
  correlationPenalty,
  fractionalKelly,
  growthRate,
  kellyCriterion,
  kellyFromReturns,
  kellyFromStats,
  portfolioGrowth,
  portfolioKelly,
  riskConstrainedKelly,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

const edge = () => ({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 });
const threeAssets = () => [
  [0.02, -0.01, 0.015, -0.02, 0.01, 0.005],
  [0.01, 0.004, -0.012, 0.008, -0.006, 0.011],
  [-0.005, 0.012, 0.003, -0.01, 0.007, -0.002],
];

/** A Kelly result promises a size ≥ 0 in both units, linked by riskFraction = exposure × lossReturn. */
function kellySize(result: unknown): void {
  const k = result as { exposure: number; riskFraction: number };
  if (!(k.exposure >= 0)) throw new Error(`exposure ${k.exposure} < 0`);
  if (!(k.riskFraction >= 0)) throw new Error(`riskFraction ${k.riskFraction} < 0`);
}

export const kellyEntries: FuzzEntry[] = [
  { name: 'kellyCriterion', valid: () => [edge()], call: (e) => kellyCriterion(e as never), check: kellySize },
  { name: 'kellyFromStats', valid: () => [{ winRate: 0.55, avgWin: 0.032, avgLoss: 0.018 }], call: (s) => kellyFromStats(s as never), check: kellySize },
  {
    name: 'fractionalKelly',
    valid: () => [kellyCriterion(edge()), { fraction: 0.5, cap: 0.2 }],
    call: (k, o) => fractionalKelly(k as never, o as never),
    check: (r, args) => {
      kellySize(r);
      const cap = (args[1] as { cap?: unknown } | undefined)?.cap;
      const limit = typeof cap === 'number' ? cap : 0.5;
      if ((r as { riskFraction: number }).riskFraction > limit) throw new Error(`riskFraction above the cap ${limit}`);
    },
  },
  { name: 'growthRate', valid: () => [edge(), 4], call: (e, f) => growthRate(e as never, f as never) },
  {
    name: 'kellyFromReturns',
    valid: () => [[0.03, -0.02, 0.05, -0.01, 0.02, -0.03], { method: 'exact' }],
    call: (r, o) => kellyFromReturns(r as never, o as never),
    check: kellySize,
  },
  {
    name: 'riskConstrainedKelly',
    valid: () => [edge(), { wealthFloor: 0.7, probability: 0.1 }],
    call: (e, c) => riskConstrainedKelly(e as never, c as never),
    check: kellySize,
  },
  {
    name: 'portfolioKelly',
    valid: () => [threeAssets(), { method: 'exact', longOnly: false, maxLeverage: 3, fraction: 0.5 }],
    call: (r, o) => portfolioKelly(r as never, o as never),
    check: (result, args) => {
      const k = result as { weights: Float64Array; leverage: number; worstDay: number };
      const o = args[1] as { maxLeverage?: unknown; longOnly?: unknown } | undefined;
      const cap = typeof o?.maxLeverage === 'number' ? o.maxLeverage : Infinity;
      if (!(k.leverage <= cap * (1 + 1e-12))) throw new Error(`leverage ${k.leverage} above the cap ${cap}`);
      if (o?.longOnly === true && k.weights.some((w) => w < 0)) throw new Error('a negative weight when long-only');
    },
  },
  {
    name: 'portfolioGrowth',
    valid: () => [threeAssets(), [0.5, -0.2, 1]],
    call: (r, w) => portfolioGrowth(r as never, w as never),
    check: (result) => {
      const g = result as { growthRate: number | undefined; worstDay: number };
      if ((g.growthRate === undefined) !== (g.worstDay <= -1)) throw new Error('growthRate must be undefined exactly when worstDay ≤ −1');
    },
  },
  {
    name: 'correlationPenalty',
    valid: () => [threeAssets(), 1, { method: 'exact', longOnly: true, maxLeverage: 2, name: 'B' }],
    call: (r, a, o) => correlationPenalty(r as never, a as never, o as never),
    check: (result) => {
      const c = result as { penalty: number; reason: string };
      if (!(c.penalty >= 0 && c.penalty <= 1) || typeof c.reason !== 'string' || c.reason === '') throw new Error(`penalty ${c.penalty} outside [0, 1] or no reason`);
    },
    weight: 0.5,
  },
];
