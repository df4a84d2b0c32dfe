import { describe, expect, it } from 'vitest';
import { prepareSimulation } from '../../src/montecarlo/simulationJob.js';
import type { SimulateOptions, TradeModel } from '../../src/montecarlo/types.js';
import { quantileSorted } from '../../src/stats/quantileSorted.js';
import { twinOutcomes, twinRows } from './twinOutcomes.js';

/**
 * The summary computed the plain way from the twin's per-path results: each row sorted,
 * percentiles read from the sorted rows (Hyndman–Fan 7, exp / 1 − e^(−d) applied to the order
 * statistics), counts by filtering, means by summing in path order.
 */
function sortedSummary(model: TradeModel, opts: SimulateOptions) {
  const { job, summary } = prepareSimulation(model, opts);
  const rows = twinRows(job);
  const P = job.paths;
  const E = job.exposures.length;
  const row = (r: number) => rows.slice(r * P, (r + 1) * P);
  return Array.from(job.exposures, (_, e) => {
    const tol = job.levels.tolerance[e];
    const x = row(e);
    const d = row(E + e).sort();
    const low = row(2 * E + e);
    const sorted = x.slice().sort();
    const wealth = (p: number) => quantileSorted(sorted, p, Math.exp);
    return {
      mean: x.reduce((s, v) => s + Math.exp(v), 0) / P,
      growth: x.reduce((s, v) => s + v, 0) / P / job.trades,
      median: wealth(0.5),
      percentiles: summary.percentiles.map(wealth),
      loss: x.filter((v) => v < -tol).length / P,
      ruin: low.filter((v) => v <= job.levels.lnRuin + tol).length / P,
      drawdowns: Array.from(job.levels.drawdown, (th) => d.filter((v) => v >= th - tol).length / P),
      maxDrawdown: [0.5, ...summary.percentiles].map((p) => quantileSorted(d, p, (v) => -Math.expm1(-v))),
      bands: Array.from(job.checkpointSteps, (_, c) => summary.percentiles.map((p) => quantileSorted(row((3 + c) * E + e).sort(), p, Math.exp))),
    };
  });
}

describe('summarizePaths', () => {
  const cases: [string, TradeModel, SimulateOptions][] = [
    ['binary, three exposures, bands', { kind: 'binary', winProbability: 0.52, winReturn: 0.025, lossReturn: 0.02 }, { exposures: [2, 6, 11], paths: 3_001, trades: 400, seed: 77, checkpoints: 4, drawdownLevels: [0.1, 0.3] }],
    ['bootstrap, odd percentiles', { kind: 'bootstrap', returns: [0.05, -0.02, 0.013, -0.031, 0.002, 0.08, -0.045] }, { exposures: [1, 3], paths: 999, trades: 250, seed: 5, percentiles: [0.01, 0.333, 0.999] }],
    ['a few paths', { kind: 'binary', winProbability: 0.4, winReturn: 0.06, lossReturn: 0.02 }, { exposures: [5], paths: 7, trades: 50, seed: 1 }],
  ];
  for (const [name, model, opts] of cases) {
    it(`equals the sort-based summary of the same per-path results: ${name}`, () => {
      const expected = sortedSummary(model, opts);
      // Any split into ranges gives the same outcomes (blocks, counts, exact order statistics).
      const outcomes = twinOutcomes(model, opts, 5);
      expect(twinOutcomes(model, opts, 1)).toEqual(outcomes);
      outcomes.forEach((o, e) => {
        const x = expected[e];
        // Order statistics and counts: exactly. Sums: another order of the same additions.
        expect(o.terminalWealth.median).toBe(x.median);
        expect(Object.values(o.terminalWealth.percentiles)).toEqual(x.percentiles);
        expect([o.maxDrawdown.median, ...Object.values(o.maxDrawdown.percentiles)]).toEqual(x.maxDrawdown);
        expect(o.probabilityOfLoss).toBe(x.loss);
        expect(o.probabilityOfRuin).toBe(x.ruin);
        expect(Object.values(o.probabilityOfDrawdown)).toEqual(x.drawdowns);
        expect(o.bands?.map((b) => Object.values(b.percentiles)) ?? []).toEqual(x.bands);
        expect(o.terminalWealth.mean / x.mean).toBeCloseTo(1, 12);
        expect(o.growthPerTrade).toBeCloseTo(x.growth, 14);
      });
    });
  }
});
