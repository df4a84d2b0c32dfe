import { SizewiseError, describeValue } from '../errors.js';
import type { ReturnFields } from './trade.js';

const UNITS = 'a fraction of the position: −0.018 = −1.8 %';
const PERCENT_HINT = 'a value below −1 looks like a percent — divide by 100';

/**
 * The return of a trade (or a trade outcome) given by a caller, checked once for every
 * input that takes one: `returnFraction`, or the deprecated `returnPct` (the same quantity
 * under its old name). Exactly one is needed; both are accepted only with the same value
 * (a sizewise output handed back in carries both). The return must be finite and at least
 * `min` (−1, a loss of the whole position, unless the caller allows more).
 *
 * @example tradeReturn({ returnFraction: -0.018 }, 'trades[0]') // -0.018
 */
export function tradeReturn(source: object, field: string, min = -1): number {
  const { returnFraction, returnPct } = source as { returnFraction?: unknown; returnPct?: unknown };
  if (returnFraction === undefined && returnPct === undefined) {
    throw new SizewiseError('INVALID_TYPE', `${field}.returnFraction`, `${field}.returnFraction is missing: every trade needs its return, ${UNITS}`);
  }
  if (returnPct === undefined) return fraction(returnFraction, `${field}.returnFraction`, min);
  const old = fraction(returnPct, `${field}.returnPct`, min);
  if (returnFraction === undefined) return old;
  const current = fraction(returnFraction, `${field}.returnFraction`, min);
  if (current !== old) {
    throw new SizewiseError(
      'CONFLICTING_INPUT',
      `${field}.returnPct`,
      `${field}.returnPct (deprecated) is ${describeValue(old)} but ${field}.returnFraction is ${describeValue(current)}: give the return once, as returnFraction (${UNITS})`,
      returnPct,
    );
  }
  return current;
}

/** The field a caller's return was given under: `returnPct` when only the deprecated name was used. */
export function tradeReturnField(source: object, field: string): string {
  const { returnFraction, returnPct } = source as { returnFraction?: unknown; returnPct?: unknown };
  return returnFraction === undefined && returnPct !== undefined ? `${field}.returnPct` : `${field}.returnFraction`;
}

/** The return fields of an output: `returnFraction` and the deprecated `returnPct`, one value so they never drift. */
export function returnFields(returnFraction: number): ReturnFields {
  return { returnFraction, returnPct: returnFraction };
}

function fraction(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a number, ${UNITS}; received ${describeValue(value)}`, value);
  }
  if (!Number.isFinite(value)) {
    throw new SizewiseError('NON_FINITE', field, `${field} must be a finite number, ${UNITS}; received ${describeValue(value)}`, value);
  }
  const x = value;
  if (x < min) {
    const hint = min === -1 ? `; ${PERCENT_HINT}` : '';
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} must be ${UNITS}, at least ${min}${hint}; received ${describeValue(x)}`, x);
  }
  return x;
}
