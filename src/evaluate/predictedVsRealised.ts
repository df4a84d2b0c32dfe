import { SizewiseError, describeValue } from '../errors.js';
import { finiteArray, inRange, integer, knownKeys, MAX_TRADE_RETURN, probability } from '../validate.js';
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

/** One predicted-probability bin: [lower, upper), the last one closed. Only non-empty bins are listed. */
export interface ProbabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  realisedWinRate: number;
}

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
 * (a reliability diagram's rows), and the Brier score; for expectancies: the mean predicted
 * against the mean realised return. Every trade counts whatever size it was given: this is
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

function probabilityAccuracy(r: Float64Array, p: Float64Array, k: number): ProbabilityAccuracy {
  const count = new Float64Array(k);
  const sumP = new Float64Array(k);
  const wins = new Float64Array(k);
  let decided = 0;
  let totalP = 0;
  let totalWins = 0;
  let squares = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i] === 0) continue;
    const y = r[i] > 0 ? 1 : 0;
    const b = Math.min(k - 1, Math.floor(p[i] * k));
    count[b]++;
    sumP[b] += p[i];
    wins[b] += y;
    decided++;
    totalP += p[i];
    totalWins += y;
    squares += (p[i] - y) ** 2;
  }
  const binRows: ProbabilityBin[] = [];
  for (let b = 0; b < k; b++) {
    if (count[b] === 0) continue;
    binRows.push({ lower: b / k, upper: (b + 1) / k, count: count[b], meanPredicted: sumP[b] / count[b], realisedWinRate: wins[b] / count[b] });
  }
  const none = decided === 0;
  return {
    trades: decided,
    meanPredicted: none ? null : totalP / decided,
    realisedWinRate: none ? null : totalWins / decided,
    brier: none ? null : squares / decided,
    bins: binRows,
  };
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
