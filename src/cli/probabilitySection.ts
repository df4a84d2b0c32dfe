// Main-job section: from a model's probability to a Kelly size — the reference strategy's
// win-rate posterior and its shrunk Kelly, then the held-out calibration pipeline (regime
// features, logistic regression and decision tree) on the bundled S&P 500, GOOG and Dow
// Jones 30 data with its reliability tables.
import { readFile } from 'node:fs/promises';
import {
  parseClosesCsv,
  parseOhlcvCsv,
  probabilityKelly,
  probabilityWalkForward,
  PROBABILITY_WALK_FORWARD_DEFAULTS,
  WinRatePosterior,
  type BrierComparison,
  type CalibrationReport,
  type ProbabilityWalkForwardResult,
  type SizingComparison,
} from '../index.js';
import { bundledDataFile } from './bundledData.js';
import type { ReportContext } from './context.js';
import { heading, interval, num, orNone, pct, table } from './format.js';

const data = (file: string) => readFile(bundledDataFile(file), 'utf8');

/** Reads `dataName`, `bars` and `edge` from the report context. */
export async function probabilitySection(ctx: Pick<ReportContext, 'bars' | 'edge'>): Promise<void> {
  heading('From probability to Kelly size: Bayesian win rate and uncertainty-shrunk Kelly');
  const { edge } = ctx;
  const posterior = WinRatePosterior.from(edge.winRatePosterior);
  const bet = { winReturn: edge.avgWin, lossReturn: edge.avgLoss };
  const plain = probabilityKelly({ probability: posterior.mean, ...bet });
  const shrunk = probabilityKelly({ probability: posterior, ...bet });
  console.log(
    `Win rate of the ${edge.trades} S&P 500 reference trades, Beta(${posterior.alpha}, ${posterior.beta}) from a uniform prior: ` +
      `mean ${pct(posterior.mean)}, 95 % credible interval ${interval(posterior.interval(0.95), pct)}.`,
  );
  table([
    ['Kelly at the posterior mean', 'exposure', 'risk fraction', 'shrinkage'],
    ['plain', `${num(plain.exposure)}×`, pct(plain.riskFraction), '1.00'],
    ['shrunk for the uncertainty (Baker & McHale 2013)', `${num(shrunk.exposure)}×`, pct(shrunk.riskFraction), num(shrunk.shrinkage ?? 1)],
  ]);

  const series = [
    { name: 'S&P 500', bars: ctx.bars },
    { name: 'GOOG', bars: parseOhlcvCsv(await data('goog_2004-2008_daily_ohlcv.csv')) },
    ...[...parseClosesCsv(await data('dowjones30_1991-2000_daily_close.csv'))].map(([name, bars]) => ({ name, bars })),
  ];
  const r = probabilityWalkForward(series, { bins: 20 });
  heading('Calibrated probabilities on held-out trades (trained on the S&P 500, GOOG and Dow Jones 30)');
  console.log(
    `Reference breakout trades of ${r.series} series. Features at the signal bar: ${r.featureNames.join(', ')}. ` +
      `One split for all series at 70 % of their joint calendar, ${r.splitDate}: the ${r.trainTrades} trades closed before it train, ` +
      `the ${r.heldOutTrades} signalled after it are held out (${r.straddling} straddle it, ${r.warmingUp} come before the features are warm).`,
  );
  console.log(
    `Models: a logistic regression (L2) and a decision tree (CART, depth ≤ ${PROBABILITY_WALK_FORWARD_DEFAULTS.treeDepth}, ` +
      `≥ ${PROBABILITY_WALK_FORWARD_DEFAULTS.treeMinSamplesLeaf} trades a leaf; grown to depth ${r.tree.depth}), each cross-fitted over 5 time folds ` +
      `and Platt-calibrated on its own out-of-fold scores; ensemble of both with the training win rate, ` +
      `inverse-Brier weights ${Object.entries(r.weights).map(([m, w]) => `${m} ${num(w)}`).join(', ')}.\n`,
  );
  const row = (name: string, c: CalibrationReport) => [name, num(c.brier, 4), num(c.logLoss, 4), num(c.ece, 4)];
  table([
    ['held-out probability', 'Brier', 'log loss', 'ECE'],
    row('logistic, uncalibrated', r.heldOut.raw),
    row('logistic, calibrated', r.heldOut.calibrated),
    row('tree, uncalibrated', r.heldOut.treeRaw),
    row('tree, calibrated', r.heldOut.treeCalibrated),
    row('training win rate (no features)', r.heldOut.baseRate),
    row('ensemble', r.heldOut.ensemble),
  ]);
  const reliability = [
    ['uncalibrated logistic regression', r.heldOut.raw],
    ['calibrated logistic regression', r.heldOut.calibrated],
    ['calibrated tree', r.heldOut.treeCalibrated],
  ] as const;
  for (const [name, report] of reliability) {
    console.log(`\nReliability of the ${name} on the held-out trades (non-empty bins of width 0.05):`);
    table([
      ['bin', 'mean forecast', 'observed win rate', 'trades'],
      ...report.bins.map((b) => [`${num(b.lower)}–${num(b.upper)}`, pct(b.meanPredicted, 1), pct(b.observedRate, 1), String(b.count)]),
    ]);
  }
  console.log(
    `\nSizing the held-out trades in entry order, ¼ Kelly at each probability (payoffs from the training trades: ` +
      `win ${pct(r.trainEdge.avgWin)}, loss ${pct(r.trainEdge.avgLoss)}), exposure capped at 3×:`,
  );
  table([
    ['sizing', 'total return', 'CAGR', 'max drawdown', 'Sharpe', 'Sortino', 'mean exposure', 'Sharpe − flat, 95 % bootstrap'],
    ...r.sizing.map((s) => {
      const e = s.evaluation;
      const vs = s.versusFlat;
      return [
        sizingLabel(s.name),
        pct(e.totalReturn, 1),
        orNone(e.cagr, (x) => pct(x, 1)),
        pct(-e.maxDrawdown, 1),
        orNone(e.sharpe),
        orNone(e.sortino),
        `${num(e.meanSize)}×`,
        vs === null ? '' : `${orNone(vs.difference)} ${vs.interval === null ? '' : interval(vs.interval)}`,
      ];
    }),
  ]);
  console.log(`\n${verdict(r)}`);
}

