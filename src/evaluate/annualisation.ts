import { SizewiseError } from '../errors.js';
import { positive } from '../validate.js';

/** How a series is put on a yearly scale: one of the two is enough, both may be given. */
export interface AnnualisationOptions {
  /**
   * Periods (trades, days) per year: Sharpe and Sortino are multiplied by √periodsPerYear,
   * and, without `years`, the series spans periods ÷ periodsPerYear years.
   */
  periodsPerYear?: number;
  /**
   * Calendar years the series spans: the CAGR exponent, and, without `periodsPerYear`,
   * periods per year = periods ÷ years.
   */
  years?: number;
}

/** What an annualisation resolved to; null where it was not given and cannot be derived. */
export interface Annualisation {
  /** The √ factor's square used for Sharpe and Sortino; null = not annualised (per period). */
  periodsPerYear: number | null;
  /** The span used for CAGR; null = no CAGR. */
  years: number | null;
}

/**
 * Resolves `periodsPerYear` / `years` for a series of `periods` periods. Neither given:
 * per-period ratios and no CAGR. Only one given: the other follows from `periods`.
 * Checks both (> 0, finite, and the one derived from them finite and > 0), naming them
 * under `field`. `periods` must be ≥ 1.
 */
export function resolveAnnualisation(options: AnnualisationOptions, periods: number, field: string): Annualisation {
  const perYear = options.periodsPerYear === undefined ? undefined : positive(options.periodsPerYear, `${field}.periodsPerYear`);
  const years = options.years === undefined ? undefined : positive(options.years, `${field}.years`);
  return {
    periodsPerYear: perYear ?? (years === undefined ? null : derived(periods / years, `${field}.years`, years)),
    years: years ?? (perYear === undefined ? null : derived(periods / perYear, `${field}.periodsPerYear`, perYear)),
  };
}

/** A value derived from a given option: finite and > 0, or the option is out of range. */
function derived(value: number, field: string, given: number): number {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} = ${given} puts the series on a scale of ${value}: use a value in a realistic range`, given);
  }
  return value;
}
