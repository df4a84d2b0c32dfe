import { fractionalKelly, growthRate, kellyCriterion, kellyFromReturns, kellyFromStats, riskConstrainedKelly } from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

const edge = () => ({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 });

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
];
