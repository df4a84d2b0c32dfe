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
    const raw: unknown = equity[i];
    const e = typeof raw === 'number' && Number.isFinite(raw) ? raw : finite(raw, `equity[${i}]`); // the field string only on failure
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

/** The moment statistics of a series of period returns (or results). */
export interface PeriodMoments {
  /** Periods counted: all, or up to and including the ruinous one. */
  periods: number;
  /** Compound: index of the first period return ≤ −1, where the series ends; else null. */
  ruinedAt: number | null;
  mean: number;
  sharpe: number | null;
  sortino: number | null;
}

/**
 * Mean, Sharpe and Sortino of period returns `x` (compound: the first value ≤ −1 is ruin,
 * counted as −1, and ends the series; additive: every value counts), as equityCurveStats
 * defines them. Inputs trusted (finite, |x| ≤ MAX_PERIOD_RETURN, at least one). One pass, no
 * transcendental function per element, no allocation: this is what a bootstrap of a ratio
 * runs per resample.
 */
export function periodMoments(x: ArrayLike<number>, compound: boolean, periodsPerYear: number | null): PeriodMoments {
  // One pass on data shifted by the first value (Chan, Golub & LeVeque 1983): Σd and Σd²
  // with d = x − x₀ keep the variance accurate when the spread is small next to the level,
  // and a constant series gives exactly 0.
  const shift = compound && x[0] <= -1 ? -1 : x[0];
  let periods = x.length;
  let ruinedAt: number | null = null;
  let sum = 0;
  let squares = 0;
  let downside = 0;
  for (let i = 0; i < x.length; i++) {
    let r = x[i];
    if (compound && r <= -1) {
      r = -1; // ruin: counted as −100 %, the rest is not read
      ruinedAt = i;
      periods = i + 1;
    }
    const d = r - shift;
    sum += d;
    squares += d * d;
    if (r < 0) downside += r * r;
    if (ruinedAt !== null) break;
  }
  const mean = shift + sum / periods;
  const scale = Math.sqrt(periodsPerYear ?? 1);
  const sd = Math.sqrt(Math.max(0, squares - (sum * sum) / periods) / (periods - 1));
  const downsideDeviation = Math.sqrt(downside / periods);
  return {
    periods,
    ruinedAt,
    mean,
    sharpe: periods < 2 || !(sd > 0) ? null : (mean / sd) * scale,
    sortino: periods < 2 || !(downsideDeviation > 0) ? null : (mean / downsideDeviation) * scale,
  };
}

/**
 * The statistics of equityCurveStats from period returns or results `x` (compound: the
 * account returns, a value ≤ −1 is ruin and ends the series; additive: the period results).
 * Inputs are trusted (finite, |x| ≤ MAX_PERIOD_RETURN, at least one). The one implementation
 * behind equityCurveStats, evaluateSizing, compareSizing, sizingPerformance and
 * backtestSizing. Compound work is in log equity, so a long series never overflows on the
 * way; drawdown is kept as the largest fall in log equity d and reported as 1 − e^(−d). A
 * total return or CAGR beyond a double's range is OUT_OF_RANGE on `fields`. O(n), no allocation.
 */
export function periodReturnStats(x: ArrayLike<number>, compound: boolean, annualisation: Annualisation, fields: StatsFields): EquityCurveStats {
  const moments = periodMoments(x, compound, annualisation.periodsPerYear);
  const ruined = moments.ruinedAt !== null;
  let level = 0; // log equity (compound) or cumulative units (additive)
  let peak = 0;
  let fall = 0; // largest peak − level
  const alive = ruined ? moments.periods - 1 : moments.periods;
  for (let i = 0; i < alive; i++) {
    level += compound ? Math.log1p(x[i]) : x[i];
    if (level > peak) peak = level;
    else if (peak - level > fall) fall = peak - level;
  }
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
    periods: moments.periods,
    totalReturn,
    meanReturn: moments.mean,
    cagr,
    maxDrawdown: !compound ? fall : ruined ? 1 : -Math.expm1(-fall),
    sharpe: moments.sharpe,
    sortino: moments.sortino,
    periodsPerYear: annualisation.periodsPerYear,
    years,
    ruinedAt: moments.ruinedAt,
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
