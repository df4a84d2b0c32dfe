import { SizewiseError, describeValue } from '../errors.js';
import { finite, knownKeys, positive } from '../validate.js';
import { resolveAnnualisation, type Annualisation, type AnnualisationOptions } from './annualisation.js';
import { MAX_PERIOD_RETURN } from './limits.js';

/** How an equity curve is read. */
export interface EquityCurveOptions extends AnnualisationOptions {
  /**
   * true: equity in money, compounding; a period's return is e_t ÷ e_{t−1} − 1 and the curve
   * must stay ≥ 0 (its first 0 is ruin). false: additive units such as cumulative R; a
   * period's result is e_t − e_{t−1} and the curve may take any sign.
   */
  compound?: boolean;
}

export const EQUITY_CURVE_DEFAULTS = Object.freeze({ compound: true });

/** How an equity curve did. Undefined statistics are null, never NaN. */
export interface EquityCurveStats {
  /** Periods counted: values − 1, or up to and including the ruinous period. */
  periods: number;
  /** Compound: last ÷ first − 1 (−1 after ruin). Additive: last − first. */
  totalReturn: number;
  /** Mean period return (compound) or mean period result (additive). */
  meanReturn: number;
  /**
   * Compound annual growth rate (last ÷ first)^(1/years) − 1, as empyrical's `cagr`; −1 after
   * ruin. null in additive mode and when neither `years` nor `periodsPerYear` is known.
   */
  cagr: number | null;
  /**
   * Largest fall from a running peak, the start counting as a peak (as empyrical's
   * `max_drawdown`), as a positive number: compound, the fraction 1 − e ÷ peak (1 after ruin);
   * additive, the units peak − e.
   */
  maxDrawdown: number;
  /**
   * Mean ÷ sample standard deviation (n − 1) of the period returns × √periodsPerYear, zero
   * risk-free rate (Sharpe 1994; Lo 2002 on annualising; empyrical's `sharpe_ratio`). Per
   * period when not annualised. null below two periods or when every period return is equal.
   */
  sharpe: number | null;
  /**
   * Mean ÷ downside deviation × √periodsPerYear, target 0, downside deviation
   * √(Σ min(rₜ, 0)² ÷ n) over all n periods (Sortino & Price 1994; empyrical's
   * `sortino_ratio`). null below two periods or without a losing period.
   */
  sortino: number | null;
  /** The periods per year used for Sharpe and Sortino; null = per period. */
  periodsPerYear: number | null;
  /** The years used for CAGR; null = no CAGR. */
  years: number | null;
  /** Compound: index (in the curve) of its first 0, where it ends; null if never ruined. Always null in additive mode. */
  ruinedAt: number | null;
}

/**
 * Return, CAGR, maximum drawdown, Sharpe and Sortino ratios of an equity curve (one value per
 * period, the start first). O(n).
 *
 * Compound (default): equity in money, the start > 0, the others ≥ 0. Ruin is absorbing: the
 * curve ends at its first 0 (totalReturn −1, maxDrawdown 1, CAGR −1, the last period return
 * −1) and the values after it are not read. Additive (`compound: false`): cumulative units
 * (R-multiples, points), any sign; drawdown in those units; no CAGR.
 *
 * Annualising: `periodsPerYear` scales Sharpe and Sortino by √periodsPerYear; `years` gives CAGR
 * its exponent; either one derives the other from the number of periods; with neither, Sharpe
 * and Sortino are per period and CAGR is null.
 *
 * References: W. F. Sharpe, "The Sharpe Ratio", J. Portfolio Management (1994); A. W. Lo, "The
 * Statistics of Sharpe Ratios", Financial Analysts Journal (2002); F. A. Sortino, L. N. Price,
 * "Performance Measurement in a Downside Risk Framework", J. Investing (1994); empyrical
 * (Quantopian) `stats.py` for the conventions.
 *
 * @example equityCurveStats([100, 110, 99, 121], { periodsPerYear: 252 }).maxDrawdown // 0.1 (110 → 99)
 * @example equityCurveStats([100, 50, 0, 7]).totalReturn // -1 (ruined at the third value)
 * @example equityCurveStats([0, 2, 1, 3], { compound: false }) // { totalReturn: 3, maxDrawdown: 1, cagr: null, … }
 */
export function equityCurveStats(equity: ArrayLike<number>, options: EquityCurveOptions = {}): EquityCurveStats {
  knownKeys(options, 'options', ['compound', 'periodsPerYear', 'years']);
  const compound = options.compound ?? EQUITY_CURVE_DEFAULTS.compound;
  if (typeof compound !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.compound', `options.compound must be a boolean, received ${describeValue(compound)}`, compound);
  }
  const values = curveValues(equity, compound);
  const annualisation = resolveAnnualisation(options, values.length - 1, 'options');
  const stats = periodReturnStats(curvePeriods(values, compound), compound, annualisation, { series: 'equity', years: annualisationField(options) });
  return stats.ruinedAt === null ? stats : { ...stats, ruinedAt: stats.ruinedAt + 1 }; // the curve's index of its first 0
}

