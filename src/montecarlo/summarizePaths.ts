import { quantileSorted } from '../stats/quantileSorted.js';
import type { SimulationJob, SummaryOptions } from './simulationJob.js';
import { mergeSortedRuns } from './sortPathRows.js';
import { tieTolerance } from './tieTolerance.js';
import type { ExposureOutcome } from './types.js';

/** max drawdown fraction from log drawdown d = max(peak − ln W): 1 − e^(−d). */
const drawdownFraction = (d: number): number => -Math.expm1(-d);

/**
 * Turns per-path results (layout: resultRows, `job.paths` columns) into one outcome per
 * exposure. `runs` are the boundaries of the path ranges the executor sorted with
 * sortPathRows ([0, paths] for one range); sums are taken over the merged sorted rows,
 * so they add in the same order whatever the split.
 *
 * A path is ruined when its minimum log wealth ≤ ln(ruinLevel); it has a drawdown ≥ L
 * when its log drawdown ≥ −ln(1 − L); it lost when its terminal log wealth is < 0; each
 * comparison up to tieTolerance (exact ties count as equal). Percentiles: quantileSorted
 * (Hyndman–Fan 7) of wealth and of drawdown fractions.
 */
export function summarizePaths(job: SimulationJob, results: Float64Array, summary: SummaryOptions, runs: readonly number[]): ExposureOutcome[] {
  const P = job.paths;
  const E = job.exposures.length;
  const row = (r: number) => results.subarray(r * P, (r + 1) * P);
  const sortedRow = (r: number) => mergeSortedRuns(row(r), runs);
  const lnRuin = Math.log(summary.ruinLevel);
  const ddThresholds = summary.drawdownLevels.map((level) => -Math.log1p(-level));
  const outcomes: ExposureOutcome[] = [];
  for (let e = 0; e < E; e++) {
    // Every row arrives sorted: counts are binary searches, sums run in sorted order.
    const terminal = sortedRow(e);
    const drawdown = sortedRow(E + e);
    const low = sortedRow(2 * E + e);
    const tol = tieTolerance(job.trades, maxStep(job, e));
    const { sumLog, sumWealth } = sums(terminal);
    const losses = lowerBound(terminal, -tol); // x < −tol
    const ruined = upperBound(low, lnRuin + tol); // min ≤ ln(ruinLevel) + tol
    const ddCounts = ddThresholds.map((th) => P - lowerBound(drawdown, th - tol)); // d ≥ threshold − tol
    const outcome: ExposureOutcome = {
      exposure: job.exposures[e],
      terminalWealth: {
        mean: sumWealth / P,
        median: quantileSorted(terminal, 0.5, Math.exp),
        percentiles: byKey(summary.percentiles, (p) => quantileSorted(terminal, p, Math.exp)),
      },
      growthPerTrade: sumLog / P / job.trades,
      probabilityOfLoss: losses / P,
      probabilityOfRuin: ruined / P,
      probabilityOfDrawdown: byKey(summary.drawdownLevels, (_, k) => ddCounts[k] / P),
      maxDrawdown: {
        median: quantileSorted(drawdown, 0.5, drawdownFraction),
        percentiles: byKey(summary.percentiles, (p) => quantileSorted(drawdown, p, drawdownFraction)),
      },
    };
    if (job.checkpointSteps.length > 0) {
      outcome.bands = Array.from(job.checkpointSteps, (step, c) => {
        const sorted = sortedRow((3 + c) * E + e);
        return { step, percentiles: byKey(summary.percentiles, (p) => quantileSorted(sorted, p, Math.exp)) };
      });
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** Σ x and Σ eˣ over a row, in its (sorted) order. */
function sums(row: Float64Array): { sumLog: number; sumWealth: number } {
  let sumLog = 0;
  let sumWealth = 0;
  for (let i = 0; i < row.length; i++) {
    sumLog += row[i];
    sumWealth += Math.exp(row[i]);
  }
  return { sumLog, sumWealth };
}

/** The number of elements of an ascending row that are < v. */
function lowerBound(row: Float64Array, v: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (row[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of elements of an ascending row that are ≤ v. */
function upperBound(row: Float64Array, v: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (row[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The largest |log step| exposure e can take. */
function maxStep(job: SimulationJob, e: number): number {
  if (job.kind === 'binary') return Math.max(Math.abs(job.lnWin[e]), Math.abs(job.lnLoss[e]));
  let m = 0;
  for (let k = e * job.returns; k < (e + 1) * job.returns; k++) m = Math.max(m, Math.abs(job.table[k]));
  return m;
}

/** { "0.05": f(0.05), … }: numbers keyed by their shortest string form. */
export function byKey(keys: readonly number[], f: (key: number, index: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  keys.forEach((key, i) => (out[String(key)] = f(key, i)));
  return out;
}