/** How the table and the verdict name each sizing rule of the walk-forward. */
const SIZING_LABELS: Readonly<Record<string, string>> = Object.freeze({
  flat: 'flat',
  uncalibrated: 'logistic, uncalibrated',
  calibrated: 'logistic, calibrated',
  treeUncalibrated: 'tree, uncalibrated',
  treeCalibrated: 'tree, calibrated',
  ensemble: 'ensemble',
});

/** A sizing rule's name as the section prints it. */
export function sizingLabel(name: string): string {
  return SIZING_LABELS[name] ?? name;
}

/** What the held-out numbers show, computed, not chosen. */
export function verdict(r: ProbabilityWalkForwardResult): string {
  const { calibratedVsRaw, calibratedVsBaseRate, treeCalibratedVsRaw, treeCalibratedVsBaseRate, ensembleVsBaseRate } = r.brier;
  const sizing = r.sizing
    .filter((s) => s.versusFlat !== null)
    .map((s) => `${sizingLabel(s.name)} ${versus(s.versusFlat!)}`)
    .join('; ');
  return (
    `Held out, the calibrated logistic regression's Brier score is ${describe(calibratedVsRaw)} its raw one, and ${describe(calibratedVsBaseRate)} ` +
    "the featureless training win rate's; " +
    `the calibrated tree's is ${describe(treeCalibratedVsRaw)} its raw one, and ${describe(treeCalibratedVsBaseRate)} the win rate's; ` +
    `the ensemble's is ${describe(ensembleVsBaseRate)} the win rate's (paired differences, Diebold–Mariano). ` +
    `Against flat sizing, by the paired bootstrap of the Sharpe ratio (compareSizing): ${sizing}. ` +
    `Calibrated against uncalibrated sizes: logistic ${versus(r.calibratedVsUncalibrated)}; tree ${versus(r.treeCalibratedVsUncalibrated)}.`
  );
}

/** "lower than" / "higher than" / "indistinguishable from", with the difference and its z. */
function describe(c: BrierComparison): string {
  const word = Math.abs(c.z) < 2 ? 'indistinguishable from' : c.difference < 0 ? 'lower than' : 'higher than';
  return `${word} (difference ${c.difference.toExponential(1)}, z = ${num(c.z)})`;
}

/** Whether a Sharpe difference's bootstrap interval excludes 0. */
function versus(c: SizingComparison): string {
  if (c.difference === null || c.interval === null) return 'undefined (no Sharpe ratio)';
  const [lo, hi] = c.interval;
  const word = lo > 0 ? 'better' : hi < 0 ? 'worse' : 'no different';
  return `${word} (${num(c.difference)}, interval ${interval(c.interval)}, better in ${pct(c.fractionABetter ?? 0, 0)} of resamples)`;
}
