import { SizewiseError, describeValue } from '../errors.js';
import { finiteArray, inRange, integer, knownKeys, MAX_TRADE_RETURN, probability } from '../validate.js';
import { calibrationReportChecked, type ReliabilityBin } from '../probability/calibrationReport.js';
import { checkReturns } from './checkTradeColumns.js';

/** What was predicted for each trade at sizing time (one or both columns, one value per trade). */
export interface PredictedEdge {
  /** Predicted probability that the trade wins (return > 0), in [0, 1]. */
  probability?: ArrayLike<number>;
  /** Predicted expectancy: the expected return of a unit position, in the units of `returns`. */
  expectancy?: ArrayLike<number>;
}

export interface PredictedVsRealisedOptions {
  /** Equal-width bins on [0, 1] for the predicted probability (10). */
  bins?: number;
}

export const PREDICTED_VS_REALISED_DEFAULTS = Object.freeze({ bins: 10 });

/**
 * One predicted-probability bin: lower ≤ p < upper (the last one also holds p = 1), the mean
 * forecast, the observed win rate and the count — calibrationReport's reliability bin. Only
 * non-empty bins are listed.
 */
export type ProbabilityBin = ReliabilityBin;

/**
 * Predicted win probability against outcome, over the decided trades (return ≠ 0: a
 * breakeven trade is neither a win nor a loss and is left out). Null fields when no trade is decided.
 */
export interface ProbabilityAccuracy {
  /** Decided trades compared. */
  trades: number;
  meanPredicted: number | null;
  /** wins ÷ decided trades. */
  realisedWinRate: number | null;
  /** Brier score mean((pᵢ − yᵢ)²), yᵢ = 1 for a win, 0 for a loss (Brier 1950); 0 is perfect, 0.25 is a coin's ½. */
  brier: number | null;
  bins: ProbabilityBin[];
}

/** Predicted expectancy against the realised mean return, over every trade. */
export interface ExpectancyAccuracy {
  trades: number;
  meanPredicted: number;
  /** Mean realised return of a unit position. */
  realised: number;
  /** realised − meanPredicted: negative when the predictions were too optimistic. */
  difference: number;
}

/** Each part is null when its column was not given. */
export interface PredictedVsRealised {
  probability: ProbabilityAccuracy | null;
  expectancy: ExpectancyAccuracy | null;
}

/**
 * Predicted vs realised edge ("Kelly accuracy"): whether the win probabilities and
 * expectancies a sizing rule acted on came true. For probabilities: the mean predicted
 * probability against the realised win rate, overall and per equal-width probability bin
 * (a reliability diagram's rows), and the Brier score — calibrationReport's bins and Brier
 * score over the decided trades; for expectancies: the mean predicted against the mean
 * realised return. Every trade counts whatever size it was given: this is
 * about the predictions, not the account. O(n).
 *
 * References: G. W. Brier, "Verification of Forecasts Expressed in Terms of Probability",
 * Monthly Weather Review 78 (1950); A. H. Murphy, R. L. Winkler, "Reliability of Subjective
 * Probability Forecasts", J. Royal Statistical Society C 26 (1977) on reliability diagrams.
 *
 * @example predictedVsRealised([0.02, -0.01, 0.03, -0.02], { probability: [0.6, 0.6, 0.7, 0.3] }).probability.brier
 * // ((0.6−1)² + (0.6−0)² + (0.7−1)² + (0.3−0)²) ÷ 4 = (0.16 + 0.36 + 0.09 + 0.09) ÷ 4 = 0.175
 */
export function predictedVsRealised(returns: ArrayLike<number>, predicted: PredictedEdge, options: PredictedVsRealisedOptions = {}): PredictedVsRealised {
  const r = checkReturns(returns, 'returns');
  knownKeys(options, 'options', ['bins']);
  const bins = integer(options.bins ?? PREDICTED_VS_REALISED_DEFAULTS.bins, 'options.bins', 1, 1000);
  return predictedVsRealisedChecked(r, checkPredicted(predicted, 'predicted', r.length, 'returns'), bins);
}

/** Checked predicted columns. */
export interface CheckedPrediction {
  probability: Float64Array | undefined;
  expectancy: Float64Array | undefined;
}

/** Checks a PredictedEdge (at least one column, each as long as the trades) under `field`. */
export function checkPredicted(value: unknown, field: string, length: number, lengthOf: string): CheckedPrediction {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be { probability?, expectancy? }, received ${describeValue(value)}`, value);
  }
  knownKeys(value, field, ['probability', 'expectancy']);
  const p = value as PredictedEdge;
  if (p.probability === undefined && p.expectancy === undefined) {
    throw new SizewiseError('EMPTY_INPUT', field, `${field} must give probability, expectancy or both`, value);
  }
  const column = (v: unknown, name: string, check: (x: number, f: string) => void) => {
    if (v === undefined) return undefined;
    const xs = finiteArray(v, `${field}.${name}`);
    if (xs.length !== length) {
      throw new SizewiseError('LENGTH_MISMATCH', `${field}.${name}`, `${field}.${name} has ${xs.length} entries, ${lengthOf} has ${length}`, v);
    }
    for (let i = 0; i < xs.length; i++) check(xs[i], `${field}.${name}[${i}]`);
    return xs;
  };
  return {
    probability: column(p.probability, 'probability', (x, f) => void probability(x, f)),
    expectancy: column(p.expectancy, 'expectancy', (x, f) => void inRange(x, f, { min: -MAX_TRADE_RETURN, max: MAX_TRADE_RETURN })),
  };
}

/** predictedVsRealised on checked inputs. */
export function predictedVsRealisedChecked(r: Float64Array, predicted: CheckedPrediction, bins: number): PredictedVsRealised {
  return {
    probability: predicted.probability === undefined ? null : probabilityAccuracy(r, predicted.probability, bins),
    expectancy: predicted.expectancy === undefined ? null : expectancyAccuracy(r, predicted.expectancy),
  };
}

/** Over the decided trades: the overall means, and the Brier score and bins of calibrationReport. */
function probabilityAccuracy(r: Float64Array, p: Float64Array, k: number): ProbabilityAccuracy {
  const decided: number[] = [];
  for (let i = 0; i < r.length; i++) if (r[i] !== 0) decided.push(i);
  if (decided.length === 0) return { trades: 0, meanPredicted: null, realisedWinRate: null, brier: null, bins: [] };
  const forecast = Float64Array.from(decided, (i) => p[i]);
  const won = Uint8Array.from(decided, (i) => (r[i] > 0 ? 1 : 0));
  let totalP = 0;
  let totalWins = 0;
  for (let j = 0; j < decided.length; j++) {
    totalP += forecast[j];
    totalWins += won[j];
  }
  const report = calibrationReportChecked(forecast, won, k);
  return { trades: decided.length, meanPredicted: totalP / decided.length, realisedWinRate: totalWins / decided.length, brier: report.brier, bins: report.bins };
}

function expectancyAccuracy(r: Float64Array, e: Float64Array): ExpectancyAccuracy {
  let predicted = 0;
  let realised = 0;
  for (let i = 0; i < r.length; i++) {
    predicted += e[i];
    realised += r[i];
  }
  const meanPredicted = predicted / r.length;
  const meanRealised = realised / r.length;
  return { trades: r.length, meanPredicted, realised: meanRealised, difference: meanRealised - meanPredicted };
}
