import { SizewiseError, describeValue } from '../errors.js';
import { integer, knownKeys } from '../validate.js';
import { accountStats, type AccountStats } from './accountStats.js';
import { resolveAnnualisation, type AnnualisationOptions } from './annualisation.js';
import { checkReturns, checkSizes } from './checkTradeColumns.js';
import { checkPredicted, predictedVsRealisedChecked, PREDICTED_VS_REALISED_DEFAULTS, type PredictedEdge, type PredictedVsRealised } from './predictedVsRealised.js';
import { bucketOf, sizeBuckets, type SizeBucketSpec } from './sizeBuckets.js';

export interface EvaluateSizingOptions extends AnnualisationOptions {
  /**
   * true (default): the account compounds, trade i moves equity by sizes[i] × returns[i]
   * of itself, and a move ≤ −100 % is ruin. false: additive units (e.g. R-multiples):
   * trade i adds sizes[i] × returns[i] units, totals are sums and drawdown is in units.
   */
  compound?: boolean;
  /** Size buckets: a number of quantile buckets (4), or explicit increasing edges covering every size. */
  sizeBuckets?: SizeBucketSpec;
  /** What was predicted for each trade at sizing time, for predicted vs realised edge. */
  predicted?: PredictedEdge;
  /** Equal-width predicted-probability bins on [0, 1] (10). */
  probabilityBins?: number;
}

export const EVALUATE_SIZING_DEFAULTS = Object.freeze({ compound: true, sizeBuckets: 4, probabilityBins: PREDICTED_VS_REALISED_DEFAULTS.bins });

/** One size bucket: sizes in [lower, upper) (the last bucket closed), and how its trades did. */
export interface SizeBucket {
  lower: number;
  upper: number;
  count: number;
  /** count ÷ trades. */
  share: number;
  /** Hit rate of the trades themselves (returns[i] > 0 among returns[i] ≠ 0); null when none is decided. */
  winRate: number | null;
  /** Mean return of a unit position over the bucket's trades; null for an empty bucket. */
  meanReturn: number | null;
  /** Mean account return (size × return) over the bucket's trades; null for an empty bucket. */
  meanAccountReturn: number | null;
}

/**
 * Per-trade outcomes of a sizing rule. Account statistics (from totalReturn to ruinedAt)
 * cover the trades the account took: all of them, or in compound mode those up to and
 * including the ruinous one. Rule statistics (meanSize, buckets, predicted) cover every
 * trade given: ruin does not change how the rule sized or how the trades turned out.
 * Undefined statistics are null, never NaN.
 */
export interface SizingEvaluation extends AccountStats {
  /** Trades given. (`periods`: trades the account took.) */
  trades: number;
  compound: boolean;
  /** Mean size over every trade given. */
  meanSize: number;
  /** The size distribution and its outcomes, by bucket, smallest sizes first. */
  sizeBuckets: SizeBucket[];
  /** Predicted vs realised edge; null when `predicted` was not given. */
  predicted: PredictedVsRealised | null;
}

