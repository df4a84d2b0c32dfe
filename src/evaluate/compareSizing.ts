import { SizewiseError, describeValue } from '../errors.js';
import { Xoshiro128 } from '../random/xoshiro128.js';
import { quantileSorted } from '../stats/quantileSorted.js';
import { inRange, integer, knownKeys, oneOf, seed as checkSeed } from '../validate.js';
import { periodOutcomes } from './accountStats.js';
import { resolveAnnualisation, type Annualisation, type AnnualisationOptions } from './annualisation.js';
import { checkReturns, checkSizes } from './checkTradeColumns.js';
import { periodMoments, periodReturnStats, type StatsFields } from './equityCurveStats.js';

/** The statistics of evaluateSizing that two rules can be compared by. */
export const SIZING_METRICS = Object.freeze([
  'sharpe',
  'sortino',
  'totalReturn',
  'meanReturn',
  'cagr',
  'maxDrawdown',
  'winRate',
  'winLossRatio',
  'profitFactor',
] as const);

export type SizingMetric = (typeof SIZING_METRICS)[number];

/** Metrics where lower is better. */
const LOWER_IS_BETTER: ReadonlySet<SizingMetric> = new Set(['maxDrawdown']);

export interface CompareSizingOptions extends AnnualisationOptions {
  /** What to compare (`'sharpe'`): any of SIZING_METRICS, as evaluateSizing defines it. */
  metric?: SizingMetric;
  /** Bootstrap resamples (2000). */
  resamples?: number;
  /** Coverage of the percentile interval (0.95). */
  confidence?: number;
  /** Seed of the resampling stream (1): the same seed gives the same result. */
  seed?: number;
  /** Compounding (true) or additive units (false), as in evaluateSizing. */
  compound?: boolean;
}

export const COMPARE_SIZING_DEFAULTS = Object.freeze({ metric: 'sharpe' as SizingMetric, resamples: 2000, confidence: 0.95, seed: 1, compound: true });

/** The most resamples compareSizing runs (memory: one double per resample). */
export const MAX_RESAMPLES = 1_000_000;

/** Rule A against rule B on the same trades. Null where the metric is undefined (see evaluateSizing). */
export interface SizingComparison {
  metric: SizingMetric;
  /** The metric of rule A on the trades as given. */
  a: number | null;
  /** The metric of rule B on the trades as given. */
  b: number | null;
  /** a − b on the trades as given (for maxDrawdown a positive difference means A fell further). */
  difference: number | null;
  /** Percentile interval of the resampled differences a* − b*; null when no resample defines both. */
  interval: [number, number] | null;
  /** Share of the resamples defining both where A is strictly better (higher; lower for maxDrawdown). Ties count for neither. */
  fractionABetter: number | null;
  resamples: number;
  /** Resamples where the metric is defined for both rules (the interval and the fraction are over these). */
  definedResamples: number;
  confidence: number;
  seed: number;
}

/**
 * Paired bootstrap comparison of two sizing rules on the same trades: each resample draws n
 * trade indices with replacement, the same indices for both rules (so what the trades had
 * in common cancels), in the order drawn, and evaluates both; the percentile interval of
 * the differences a* − b* at `confidence` (Efron & Tibshirani 1993, ch. 13, the percentile
 * interval; quantiles by Hyndman & Fan definition 7), and the share of resamples where A
 * is better. O(resamples × n).
 *
 * Default metric: the Sharpe ratio, because it asks whether a rule sized *better* (more
 * return per unit of risk), not merely *bigger*: scaling every size by a constant leaves it
 * unchanged, whereas totalReturn and meanReturn grow with the sizes. Resamples where the
 * metric is undefined for either rule (e.g. Sharpe of a constant resample) are left out
 * and counted: see `definedResamples`. For totalReturn, cagr and maxDrawdown, a resample
 * whose compounded total overflows a double is refused with OUT_OF_RANGE naming `returns`.
 *
 * Reference: B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap (1993), ch. 13.
 *
 * @example
 * const c = compareSizing([0.02, -0.01, 0.03, -0.02, 0.01], [1, 1, 1, 1, 1], [1.5, 0.5, 1.5, 0.5, 1], { metric: 'meanReturn' });
 * c.difference // A − B = mean of −(0.5·0.02, −0.5·−0.01, 0.5·0.03, −0.5·−0.02, 0) = −(0.01 + 0.005 + 0.015 + 0.01) ÷ 5 = −0.008
 * c.fractionABetter // 0: B's sizes put more on every winner and less on every loser
 */
