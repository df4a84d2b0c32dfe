import { withFieldPrefix } from '../withFieldPrefix.js';
import { checkIsoDates } from '../data/checkIsoDates.js';
import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { estimateEdge } from '../edge/estimateEdge.js';
import type { ReturnFields } from '../edge/trade.js';
import { returnFields } from '../edge/tradeReturn.js';
import { SizewiseError, describeValue } from '../errors.js';
import { calendarSplit } from '../evaluate/calendarSplit.js';
import { compareSizing } from '../evaluate/compareSizing.js';
import type { SizingComparison } from '../evaluate/compareOutcomes.js';
import { evaluateSizing, type SizingEvaluation } from '../evaluate/evaluateSizing.js';
import { checkTreeData, fitTreeChecked, type DecisionTree } from '../regime/DecisionTree.js';
import { breakoutTrades, type BreakoutTrade } from '../strategy/breakoutTrades.js';
import { inRange, integer, knownKeys, nonNegative, oneOf, positive, seed as checkSeed } from '../validate.js';
import type { Calibrator } from './Calibrator.js';
import { calibrationReport, type CalibrationReport } from './calibrationReport.js';
import { compareBrier, type BrierComparison } from './compareBrier.js';
import { ensembleProbability } from './ensembleProbability.js';
import type { FeatureSource } from './FeatureSource.js';
import { isotonicCalibration } from './isotonicCalibration.js';
import { LogisticRegression } from './LogisticRegression.js';
import { modelWeights } from './modelWeights.js';
import { plattCalibration } from './plattCalibration.js';
import { probabilityKelly } from './probabilityKelly.js';
import { REGIME_FEATURE_SOURCE } from './regimeFeatureSource.js';
import { WinRatePosterior } from './WinRatePosterior.js';

export interface ProbabilityWalkForwardOptions {
  /**
   * Share of the calendar (the union of all series' dates) before the split date: trades
   * closed before it train the models, trades signalled on or after it are held out.
   */
  trainFraction: number;
  /** Contiguous time folds of the training trades for the cross-fitted (out-of-fold) scores. */
  folds: number;
  /** Calibrator fitted on the out-of-fold scores. */
  calibration: 'platt' | 'isotonic';
  /** L2 penalty of the logistic regression on standardised features (scikit-learn's C = 1/l2). */
  l2: number;
  /**
   * Depth of the second model, a CART tree (the regime DecisionTree) on the same features:
   * fixed, not tuned, so that nothing is chosen by looking at any trade's outcome twice.
   */
  treeDepth: number;
  /**
   * Fewest training trades in a leaf of the tree. A leaf's win rate is its probability: from
   * 50 trades its standard error is about 0.07, coarse enough that the tree cannot memorise.
   */
  treeMinSamplesLeaf: number;
  /** Multiple of the Kelly exposure taken (0.25 = quarter Kelly), for every sizing rule. */
  kellyFraction: number;
  /** Ceiling on any trade's exposure (notional ÷ equity): the sizer's default leverage cap. */
  maxExposure: number;
  /** Feature columns read at each trade's signal bar (the regime features by default; MARKET_FEATURE_SOURCE for the agent's). */
  features: FeatureSource;
  /** Bins of the calibration reports' reliability tables. */
  bins: number;
  /** compareSizing's bootstrap: resamples and seed. */
  resamples: number;
  seed: number;
}

export const PROBABILITY_WALK_FORWARD_DEFAULTS: Readonly<ProbabilityWalkForwardOptions> = Object.freeze({
  trainFraction: 0.7,
  folds: 5,
  calibration: 'platt',
  l2: 1,
  treeDepth: 3,
  treeMinSamplesLeaf: 50,
  kellyFraction: 0.25,
  maxExposure: 3,
  features: REGIME_FEATURE_SOURCE,
  bins: 10,
  resamples: 2000,
  seed: 1,
});

/** A trade as data for the models: its features at the signal bar and what came of it. */
interface Sample {
  series: string;
  trade: BreakoutTrade;
  signalDate: string;
  row: Float64Array;
  outcome: 0 | 1;
}

/** One held-out trade: what each model said and the probability each rule sized it at. */
export interface HeldOutTrade extends ReturnFields {
  series: string;
  entryDate: string;
  outcome: 0 | 1;
  /** The logistic regression's own probability (uncalibrated). */
  raw: number;
  /** That score through the cross-fitted calibrator. */
  calibrated: number;
  /** The decision tree's own probability (its leaf's training win rate, uncalibrated). */
  treeRaw: number;
  /** That probability through the tree's cross-fitted calibrator. */
  treeCalibrated: number;
  /** The training trades' win-rate posterior mean (no features). */
  baseRate: number;
  /** The weighted ensemble of `calibrated`, `treeCalibrated` and `baseRate`, and the models' spread. */
  ensemble: number;
  spread: number;
}

