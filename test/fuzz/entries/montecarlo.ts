// The Monte Carlo exports in the fuzz suite. Each entry's valid arguments are small, so a
// few thousand bad inputs stay fast.
import { closePool, exactBinary, medianGrowth, recommendExposure, simulate, type ExposureOutcome, type SimulationResult } from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

const edge = () => ({ winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 });

/** Probabilities in [0, 1], drawdowns in [0, 1], wealth multiples > 0 with their logs beside them. */
function checkOutcome(o: ExposureOutcome): void {
  const probabilities = [o.probabilityOfLoss, o.probabilityOfRuin, ...Object.values(o.probabilityOfDrawdown)];
  for (const p of probabilities) if (!(p >= 0 && p <= 1)) throw new Error(`probability ${p} outside [0, 1]`);
  const w = o.terminalWealth;
  for (const x of [w.mean, w.median, ...Object.values(w.percentiles)]) if (!(x >= 0)) throw new Error(`wealth ${x} < 0`);
  if (o.maxDrawdown !== undefined) {
    for (const d of [o.maxDrawdown.median, ...Object.values(o.maxDrawdown.percentiles)]) if (!(d >= 0 && d <= 1)) throw new Error(`drawdown ${d} outside [0, 1]`);
  }
}

/** A hand-made result (recommendExposure reads trades, exposures, drawdown probabilities and log medians). */
function result(): SimulationResult {
  const outcome = (exposure: number, lnMedian: number, risk: number): ExposureOutcome => ({
    exposure,
    terminalWealth: { mean: 2, median: Math.exp(lnMedian), percentiles: {}, log: { mean: Math.log(2), median: lnMedian, percentiles: {} } },
    growthPerTrade: lnMedian / 100,
    probabilityOfLoss: 0.3,
    probabilityOfRuin: 0.01,
    probabilityOfDrawdown: { '0.2': risk, '0.5': risk / 10 },
    maxDrawdown: { median: 0.1, percentiles: {} },
  });
  return { outcomes: [outcome(1, 0.2, 0.02), outcome(2, 0.4, 0.08), outcome(4, 0.5, 0.3)], paths: 100, trades: 100, seed: 1, elapsedMs: 0 };
}

export const montecarloEntries: FuzzEntry[] = [
  {
    name: 'simulate',
    valid: () => [{ kind: 'binary', ...edge() }, { exposures: [2, 5], paths: 64, trades: 50, seed: 3, workers: 0, checkpoints: 2 }],
    call: (m, o) => simulate(m as never, o as never),
    check: (r) => (r as SimulationResult).outcomes.forEach(checkOutcome),
    async: true,
    weight: 0.5,
    maxMs: 15_000, // a bad input may ask for worker threads: starting them can take seconds on a loaded machine
  },
  {
    name: 'simulate (bootstrap)',
    valid: () => [{ kind: 'bootstrap', returns: [0.04, -0.02, 0.011, -0.035, 0.06] }, { exposures: [2, 5], paths: 64, trades: 50, seed: 3, workers: 0 }],
    call: (m, o) => simulate(m as never, o as never),
    check: (r) => (r as SimulationResult).outcomes.forEach(checkOutcome),
    async: true,
    weight: 0.5,
    maxMs: 15_000,
  },
  {
    name: 'exactBinary',
    valid: () => [edge(), { exposure: 5, trades: 60, drawdownLevels: [0.2, 0.5], maxDrawdown: true }],
    call: (m, o) => exactBinary(m as never, o as never),
    check: (r) => checkOutcome(r as ExposureOutcome),
    weight: 0.5,
  },
  {
    name: 'recommendExposure',
    valid: () => [result(), { maxDrawdown: 0.2, probability: 0.1 }],
    call: (r, o) => recommendExposure(r as never, o as never),
    check: (r) => {
      const pick = r as ExposureOutcome & { feasible: boolean; reason: string };
      if (typeof pick.feasible !== 'boolean' || typeof pick.reason !== 'string') throw new Error('no feasible flag or reason');
    },
  },
  { name: 'medianGrowth', valid: () => [result().outcomes[1], 100], call: (o, t) => medianGrowth(o as never, t as never) },
  { name: 'closePool', valid: () => [], call: () => closePool(), async: true, weight: 0.01 },
];
