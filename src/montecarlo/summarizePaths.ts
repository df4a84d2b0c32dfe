import { quantileSorted } from '../stats/quantileSorted.js';
import { selectOrderStatistics } from './selectOrderStatistics.js';
import { quantileRows, type SimulationJob } from './simulatePaths.js';
import { rangeLayout, type RangeSummary } from './summarizeRange.js';
import type { ExposureOutcome } from './types.js';

/** How the per-path results are summarised. */
export interface SummaryOptions {
  ruinLevel: number;
  drawdownLevels: readonly number[];
  percentiles: readonly number[];
}

/** max drawdown fraction from log drawdown d = max(peak − ln W): 1 − e^(−d). */
export const drawdownFraction = (d: number): number => -Math.expm1(-d);

/** A wealth multiple, or Number.MAX_VALUE where it is beyond the largest double (its log is reported beside it). */
export const saturate = (w: number): number => (w < Infinity ? w : Number.MAX_VALUE);

/**
 * Turns a job's per-path results into one outcome per exposure. `row(q)` is quantile row q
 * (quantileRows: terminal log wealth, log drawdown, then each checkpoint; `job.paths`
 * values in path order) and `ranges` the RangeSummary of every range the executor ran.
 *
 * Counts (loss, ruin, drawdown levels) and sums come from the ranges: counts add up, and
 * the sums are per fixed block of paths, added in block order, so they are the same for
 * any split into ranges. Percentiles interpolate order statistics (quantileSorted, Hyndman–
 * Fan 7), found by selection (selectOrderStatistics) rather than a sort; they are exact, so
 * they too are independent of the split.
 *
 * Wealth is kept in log space: the mean is a log-sum-exp over the blocks, and every figure
 * also comes as its natural logarithm (`terminalWealth.log`), finite whatever the horizon;
 * a multiple beyond the largest double (e^709.78) is reported as Number.MAX_VALUE.
 */