/** The curve's values, checked: at least two, finite, the period moves within MAX_PERIOD_RETURN; compound ≥ 0 with a start > 0. */
function curveValues(equity: ArrayLike<number>, compound: boolean): ArrayLike<number> {
  if (equity === null || typeof equity !== 'object' || typeof (equity as { length?: unknown }).length !== 'number' || equity instanceof DataView) {
    throw new SizewiseError('INVALID_TYPE', 'equity', `equity must be an array of numbers, received ${describeValue(equity)}`, equity);
  }
  if (equity.length < 2) {
    throw new SizewiseError('EMPTY_INPUT', 'equity', `equity must hold the starting value and at least one more, received ${equity.length}`, equity);
  }
  if (compound) positive(equity[0], 'equity[0]');
  else finite(equity[0], 'equity[0]');
  for (let i = 1; i < equity.length; i++) {
    const e = finite(equity[i], `equity[${i}]`);
    const prev = equity[i - 1];
    if (compound && e < 0) {
      throw new SizewiseError('OUT_OF_RANGE', `equity[${i}]`, `equity[${i}] must be ≥ 0 in a compounding curve (0 is ruin), received ${describeValue(e)}`, e);
    }
    const move = compound ? e / prev - 1 : e - prev;
    if (!(Math.abs(move) <= MAX_PERIOD_RETURN)) {
      throw new SizewiseError(
        'OUT_OF_RANGE',
        `equity[${i}]`,
        `equity[${i}] = ${describeValue(e)} moves the curve by ${move} in one period (limit ±${MAX_PERIOD_RETURN}${compound ? ' as a return' : ''})`,
        e,
      );
    }
    if (compound && e === 0) break; // ruin: the rest is not read
  }
  return equity;
}

function annualisationField(options: AnnualisationOptions): string {
  return options.years !== undefined ? 'options.years' : 'options.periodsPerYear';
}

/** Field names for the overflow errors of periodReturnStats. */
export interface StatsFields {
  /** The input series (e.g. `returns`, `equity`). */
  series: string;
  /** The option that sets the CAGR exponent. */
  years: string;
}

/**
 * The statistics of equityCurveStats from period returns or results `x` (compound: the
 * account returns, a value ≤ −1 is ruin and ends the series; additive: the period results).
 * Inputs are trusted (finite, |x| ≤ MAX_PERIOD_RETURN). The one implementation behind
 * equityCurveStats, evaluateSizing, compareSizing, sizingPerformance and backtestSizing.
 * Work is in log equity, so a long compounding series never overflows on the way; a total
 * return or CAGR beyond a double's range is OUT_OF_RANGE on `fields`. O(n), no allocation.
 */
export function periodReturnStats(x: ArrayLike<number>, compound: boolean, annualisation: Annualisation, fields: StatsFields): EquityCurveStats {
  let level = 0; // log equity (compound) or cumulative units (additive)
  let peak = 0;
  let maxDrawdown = 0;
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let periods = 0;
  let ruinedAt: number | null = null;
  for (let i = 0; i < x.length; i++) {
    periods++;
    if (compound && x[i] <= -1) {
      ruinedAt = i; // counted as −100 %; the rest is not read
      sum -= 1;
      lo = Math.min(lo, -1);
      hi = Math.max(hi, -1);
      maxDrawdown = 1;
      break;
    }
    const r = x[i];
    sum += r;
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
    level += compound ? Math.log1p(r) : r;
    peak = Math.max(peak, level);
    maxDrawdown = Math.max(maxDrawdown, compound ? -Math.expm1(level - peak) : peak - level);
  }
  const mean = sum / periods;
  let squares = 0;
  let downside = 0;
  for (let i = 0; i < periods; i++) {
    const r = i === ruinedAt ? -1 : x[i];
    squares += (r - mean) ** 2;
    if (r < 0) downside += r * r;
  }
  const scale = Math.sqrt(annualisation.periodsPerYear ?? 1);
  const sd = Math.sqrt(squares / (periods - 1));
  const downsideDeviation = Math.sqrt(downside / periods);
  const ruined = ruinedAt !== null;
  const totalReturn = compound ? (ruined ? -1 : Math.expm1(level)) : level;
  const years = annualisation.years;
  const cagr = !compound || years === null ? null : ruined ? -1 : Math.expm1(level / years);
  if (!Number.isFinite(totalReturn)) {
    throw new SizewiseError('OUT_OF_RANGE', fields.series, `the compounded total return of ${fields.series} overflows a double (log growth ${level})`, level);
  }
  if (cagr !== null && !Number.isFinite(cagr)) {
    throw new SizewiseError('OUT_OF_RANGE', fields.years, `the CAGR over ${years} years overflows a double (log growth ${level}); check ${fields.years}`, years);
  }
  return {
    periods,
    totalReturn,
    meanReturn: mean,
    cagr,
    maxDrawdown,
    sharpe: periods < 2 || lo === hi || !(sd > 0) ? null : (mean / sd) * scale,
    sortino: periods < 2 || !(downsideDeviation > 0) ? null : (mean / downsideDeviation) * scale,
    periodsPerYear: annualisation.periodsPerYear,
    years,
    ruinedAt,
  };
}

/**
 * The period returns (compound, e_t ÷ e_{t−1} − 1, up to and including the first 0) or
 * results (additive, e_t − e_{t−1}) of a trusted curve.
 */
export function curvePeriods(equity: ArrayLike<number>, compound: boolean): Float64Array {
  const out = new Float64Array(equity.length - 1);
  for (let t = 1; t < equity.length; t++) {
    out[t - 1] = compound ? equity[t] / equity[t - 1] - 1 : equity[t] - equity[t - 1];
    if (compound && equity[t] === 0) return out.subarray(0, t); // ruin ends the curve
  }
  return out;
}