/**
 * Evaluates a sizing rule on a series of trades: `returns[i]` is the return of a unit
 * position (a fraction, or R in additive mode) and `sizes[i] ≥ 0` the size the rule gave
 * it (an exposure or a multiplier), so the account's result of trade i is
 * aᵢ = sizes[i] × returns[i]. O(n log n) (the buckets sort the sizes).
 *
 * - Curve: compound, equity Wₖ = Π(1 + aᵢ) (ruin absorbing: a trade with aᵢ ≤ −1 ends it,
 *   totalReturn −1, maxDrawdown 1); additive, Σ aᵢ. Then totalReturn, meanReturn, CAGR,
 *   maxDrawdown, Sharpe and Sortino exactly as equityCurveStats defines them.
 * - Annualising: `periodsPerYear` (trades per year) multiplies Sharpe and Sortino by
 *   √periodsPerYear; `years` (the calendar span) sets the CAGR exponent; one of them derives
 *   the other from the number of trades. With neither, Sharpe and Sortino are per trade and
 *   CAGR is null. CAGR is always null in additive mode.
 * - Outcomes: a win is aᵢ > 0, a loss aᵢ < 0, a flat trade (size 0 or breakeven) neither.
 *   winRate = wins ÷ (wins + losses) (quantstats' `win_rate` convention); winLossRatio =
 *   mean win ÷ mean |loss|; profitFactor = Σ wins ÷ Σ |losses|.
 * - Buckets: quantiles of the sizes (or your edges); per bucket the share of trades, the
 *   trades' own hit rate and mean return, and the mean account return.
 * - Predicted: see predictedVsRealised.
 *
 * References: Sharpe (1994); Lo (2002); Sortino & Price (1994); empyrical `stats.py`
 * (Sharpe with n − 1, Sortino with target 0 and downside deviation over all observations,
 * CAGR, drawdown from a start that counts as a peak).
 *
 * @example
 * const e = evaluateSizing([0.1, -0.05, 0.02, -0.02], [1, 2, 1, 0.5], { periodsPerYear: 4 });
 * // account returns 0.1, −0.1, 0.02, −0.01: equity 1.1, 0.99, 1.0098, 0.999702
 * e.totalReturn // −0.000298
 * e.maxDrawdown // 0.1 (1.1 → 0.99)
 * e.winRate // 0.5; e.profitFactor // 0.12 / 0.11 ≈ 1.0909
 * e.meanSize // 1.125
 */
export function evaluateSizing(returns: ArrayLike<number>, sizes: ArrayLike<number>, options: EvaluateSizingOptions = {}): SizingEvaluation {
  const r = checkReturns(returns, 'returns');
  const s = checkSizes(sizes, 'sizes', r.length, 'returns');
  knownKeys(options, 'options', ['compound', 'periodsPerYear', 'years', 'sizeBuckets', 'predicted', 'probabilityBins']);
  const compound = options.compound ?? EVALUATE_SIZING_DEFAULTS.compound;
  if (typeof compound !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.compound', `options.compound must be a boolean, received ${describeValue(compound)}`, compound);
  }
  const annualisation = resolveAnnualisation(options, r.length, 'options');
  const predicted = options.predicted === undefined ? undefined : checkPredicted(options.predicted, 'options.predicted', r.length, 'returns');
  const bins = integer(options.probabilityBins ?? EVALUATE_SIZING_DEFAULTS.probabilityBins, 'options.probabilityBins', 1, 1000);
  const bounds = sizeBuckets(options.sizeBuckets ?? EVALUATE_SIZING_DEFAULTS.sizeBuckets, s, 'options.sizeBuckets');

  const account = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) account[i] = s[i] * r[i];
  const stats = accountStats(account, compound, annualisation, { series: 'returns', years: options.years !== undefined ? 'options.years' : 'options.periodsPerYear' });

  let sizeSum = 0;
  const k = bounds.lower.length;
  const count = new Float64Array(k);
  const wins = new Float64Array(k);
  const decided = new Float64Array(k);
  const returnSum = new Float64Array(k);
  const accountSum = new Float64Array(k);
  for (let i = 0; i < r.length; i++) {
    sizeSum += s[i];
    const b = bucketOf(bounds, s[i]);
    count[b]++;
    if (r[i] !== 0) decided[b]++;
    if (r[i] > 0) wins[b]++;
    returnSum[b] += r[i];
    accountSum[b] += account[i];
  }
  const buckets: SizeBucket[] = [];
  for (let b = 0; b < k; b++) {
    const n = count[b];
    buckets.push({
      lower: bounds.lower[b],
      upper: bounds.upper[b],
      count: n,
      share: n / r.length,
      winRate: decided[b] === 0 ? null : wins[b] / decided[b],
      meanReturn: n === 0 ? null : returnSum[b] / n,
      meanAccountReturn: n === 0 ? null : accountSum[b] / n,
    });
  }
  return {
    ...stats,
    trades: r.length,
    compound,
    meanSize: sizeSum / r.length,
    sizeBuckets: buckets,
    predicted: predicted === undefined ? null : predictedVsRealisedChecked(r, predicted, bins),
  };
}