export function summarizePaths(job: SimulationJob, row: (q: number) => Float64Array, ranges: readonly RangeSummary[], summary: SummaryOptions): ExposureOutcome[] {
  const P = job.paths;
  const E = job.exposures.length;
  const C = job.checkpointSteps.length;
  const { counts, extremes, blocks } = mergeRanges(job, ranges);
  const perExposure = 2 + job.levels.drawdown.length;
  const wanted = [0.5, ...summary.percentiles];
  const orderStatistics = (q: number) => knownOrderStatistics(row(q), wanted, extremes[2 * q], extremes[2 * q + 1]);
  const outcomes: ExposureOutcome[] = [];
  for (let e = 0; e < E; e++) {
    const { sumLog, lnMean, mean } = blockTotals(blocks, E, e, P);
    const terminal = orderStatistics(e);
    const drawdown = orderStatistics(E + e);
    const wealth = (p: number) => saturate(quantileSorted(terminal, p, Math.exp));
    const lnWealth = (p: number) => lnQuantile(terminal, p);
    const dd = (p: number) => quantileSorted(drawdown, p, drawdownFraction);
    const c0 = e * perExposure;
    const outcome: ExposureOutcome = {
      exposure: job.exposures[e],
      terminalWealth: {
        mean,
        median: wealth(0.5),
        percentiles: byKey(summary.percentiles, wealth),
        log: { mean: lnMean, median: lnWealth(0.5), percentiles: byKey(summary.percentiles, lnWealth) },
      },
      growthPerTrade: sumLog / P / job.trades,
      probabilityOfLoss: counts[c0] / P,
      probabilityOfRuin: counts[c0 + 1] / P,
      probabilityOfDrawdown: byKey(summary.drawdownLevels, (_, k) => counts[c0 + 2 + k] / P),
      maxDrawdown: { median: dd(0.5), percentiles: byKey(summary.percentiles, dd) },
    };
    if (C > 0) {
      outcome.bands = Array.from(job.checkpointSteps, (step, c) => {
        const band = orderStatistics((2 + c) * E + e);
        return { step, percentiles: byKey(summary.percentiles, (p) => saturate(quantileSorted(band, p, Math.exp))) };
      });
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** The ranges' counts added, extremes merged, and block sums placed by block index. */
function mergeRanges(job: SimulationJob, ranges: readonly RangeSummary[]): { counts: Float64Array; extremes: Float64Array; blocks: Float64Array } {
  const layout = rangeLayout(job);
  const E = job.exposures.length;
  const Q = quantileRows(job);
  const counts = new Float64Array(layout.extremes);
  const extremes = new Float64Array(2 * Q);
  for (let q = 0; q < Q; q++) {
    extremes[2 * q] = Infinity;
    extremes[2 * q + 1] = -Infinity;
  }
  const blocks = new Float64Array(3 * E * Math.ceil(job.paths / job.block));
  for (const { firstBlock, values } of ranges) {
    for (let i = 0; i < counts.length; i++) counts[i] += values[i];
    for (let q = 0; q < Q; q++) {
      extremes[2 * q] = Math.min(extremes[2 * q], values[layout.extremes + 2 * q]);
      extremes[2 * q + 1] = Math.max(extremes[2 * q + 1], values[layout.extremes + 2 * q + 1]);
    }
    blocks.set(values.subarray(layout.blocks), 3 * E * firstBlock);
  }
  return { counts, extremes, blocks };
}

/**
 * Σ ln W_n and the log of the mean wealth for exposure e, adding the blocks in block order:
 * log-sum-exp, each block's Σ exp(x − max) rescaled to the running maximum M, so
 * ln mean W_n = M + ln(Σ / P) is finite for any horizon.
 */
function blockTotals(blocks: Float64Array, E: number, e: number, P: number): { sumLog: number; lnMean: number; mean: number } {
  let sumLog = 0;
  let M = -Infinity;
  let S = 0;
  for (let at = 3 * e; at < blocks.length; at += 3 * E) {
    sumLog += blocks[at];
    const m = blocks[at + 1];
    const s = blocks[at + 2];
    if (m > M) {
      S = S * Math.exp(M - m) + s;
      M = m;
    } else {
      S += s * Math.exp(m - M);
    }
  }
  const share = S / P;
  const lnMean = M + Math.log(share);
  const scale = Math.exp(M);
  return { sumLog, lnMean, mean: saturate(scale < Infinity ? scale * share : Math.exp(lnMean)) };
}

/**
 * The order statistics quantileSorted reads for each percentile, fetched by selection: an
 * array-like of length n holding only those ranks (the two around (n − 1)·p).
 */
function knownOrderStatistics(values: Float64Array, percentiles: readonly number[], min: number, max: number): ArrayLike<number> {
  const n = values.length;
  const ranks = new Set<number>();
  for (const p of percentiles) {
    const lo = Math.floor((n - 1) * p);
    ranks.add(lo);
    if (lo + 1 < n) ranks.add(lo + 1);
  }
  const list = [...ranks];
  const found = selectOrderStatistics(values, list, min, max);
  const known: Record<number, number> & { length: number } = { length: n };
  list.forEach((r, i) => (known[r] = found[i]));
  return known;
}

/**
 * ln of quantileSorted(x, p, exp), computed without leaving log space: with t = h − ⌊h⌋,
 * ln(eᵃ + t(eᵇ − eᵃ)) = a + ln(1 + t·(e^(b − a) − 1)), or b + ln(t + (1 − t)·e^(a − b))
 * when b − a is large (e^(b − a) would overflow).
 */
function lnQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo];
  if (lo + 1 >= sorted.length || h === lo) return a;
  const b = sorted[lo + 1];
  const t = h - lo;
  return b - a <= 1 ? a + Math.log1p(t * Math.expm1(b - a)) : b + Math.log(t + (1 - t) * Math.exp(a - b));
}

/** { "0.05": f(0.05), … }: numbers keyed by their shortest string form. */
export function byKey(keys: readonly number[], f: (key: number, index: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  keys.forEach((key, i) => (out[String(key)] = f(key, i)));
  return out;
}