export function compareSizing(
  returns: ArrayLike<number>,
  sizesA: ArrayLike<number>,
  sizesB: ArrayLike<number>,
  options: CompareSizingOptions = {},
): SizingComparison {
  const r = checkReturns(returns, 'returns');
  const sa = checkSizes(sizesA, 'sizesA', r.length, 'returns');
  const sb = checkSizes(sizesB, 'sizesB', r.length, 'returns');
  knownKeys(options, 'options', ['metric', 'resamples', 'confidence', 'seed', 'compound', 'periodsPerYear', 'years']);
  const metric = oneOf(options.metric ?? COMPARE_SIZING_DEFAULTS.metric, 'options.metric', SIZING_METRICS);
  const resamples = integer(options.resamples ?? COMPARE_SIZING_DEFAULTS.resamples, 'options.resamples', 1, MAX_RESAMPLES);
  const confidence = inRange(options.confidence ?? COMPARE_SIZING_DEFAULTS.confidence, 'options.confidence', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const seed = checkSeed(options.seed ?? COMPARE_SIZING_DEFAULTS.seed, 'options.seed');
  const compound = options.compound ?? COMPARE_SIZING_DEFAULTS.compound;
  if (typeof compound !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.compound', `options.compound must be a boolean, received ${describeValue(compound)}`, compound);
  }
  const annualisation = resolveAnnualisation(options, r.length, 'options');
  const fields: StatsFields = { series: 'returns', years: options.years !== undefined ? 'options.years' : 'options.periodsPerYear' };
  const value = metricOf(metric, compound, annualisation, fields);

  const n = r.length;
  const accountA = new Float64Array(n);
  const accountB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    accountA[i] = sa[i] * r[i];
    accountB[i] = sb[i] * r[i];
  }
  const a = value(accountA);
  const b = value(accountB);

  const rng = new Xoshiro128(seed);
  const differences = new Float64Array(resamples);
  let defined = 0;
  let aBetter = 0;
  const lowerIsBetter = LOWER_IS_BETTER.has(metric);
  for (let k = 0; k < resamples; k++) {
    for (let j = 0; j < n; j++) {
      const i = rng.nextIndex(n);
      accountA[j] = sa[i] * r[i];
      accountB[j] = sb[i] * r[i];
    }
    const ma = value(accountA);
    const mb = value(accountB);
    if (ma === null || mb === null) continue;
    differences[defined++] = ma - mb;
    if (lowerIsBetter ? ma < mb : ma > mb) aBetter++;
  }
  const sorted = differences.subarray(0, defined).sort();
  const tail = (1 - confidence) / 2;
  return {
    metric,
    a,
    b,
    difference: a === null || b === null ? null : a - b,
    interval: defined === 0 ? null : [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)],
    fractionABetter: defined === 0 ? null : aBetter / defined,
    resamples,
    definedResamples: defined,
    confidence,
    seed,
  };
}

/**
 * The metric of a series of account returns, computing no more than it needs: ratios and
 * the mean from the moments alone (no logarithm per trade), outcomes from the moments' ruin
 * point, and the path statistics (total, CAGR, drawdown) from the full curve.
 */
function metricOf(metric: SizingMetric, compound: boolean, annualisation: Annualisation, fields: StatsFields): (account: Float64Array) => number | null {
  switch (metric) {
    case 'meanReturn':
      return (account) => periodMoments(account, compound, annualisation.periodsPerYear).mean;
    case 'sharpe':
    case 'sortino':
      return (account) => periodMoments(account, compound, annualisation.periodsPerYear)[metric];
    case 'winRate':
    case 'winLossRatio':
    case 'profitFactor':
      return (account) => periodOutcomes(account, compound, periodMoments(account, compound, null).periods, fields.series)[metric];
    case 'totalReturn':
    case 'cagr':
    case 'maxDrawdown':
      return (account) => periodReturnStats(account, compound, annualisation, fields)[metric];
  }
}
