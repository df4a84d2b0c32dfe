// Kelly core: one-shot math in TypeScript (no kernel); measured so later changes show their cost.
import { kellyCriterion, kellyFromReturns, riskConstrainedKelly } from '../src/kelly/index.js';
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { runSuite, type BenchRow } from './harness.js';

export async function benchKelly(): Promise<BenchRow[]> {
  const edge = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
  const rng = new Xoshiro128(1);
  const sample = Float64Array.from({ length: 10_000 }, () => (rng.nextFloat() < 0.55 ? 0.032 : -0.018) * (0.5 + rng.nextFloat()));
  return runSuite('kelly', [
    { name: 'kellyCriterion', fn: () => kellyCriterion(edge) },
    { name: 'riskConstrainedKelly', fn: () => riskConstrainedKelly(edge, { wealthFloor: 0.7, probability: 0.1 }) },
    { name: 'kellyFromReturns exact, 10k returns', fn: () => kellyFromReturns(sample), units: sample.length },
    { name: 'kellyFromReturns gaussian, 10k returns', fn: () => kellyFromReturns(sample, { method: 'gaussian' }), units: sample.length },
  ]);
}
