import { SizewiseError, describeValue } from '../errors.js';
import { Xoshiro128 } from '../random/xoshiro128.js';
import { quantileSorted } from '../stats/quantileSorted.js';
import { inRange, integer, knownKeys, oneOf, seed as checkSeed } from '../validate.js';
import { periodOutcomes } from './accountStats.js';
import { resolveAnnualisation, type Annualisation, type AnnualisationOptions } from './annualisation.js';
import { checkAccountResults } from './checkTradeColumns.js';
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

/** Options of compareSizing and compareOutcomes. */
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

/** The most resamples a comparison runs (memory: one double per resample). */
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
 * Paired bootstrap comparison of two rules by what each made on the same trades: `outcomesA[i]`
 * and `outcomesB[i]` are rule A's and rule B's result of trade i — account returns (compound,
 * the default; ≤ −1 is ruin) or additive units such as R-multiples (`compound: false`). This is
 * for rules whose per-trade outcomes differ by more than a size (two ways of managing one
 * trade, with different exits); compareSizing is this comparison for size × return.
 *
 * Each resample draws n trade indices with replacement, the same indices for both rules (so
 * what the trades had in common cancels), in the order drawn, and evaluates both series by
 * `metric` exactly as evaluateSizing defines it; the result is the percentile interval of the
 * differences a* − b* at `confidence` (Efron & Tibshirani 1993, ch. 13; quantiles by Hyndman &
 * Fan definition 7) and the share of resamples where A is better. Resamples where the metric
 * is undefined for either rule (e.g. Sharpe of a constant resample) are left out and counted
 * (`definedResamples`). O(resamples × n).
 *
 * Reference: B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap (1993), ch. 13.
 *
 * @example
 * // R-multiples of the same four trades managed two ways:
 * const c = compareOutcomes([2, -1, 0.5, 1.5], [1, -1, 0.5, 1], { metric: 'meanReturn', compound: false });
 * c.difference // mean A − mean B = 3 ÷ 4 − 1.5 ÷ 4 = 0.375
 * c.fractionABetter // below 1: A is never worse, but a resample of trades 2 and 3 alone is a tie
 */
export function compareOutcomes(outcomesA: ArrayLike<number>, outcomesB: ArrayLike<number>, options: CompareSizingOptions = {}): SizingComparison {
  const a = checkAccountResults(outcomesA, 'outcomesA');
  const b = checkAccountResults(outcomesB, 'outcomesB', a.length, 'outcomesA');
  const o = checkComparisonOptions(options, a.length);
  return pairedBootstrap(a, b, o, { series: 'outcomesA', years: o.yearsField }, { series: 'outcomesB', years: o.yearsField });
}

/** Comparison options, checked and resolved for a series of `periods` trades. */
export interface ComparisonSettings {
  metric: SizingMetric;
  resamples: number;
  confidence: number;
  seed: number;
  compound: boolean;
  annualisation: Annualisation;
  /** The option that sets the CAGR exponent, for the overflow errors. */
  yearsField: string;
}

/** Checks CompareSizingOptions (`options.…`) for `periods` trades. */
export function checkComparisonOptions(options: CompareSizingOptions, periods: number): ComparisonSettings {
  knownKeys(options, 'options', ['metric', 'resamples', 'confidence', 'seed', 'compound', 'periodsPerYear', 'years']);
  const metric = oneOf(options.metric ?? COMPARE_SIZING_DEFAULTS.metric, 'options.metric', SIZING_METRICS);
  const resamples = integer(options.resamples ?? COMPARE_SIZING_DEFAULTS.resamples, 'options.resamples', 1, MAX_RESAMPLES);
  const confidence = inRange(options.confidence ?? COMPARE_SIZING_DEFAULTS.confidence, 'options.confidence', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const seed = checkSeed(options.seed ?? COMPARE_SIZING_DEFAULTS.seed, 'options.seed');
  const compound = options.compound ?? COMPARE_SIZING_DEFAULTS.compound;
  if (typeof compound !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.compound', `options.compound must be a boolean, received ${describeValue(compound)}`, compound);
  }
  const annualisation = resolveAnnualisation(options, periods, 'options');
  return { metric, resamples, confidence, seed, compound, annualisation, yearsField: options.years !== undefined ? 'options.years' : 'options.periodsPerYear' };
}

/**
 * The paired bootstrap on checked per-trade outcomes of equal length (see compareOutcomes);
 * `fieldsA` and `fieldsB` name each series in overflow errors.
 */
export function pairedBootstrap(outcomesA: Float64Array, outcomesB: Float64Array, o: ComparisonSettings, fieldsA: StatsFields, fieldsB: StatsFields): SizingComparison {
  const valueA = metricOf(o.metric, o.compound, o.annualisation, fieldsA);
  const valueB = metricOf(o.metric, o.compound, o.annualisation, fieldsB);
  const a = valueA(outcomesA);
  const b = valueB(outcomesB);

  const n = outcomesA.length;
  const drawnA = new Float64Array(n);
  const drawnB = new Float64Array(n);
  const rng = new Xoshiro128(o.seed);
  const differences = new Float64Array(o.resamples);
  let defined = 0;
  let aBetter = 0;
  const lowerIsBetter = LOWER_IS_BETTER.has(o.metric);
  for (let k = 0; k < o.resamples; k++) {
    for (let j = 0; j < n; j++) {
      const i = rng.nextIndex(n);
      drawnA[j] = outcomesA[i];
      drawnB[j] = outcomesB[i];
    }
    const ma = valueA(drawnA);
    const mb = valueB(drawnB);
    if (ma === null || mb === null) continue;
    differences[defined++] = ma - mb;
    if (lowerIsBetter ? ma < mb : ma > mb) aBetter++;
  }
  const sorted = differences.subarray(0, defined).sort();
  const tail = (1 - o.confidence) / 2;
  return {
    metric: o.metric,
    a,
    b,
    difference: a === null || b === null ? null : a - b,
    interval: defined === 0 ? null : [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)],
    fractionABetter: defined === 0 ? null : aBetter / defined,
    resamples: o.resamples,
    definedResamples: defined,
    confidence: o.confidence,
    seed: o.seed,
  };
}

/**
 * The metric of a series of account returns, computing no more than it needs: ratios and
 * the mean from the moments alone (no logarithm per trade), outcomes from the moments' ruin
 * point, and the path statistics (total, CAGR, drawdown) from the full curve. For totalReturn,
 * cagr and maxDrawdown, a series whose compounded total overflows a double is refused with
 * OUT_OF_RANGE naming `fields.series`.
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