/** A sizing rule on the held-out trades. */
export interface SizingRow {
  /** `uncalibrated` and `calibrated` are the logistic regression's; `tree…` the decision tree's. */
  name: 'flat' | 'uncalibrated' | 'calibrated' | 'treeUncalibrated' | 'treeCalibrated' | 'ensemble';
  /** Exposure of each held-out trade (kellyFraction × Kelly at the rule's probability, capped). */
  exposures: Float64Array;
  /** evaluateSizing of the exposures, with the rule's probabilities as the predicted edge. */
  evaluation: SizingEvaluation;
  /** compareSizing of this rule against flat: paired bootstrap of the Sharpe difference (null for flat itself). */
  versusFlat: SizingComparison | null;
}

export interface ProbabilityWalkForwardResult {
  /** The first date of the held-out part: one cut in calendar time for every series. */
  splitDate: string;
  featureNames: readonly string[];
  series: number;
  trainTrades: number;
  heldOutTrades: number;
  /** Trades open across the split date: in neither set. */
  straddling: number;
  /** Trades signalled before the features were warm: left out. */
  warmingUp: number;
  /** Win rate, average win and loss of the training trades: the payoffs every Kelly size uses. */
  trainEdge: { winRate: number; avgWin: number; avgLoss: number };
  model: LogisticRegression;
  calibrator: Calibrator;
  /** The decision tree fitted on every training trade (classes 'loss', 'win'), and its calibrator. */
  tree: DecisionTree;
  treeCalibrator: Calibrator;
  /** Ensemble weights from the out-of-fold track record (inverse Brier): `logistic`, `tree`, `baseRate`. */
  weights: Record<string, number>;
  /** Out-of-fold (training) reports: raw scores, calibrated; the same for the tree. */
  outOfFold: { raw: CalibrationReport; calibrated: CalibrationReport; treeRaw: CalibrationReport; treeCalibrated: CalibrationReport };
  /** Held-out reports for each probability. */
  heldOut: {
    raw: CalibrationReport;
    calibrated: CalibrationReport;
    treeRaw: CalibrationReport;
    treeCalibrated: CalibrationReport;
    baseRate: CalibrationReport;
    ensemble: CalibrationReport;
  };
  /**
   * Paired Brier comparisons on the held-out trades: calibrated − raw and calibrated − the
   * featureless win rate, for the logistic regression and for the tree; ensemble − win rate.
   */
  brier: {
    calibratedVsRaw: BrierComparison;
    calibratedVsBaseRate: BrierComparison;
    treeCalibratedVsRaw: BrierComparison;
    treeCalibratedVsBaseRate: BrierComparison;
    ensembleVsBaseRate: BrierComparison;
  };
  trades: HeldOutTrade[];
  sizing: SizingRow[];
  /** Calendar years from the first held-out entry to the last exit: annualises Sharpe and CAGR. */
  years: number;
  /** compareSizing of calibrated against uncalibrated sizes (Sharpe difference). */
  calibratedVsUncalibrated: SizingComparison;
  /** The same for the tree's probabilities. */
  treeCalibratedVsUncalibrated: SizingComparison;
}

/**
 * A small, honest pipeline from features to calibrated probabilities to per-trade Kelly
 * sizes, on the reference breakout strategy's trades of one or more price series:
 * 1. features at each trade's signal bar (`options.features`; the regime market features by
 *    default); a trade wins when its return is above 0; a trade with a non-finite feature
 *    (a window still warming up) is left out, so no model ever sees NaN;
 * 2. one split date for all series, at `trainFraction` of their union calendar (calendarSplit):
 *    trades closed before it train, trades signalled on or after it are held out, so no model
 *    or calibrator sees a trade that closed after one it is tested on, in any series;
 * 3. on the training trades (pooled, in time order) a logistic regression is cross-fitted over
 *    `folds` contiguous folds: each fold is scored by a model fitted on the others; the
 *    calibrator is fitted on those out-of-fold scores; a second model, a CART decision tree
 *    (`treeDepth`, `treeMinSamplesLeaf`) on the same features and win/loss labels, is
 *    cross-fitted on the same folds and calibrated the same way on its own out-of-fold
 *    probabilities; the featureless win-rate posterior of the other folds is scored too;
 *    inverse-Brier ensemble weights of the three come from that out-of-fold record;
 * 4. the final models (all training trades) score the held-out trades; they are sized by
 *    kellyFraction × Kelly at six probabilities — the training win rate (flat), each model's
 *    raw and calibrated probability, the ensemble — with the training average win and loss.
 * 5. each rule is evaluated with `evaluateSizing` and compared with flat by `compareSizing`
 *    (paired bootstrap of the Sharpe difference, `resamples`, `seed`).
 * Nothing is fitted or tuned on a held-out trade. Held-out trades of all series are taken in
 * order of entry as one sequence on one account (a simplification: in reality they overlap).
 */
