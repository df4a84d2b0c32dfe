import { checkReturns, checkSizes } from './checkTradeColumns.js';
import { checkComparisonOptions, pairedBootstrap, type CompareSizingOptions, type SizingComparison } from './compareOutcomes.js';

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
 * It is compareOutcomes on the account returns sizesA[i] × returns[i] and sizesB[i] × returns[i].
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
  const o = checkComparisonOptions(options, r.length);
  const accountA = new Float64Array(r.length);
  const accountB = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    accountA[i] = sa[i] * r[i];
    accountB[i] = sb[i] * r[i];
  }
  const fields = { series: 'returns', years: o.yearsField };
  return pairedBootstrap(accountA, accountB, o, fields, fields);
}
