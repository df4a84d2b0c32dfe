import { integer, knownKeys } from '../validate.js';
import { checkOutcomes, checkProbabilities, sameLength } from './checkOutcomes.js';

export interface CalibrationReportOptions {
  /** Equal-width bins over [0, 1] for the expected calibration error and the reliability table. */
  bins?: number;
}

export const CALIBRATION_REPORT_DEFAULTS: Readonly<Required<CalibrationReportOptions>> = Object.freeze({ bins: 10 });

/** Log loss clips probabilities to [LOG_LOSS_EPSILON, 1 − LOG_LOSS_EPSILON] (scikit-learn's long-standing eps). */
export const LOG_LOSS_EPSILON = 1e-15;

/** One bar of a reliability diagram. */
export interface ReliabilityBin {
  /** The bin holds lower ≤ p < upper (the last bin also holds p = 1). */
  lower: number;
  upper: number;
  /** Mean forecast probability of the bin's predictions. */
  meanPredicted: number;
  /** Share of the bin's predictions that won. */
  observedRate: number;
  count: number;
}

export interface CalibrationReport {
  /** Mean squared error of the probabilities, (1/n) Σ (p − y)² (Brier 1950): 0 is perfect, 0.25 is a coin. */
  brier: number;
  /** Mean negative log-likelihood, −(1/n) Σ [y ln p + (1 − y) ln(1 − p)], p clipped to [1e-15, 1 − 1e-15]. */
  logLoss: number;
  /** Expected calibration error: Σ over bins (count / n) · |meanPredicted − observedRate| (Naeini et al. 2015). */
  ece: number;
  /** The non-empty bins, in order (empty ones are left out, as scikit-learn's calibration_curve does). */
  bins: ReliabilityBin[];
  /** Number of predictions. */
  count: number;
}

/**
 * How good a set of win probabilities is, against what happened: the Brier score, the log
 * loss, the expected calibration error over `bins` equal-width bins, and the reliability
 * table (per bin: mean forecast against the observed win rate). Brier and log loss match
 * scikit-learn's `brier_score_loss` and `log_loss`; the bins match its `calibration_curve`
 * with `strategy='uniform'`, with edges exactly i / bins. O(n + bins).
 *
 * @example calibrationReport([0.9, 0.8, 0.3, 0.2], [1, 1, 0, 1]).brier // 0.195
 */
export function calibrationReport(
  probabilities: ArrayLike<number>,
  outcomes: ArrayLike<number | boolean>,
  options: CalibrationReportOptions = {},
): CalibrationReport {
  knownKeys(options, 'options', ['bins']);
  const bins = integer({ ...CALIBRATION_REPORT_DEFAULTS, ...options }.bins, 'options.bins', 1, 10_000);
  const p = checkProbabilities(probabilities, 'probabilities');
  const y = checkOutcomes(outcomes, 'outcomes');
  sameLength(p, 'probabilities', y, 'outcomes');
  return calibrationReportChecked(p, y, bins);
}

/**
 * calibrationReport for checked, non-empty probabilities and 0/1 outcomes of one length and an
 * integer number of bins ≥ 1: the one implementation of the Brier score and the reliability
 * bins, also behind evaluate's predictedVsRealised.
 */
export function calibrationReportChecked(p: ArrayLike<number>, y: ArrayLike<number>, bins: number): CalibrationReport {
  const n = p.length;
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const wins = new Float64Array(bins);
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    brier += (p[i] - y[i]) ** 2;
    const clipped = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, p[i]));
    logLoss -= y[i] === 1 ? Math.log(clipped) : Math.log1p(-clipped);
    const b = binOf(p[i], bins);
    count[b]++;
    predicted[b] += p[i];
    wins[b] += y[i];
  }
  const rows: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    const meanPredicted = predicted[b] / count[b];
    const observedRate = wins[b] / count[b];
    ece += (count[b] / n) * Math.abs(meanPredicted - observedRate);
    rows.push({ lower: b / bins, upper: (b + 1) / bins, meanPredicted, observedRate, count: count[b] });
  }
  return { brier: brier / n, logLoss: logLoss / n, ece, bins: rows, count: n };
}

/** The bin b with b/bins ≤ p < (b + 1)/bins, exactly (the product p·bins can round across an edge); 1 goes to the last. */
export function binOf(p: number, bins: number): number {
  let b = Math.floor(p * bins);
  if (b / bins > p) b--;
  else if ((b + 1) / bins <= p) b++;
  return Math.min(bins - 1, Math.max(0, b));
}