export function probabilityWalkForward(
  series: readonly { name: string; bars: OhlcvColumns }[],
  options: Partial<ProbabilityWalkForwardOptions> = {},
): ProbabilityWalkForwardResult {
  knownKeys(options, 'options', Object.keys(PROBABILITY_WALK_FORWARD_DEFAULTS));
  const o: ProbabilityWalkForwardOptions = { ...PROBABILITY_WALK_FORWARD_DEFAULTS, ...options };
  inRange(o.trainFraction, 'options.trainFraction', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const folds = integer(o.folds, 'options.folds', 2, 100);
  const calibration = oneOf(o.calibration, 'options.calibration', ['platt', 'isotonic'] as const);
  const l2 = nonNegative(o.l2, 'options.l2');
  const treeDepth = integer(o.treeDepth, 'options.treeDepth', 1, 64);
  const treeMinSamplesLeaf = integer(o.treeMinSamplesLeaf, 'options.treeMinSamplesLeaf', 1);
  const kellyFraction = inRange(o.kellyFraction, 'options.kellyFraction', { min: 0, max: 1, minOpen: true });
  const maxExposure = positive(o.maxExposure, 'options.maxExposure');
  const bins = integer(o.bins, 'options.bins', 1, 1000);
  const resamples = integer(o.resamples, 'options.resamples', 100, 100_000);
  const seed = checkSeed(o.seed, 'options.seed');
  if (o.features === null || typeof o.features !== 'object' || typeof o.features.columns !== 'function' || !Array.isArray(o.features.names)) {
    throw new SizewiseError('INVALID_TYPE', 'options.features', `options.features must be a FeatureSource { names, columns(bars) }, received ${describeValue(o.features)}`, o.features);
  }
  if (!Array.isArray(series) || series.length === 0) {
    throw new SizewiseError('EMPTY_INPUT', 'series', `series must be a non-empty array of { name, bars }, received ${describeValue(series)}`, series);
  }

  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    if (s === null || typeof s !== 'object' || typeof s.name !== 'string' || s.bars === null || typeof s.bars !== 'object') {
      throw new SizewiseError('INVALID_TYPE', `series[${i}]`, `series[${i}] must be { name, bars }, received ${describeValue(s)}`, s);
    }
    checkIsoDates(s.bars.date, `series[${i}].bars.date`);
  }
  const { splitDate } = calendarSplit(series.map((s) => s.bars.date), o.trainFraction);

  const train: Sample[] = [];
  const heldOut: Sample[] = [];
  let straddling = 0;
  let warmingUp = 0;
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    let columns;
    try {
      columns = o.features.columns(s.bars);
    } catch (error) {
      throw withFieldPrefix(error, 'bars', `series[${i}].bars`); // name the series whose bars were refused
    }
    if (!Array.isArray(columns) || columns.length !== o.features.names.length || columns.some((c) => c?.length !== s.bars.close.length)) {
      throw new SizewiseError(
        'LENGTH_MISMATCH',
        'options.features',
        `options.features.columns must return ${o.features.names.length} columns (one per name) of ${s.bars.close.length} values for series[${i}]`,
      );
    }
    for (const trade of breakoutTrades(s.bars)) {
      const signal = trade.entryIndex - 1;
      const row = Float64Array.from(columns, (c) => c[signal]);
      if (!row.every(Number.isFinite)) {
        warmingUp++;
        continue;
      }
      const sample: Sample = { series: s.name, trade, signalDate: s.bars.date[signal], row, outcome: trade.returnFraction > 0 ? 1 : 0 };
      if (trade.closedAt < splitDate) train.push(sample);
      else if (sample.signalDate >= splitDate) heldOut.push(sample);
      else straddling++;
    }
  }
  if (heldOut.length === 0) {
    throw new SizewiseError('EMPTY_INPUT', 'options.trainFraction', `options.trainFraction ${o.trainFraction} leaves no trade to hold out`, o.trainFraction);
  }
  if (train.length < 4 * folds) {
    throw new SizewiseError('EMPTY_INPUT', 'series', `only ${train.length} training trades: the ${folds}-fold cross-fit needs at least ${4 * folds}`, train.length);
  }
  train.sort((a, b) => a.signalDate.localeCompare(b.signalDate));
  heldOut.sort((a, b) => a.trade.entryDate.localeCompare(b.trade.entryDate));

  // Cross-fitted scores of the training trades: fold k is scored by models fitted on the rest.
  const n = train.length;
  const oofScore = new Float64Array(n);
  const oofRaw = new Float64Array(n);
  const oofTree = new Float64Array(n);
  const oofBase = new Float64Array(n);
  // The tree's rows and labels, checked once; each fold's tree grows on a subset of them.
  const treeData = checkTreeData(
    train.map((s) => s.row),
    train.map((s) => (s.outcome === 1 ? 'win' : 'loss')),
    [...o.features.names],
    'options.features.names',
  );
  const fitTree = (subset?: number[]) => fitTreeChecked(treeData, subset, treeDepth, treeMinSamplesLeaf);
  for (let k = 0; k < folds; k++) {
    const lo = Math.floor((k * n) / folds);
    const hi = Math.floor(((k + 1) * n) / folds);
    const fit = [...train.slice(0, lo), ...train.slice(hi)];
    const model = fitModel(fit, l2, o.features.names);
    const tree = fitTree(Array.from({ length: n - (hi - lo) }, (_, j) => (j < lo ? j : j + hi - lo)));
    const base = new WinRatePosterior();
    for (const s of fit) base.update(s.outcome === 1);
    for (let i = lo; i < hi; i++) {
      oofScore[i] = model.score(train[i].row);
      oofRaw[i] = model.probability(train[i].row);
      oofTree[i] = winShare(tree, train[i].row);
      oofBase[i] = base.mean;
    }
  }
  const outcomes = Uint8Array.from(train, (s) => s.outcome);
  const calibrate = (scores: Float64Array): Calibrator => (calibration === 'platt' ? plattCalibration(scores, outcomes) : isotonicCalibration(scores, outcomes));
  const calibrator = calibrate(oofScore);
  const treeCalibrator = calibrate(oofTree);
  const oofCalibrated = calibrator.predictMany(oofScore);
  const oofTreeCalibrated = treeCalibrator.predictMany(oofTree);
  const weights = modelWeights([
    ...train.map((s, i) => ({ model: 'logistic', probability: oofCalibrated[i], outcome: s.outcome })),
    ...train.map((s, i) => ({ model: 'tree', probability: oofTreeCalibrated[i], outcome: s.outcome })),
    ...train.map((s, i) => ({ model: 'baseRate', probability: oofBase[i], outcome: s.outcome })),
  ]);

  // The final models, from every training trade, score the held-out trades.
  const final = fitModel(train, l2, o.features.names);
  const finalTree = fitTree();
  const trainWins = outcomes.reduce((a, y) => a + y, 0);
  const baseRate = new WinRatePosterior().updateCounts(trainWins, n - trainWins).mean;
  const trades: HeldOutTrade[] = heldOut.map((s) => {
    const calibrated = calibrator.predict(final.score(s.row));
    const treeRaw = winShare(finalTree, s.row);
    const treeCalibrated = treeCalibrator.predict(treeRaw);
    const e = ensembleProbability({ logistic: calibrated, tree: treeCalibrated, baseRate }, weights);
    return {
      series: s.series,
      entryDate: s.trade.entryDate,
      ...returnFields(s.trade.returnFraction),
      outcome: s.outcome,
      raw: final.probability(s.row),
      calibrated,
      treeRaw,
      treeCalibrated,
      baseRate,
      ensemble: e.probability,
      spread: e.spread,
    };
  });

  const estimate = estimateEdge(train.map((t) => t.trade), { resamples: 100 });
  const edge = { winRate: estimate.winRate, avgWin: estimate.avgWin, avgLoss: estimate.avgLoss };
  const size = (p: number): number => {
    const k = probabilityKelly({ probability: Math.min(p, 1 - 1e-12), winReturn: edge.avgWin, lossReturn: edge.avgLoss });
    return Math.min(maxExposure, kellyFraction * k.exposure);
  };
  const returns = trades.map((t) => t.returnFraction);
  const years = yearsBetween(heldOut[0].trade.entryDate, heldOut.reduce((last, s) => (s.trade.closedAt > last ? s.trade.closedAt : last), heldOut[0].trade.closedAt));
  const flat = size(edge.winRate);
  const rules: [SizingRow['name'], (t: HeldOutTrade) => number][] = [
    ['flat', () => edge.winRate],
    ['uncalibrated', (t) => t.raw],
    ['calibrated', (t) => t.calibrated],
    ['treeUncalibrated', (t) => t.treeRaw],
    ['treeCalibrated', (t) => t.treeCalibrated],
    ['ensemble', (t) => t.ensemble],
  ];
  const flatExposures = Float64Array.from(trades, () => flat);
  const compare = (a: Float64Array, b: Float64Array) => compareSizing(returns, a, b, { metric: 'sharpe', years, resamples, seed });
  const sizing = rules.map(([name, probability]): SizingRow => {
    const exposures = name === 'flat' ? flatExposures : Float64Array.from(trades, (t) => size(probability(t)));
    return {
      name,
      exposures,
      evaluation: evaluateSizing(returns, exposures, { years, predicted: { probability: trades.map(probability) } }),
      versusFlat: name === 'flat' ? null : compare(exposures, flatExposures),
    };
  });

  const heldOutcomes = trades.map((t) => t.outcome);
  const report = (p: number[]) => calibrationReport(p, heldOutcomes, { bins });
  const column = (key: 'raw' | 'calibrated' | 'treeRaw' | 'treeCalibrated' | 'baseRate' | 'ensemble') => trades.map((t) => t[key]);
  const exposuresOf = (name: SizingRow['name']) => sizing.find((row) => row.name === name)!.exposures;
  return {
    splitDate,
    featureNames: o.features.names,
    series: series.length,
    trainTrades: n,
    heldOutTrades: trades.length,
    straddling,
    warmingUp,
    trainEdge: edge,
    model: final.model,
    calibrator,
    tree: finalTree,
    treeCalibrator,
    weights,
    outOfFold: {
      raw: calibrationReport(oofRaw, outcomes, { bins }),
      calibrated: calibrationReport(oofCalibrated, outcomes, { bins }),
      treeRaw: calibrationReport(oofTree, outcomes, { bins }),
      treeCalibrated: calibrationReport(oofTreeCalibrated, outcomes, { bins }),
    },
    heldOut: {
      raw: report(column('raw')),
      calibrated: report(column('calibrated')),
      treeRaw: report(column('treeRaw')),
      treeCalibrated: report(column('treeCalibrated')),
      baseRate: report(column('baseRate')),
      ensemble: report(column('ensemble')),
    },
    brier: {
      calibratedVsRaw: compareBrier(column('calibrated'), column('raw'), heldOutcomes),
      calibratedVsBaseRate: compareBrier(column('calibrated'), column('baseRate'), heldOutcomes),
      treeCalibratedVsRaw: compareBrier(column('treeCalibrated'), column('treeRaw'), heldOutcomes),
      treeCalibratedVsBaseRate: compareBrier(column('treeCalibrated'), column('baseRate'), heldOutcomes),
      ensembleVsBaseRate: compareBrier(column('ensemble'), column('baseRate'), heldOutcomes),
    },
    trades,
    sizing,
    years,
    calibratedVsUncalibrated: compare(exposuresOf('calibrated'), exposuresOf('uncalibrated')),
    treeCalibratedVsUncalibrated: compare(exposuresOf('treeCalibrated'), exposuresOf('treeUncalibrated')),
  };
}

/** A logistic regression on features standardised by the fitting trades' mean and deviation. */
function fitModel(samples: readonly Sample[], l2: number, names: readonly string[]) {
  const d = samples[0].row.length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const s of samples) for (let j = 0; j < d; j++) mean[j] += s.row[j] / samples.length;
  for (const s of samples) for (let j = 0; j < d; j++) sd[j] += (s.row[j] - mean[j]) ** 2 / samples.length;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const standardise = (row: Float64Array) => row.map((x, j) => (x - mean[j]) / sd[j]);
  const model = LogisticRegression.fit(
    samples.map((s) => standardise(s.row)),
    samples.map((s) => s.outcome),
    { l2, featureNames: [...names] },
  );
  return {
    model,
    score: (row: Float64Array) => model.decisionFunction(standardise(row)),
    probability: (row: Float64Array) => model.predictProba(standardise(row)),
  };
}

/** The tree's probability of a win: the training win rate of the leaf `row` falls in. */
function winShare(tree: DecisionTree, row: Float64Array): number {
  return tree.predictProba(row).win;
}

function yearsBetween(from: string, to: string): number {
  return Math.max(1 / 365.25, (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000));
}

