import { readFileSync } from 'node:fs';
import {
  betaQuantile,
  calibrationReport,
  calibratorFromJSON,
  compareBrier,
  ensembleProbability,
  isotonicCalibration,
  IsotonicCalibrator,
  LogisticRegression,
  modelWeights,
  parseOhlcvCsv,
  plattCalibration,
  PlattCalibrator,
  probabilityKelly,
  probabilityWalkForward,
  WinRatePosterior,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

const scores = () => [-1.8, -1.1, -0.6, -0.2, 0.1, 0.3, 0.7, 1.2, 1.6, 2.2];
const outcomes = () => [0, 0, 1, 0, 0, 1, 0, 1, 1, 1];
const rows = () => scores().map((s, i) => [s, (i % 3) - 1]);

/** A probability promise: every value in [0, 1]. */
function probabilities(result: unknown): void {
  for (const p of result instanceof Float64Array ? result : [result as number]) {
    if (!(p >= 0 && p <= 1)) throw new Error(`probability ${p} outside [0, 1]`);
  }
}

/** A Kelly size ≥ 0 with a shrinkage in (0, 1] when reported. */
function shrunkSize(result: unknown): void {
  const k = result as { exposure: number; riskFraction: number; shrinkage?: number };
  if (!(k.exposure >= 0 && k.riskFraction >= 0)) throw new Error(`negative size ${k.exposure}`);
  if (k.shrinkage !== undefined && !(k.shrinkage > 0 && k.shrinkage <= 1)) throw new Error(`shrinkage ${k.shrinkage}`);
}

const CSV = readFileSync(new URL('../../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8');
/** The first 2000 bars of the bundled S&P 500 data, fresh per call. */
const bars = () => {
  const all = parseOhlcvCsv(CSV.split('\n').slice(0, 2001).join('\n'));
  return { ...all, date: [...all.date] };
};

export const probabilityEntries: FuzzEntry[] = [
  { name: 'plattCalibration', valid: () => [scores(), outcomes(), { maxIterations: 50 }], call: (s, y, o) => plattCalibration(s as never, y as never, o as never).toJSON() },
  { name: 'isotonicCalibration', valid: () => [scores(), outcomes()], call: (s, y) => isotonicCalibration(s as never, y as never).toJSON(), check: (r) => (r as { y: number[] }).y.forEach(probabilities) },
  { name: 'PlattCalibrator#predictMany', valid: () => [scores()], call: (s) => new PlattCalibrator(-1.3, 0.2).predictMany(s as never), check: probabilities },
  { name: 'PlattCalibrator#predict', valid: () => [0.4], call: (s) => new PlattCalibrator(-1.3, 0.2).predict(s as never), check: probabilities },
  { name: 'PlattCalibrator', valid: () => [-1.7, 0.2], call: (a, b) => new PlattCalibrator(a as never, b as never).predict(0.3) },
  { name: 'PlattCalibrator#toJSON', valid: () => [], call: () => new PlattCalibrator(-1.7, 0.2).toJSON() },
  { name: 'PlattCalibrator.fromJSON', valid: () => [{ kind: 'platt', a: -1.7, b: 0.2 }], call: (j) => PlattCalibrator.fromJSON(j).predict(0.3) },
  { name: 'IsotonicCalibrator#predict', valid: () => [0.4], call: (s) => new IsotonicCalibrator([0, 1, 2], [0.1, 0.5, 0.9]).predict(s as never) },
  { name: 'IsotonicCalibrator#toJSON', valid: () => [], call: () => new IsotonicCalibrator([0, 1, 2], [0.1, 0.5, 0.9]).toJSON() },
  { name: 'IsotonicCalibrator.fromJSON', valid: () => [{ kind: 'isotonic', x: [0, 1, 2], y: [0.1, 0.5, 0.9] }], call: (j) => IsotonicCalibrator.fromJSON(j).predict(0.4) },
  { name: 'IsotonicCalibrator', valid: () => [[0, 1, 2], [0.1, 0.5, 0.9]], call: (x, y) => new IsotonicCalibrator(x as never, y as never).predict(1.5), check: probabilities },
  { name: 'IsotonicCalibrator#predictMany', valid: () => [scores()], call: (s) => new IsotonicCalibrator([0, 1, 2], [0.1, 0.5, 0.9]).predictMany(s as never), check: probabilities },
  { name: 'calibratorFromJSON', valid: () => [{ kind: 'isotonic', x: [0, 1], y: [0.2, 0.7] }], call: (j) => calibratorFromJSON(j).predict(0.5), check: probabilities },
  {
    name: 'calibrationReport',
    valid: () => [[0.1, 0.4, 0.35, 0.8, 1, 0], outcomes().slice(0, 6), { bins: 5 }],
    call: (p, y, o) => calibrationReport(p as never, y as never, o as never),
    check: (r) => {
      const c = r as { brier: number; ece: number };
      if (!(c.brier >= 0 && c.brier <= 1 && c.ece >= 0 && c.ece <= 1)) throw new Error(`brier ${c.brier}, ece ${c.ece}`);
    },
  },
  { name: 'compareBrier', valid: () => [[0.9, 0.2, 0.7], [0.5, 0.5, 0.5], [1, 0, 1]], call: (a, b, y) => compareBrier(a as never, b as never, y as never) },
  {
    name: 'modelWeights',
    valid: () => [[{ model: 'a', probability: 0.8, outcome: 1 }, { model: 'b', probability: 0.4, outcome: true }], { method: 'logScore', temperature: 2 }],
    call: (h, o) => modelWeights(h as never, o as never),
    check: (r) => {
      const sum = Object.values(r as Record<string, number>).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-12) throw new Error(`weights sum to ${sum}`);
    },
  },
  { name: 'ensembleProbability', valid: () => [{ a: 0.62, b: 0.54 }, { a: 0.75, b: 0.25 }], call: (p, w) => ensembleProbability(p as never, w as never), check: (r) => probabilities((r as { probability: number }).probability) },
  { name: 'WinRatePosterior', valid: () => [{ alpha: 2, beta: 3 }], call: (p) => new WinRatePosterior(p as never).toJSON() },
  { name: 'WinRatePosterior#update', valid: () => [true], call: (w) => new WinRatePosterior().update(w as never).toJSON() },
  { name: 'WinRatePosterior#updateCounts', valid: () => [12, 8], call: (w, l) => new WinRatePosterior().updateCounts(w as never, l as never).toJSON() },
  {
    name: 'WinRatePosterior#interval',
    valid: () => [0.9],
    call: (level) => new WinRatePosterior().updateCounts(12, 8).interval(level as never),
    check: (r) => {
      const [lo, hi] = r as [number, number];
      if (!(lo >= 0 && lo <= hi && hi <= 1)) throw new Error(`interval [${lo}, ${hi}]`);
    },
  },
  { name: 'WinRatePosterior.from', valid: () => [{ alpha: 5, beta: 4, mean: 5 / 9 }], call: (b) => WinRatePosterior.from(b as never).toJSON() },
  { name: 'betaQuantile', valid: () => [0.975, 13, 9], call: (q, a, b) => betaQuantile(q as never, a as never, b as never), check: probabilities },
  { name: 'probabilityKelly', valid: () => [{ probability: 0.55, winReturn: 0.032, lossReturn: 0.018 }, { observations: 40, method: 'plugIn' }], call: (i, o) => probabilityKelly(i as never, o as never), check: shrunkSize },
  {
    name: 'probabilityKelly (posterior)',
    valid: () => [{ probability: { alpha: 27, beta: 19 }, winReturn: 0.032, lossReturn: 0.018 }],
    call: (i) => probabilityKelly(i as never),
    check: shrunkSize,
  },
  { name: 'LogisticRegression.fit', valid: () => [rows(), outcomes(), { l2: 1, maxIterations: 50, tolerance: 1e-9, featureNames: ['a', 'b'] }], call: (x, y, o) => LogisticRegression.fit(x as never, y as never, o as never).toJSON() },
  { name: 'LogisticRegression#predictProba', valid: () => [[0.3, 1]], call: (r) => LogisticRegression.fit(rows(), outcomes(), { l2: 1 }).predictProba(r as never), check: probabilities },
  { name: 'LogisticRegression#decisionFunction', valid: () => [[0.3, 1]], call: (r) => LogisticRegression.fit(rows(), outcomes()).decisionFunction(r as never) },
  { name: 'LogisticRegression#predictMany', valid: () => [rows()], call: (r) => LogisticRegression.fit(rows(), outcomes()).predictMany(r as never) },
  { name: 'LogisticRegression#toJSON', valid: () => [], call: () => LogisticRegression.fit(rows(), outcomes()).toJSON() },
  { name: 'WinRatePosterior#toJSON', valid: () => [], call: () => new WinRatePosterior({ alpha: 2, beta: 3 }).toJSON() },
  { name: 'WinRatePosterior.fromJSON', valid: () => [{ alpha: 2, beta: 3, mean: 0.4 }], call: (j) => WinRatePosterior.fromJSON(j).interval(0.9) },
  { name: 'LogisticRegression.fromJSON', valid: () => [{ kind: 'logisticRegression', intercept: 0.1, coefficients: [0.5, -0.2] }], call: (j) => LogisticRegression.fromJSON(j).predictProba([1, 1]), check: probabilities },
  {
    name: 'probabilityWalkForward',
    valid: () => [[{ name: 'S&P 500', bars: bars() }], { trainFraction: 0.6, folds: 3, calibration: 'isotonic', l2: 2, treeDepth: 2, treeMinSamplesLeaf: 5, kellyFraction: 0.5, maxExposure: 2, bins: 5 }],
    call: (s, o) => {
      const r = probabilityWalkForward(s as never, o as never);
      return { sizing: r.sizing.map((x) => ({ exposures: x.exposures, totalReturn: x.evaluation.totalReturn })), heldOut: r.heldOut.calibrated.brier };
    },
    check: (r, args) => {
      const cap = ((args[1] as { maxExposure?: unknown } | undefined)?.maxExposure as number | undefined) ?? 3;
      for (const row of (r as { sizing: { exposures: Float64Array }[] }).sizing) {
        for (const x of row.exposures) if (!(x >= 0 && x <= cap)) throw new Error(`exposure ${x} outside [0, ${cap}]`);
      }
    },
    weight: 0.02,
    maxMs: 10_000,
  },
];
