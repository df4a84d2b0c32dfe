import { Decimal } from 'decimal.js';
import { SizewiseError, describeValue } from '../errors.js';

/**
 * sizewise's own Decimal constructor: an isolated clone, so the user's global
 * Decimal settings are never read or changed (never `Decimal.set`). 40 significant
 * digits and half-even rounding for intermediate money arithmetic; quantities are
 * rounded down to the lot step explicitly where they are made.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Money = Decimal;

/** What money may be given as: a Decimal (of any clone), a decimal string, or a finite number. */
export type MoneyInput = Decimal | string | number;

/**
 * Reads a money amount. Strings are the exact way in ("1000.10"); numbers are
 * accepted and read through their shortest decimal form (0.1 stays 0.1).
 */
export function toMoney(value: MoneyInput, field: string, options: { allowZero?: boolean } = {}): Decimal {
  let d: Decimal;
  if (Decimal.isDecimal(value) && (value as Decimal).constructor === Money) {
    d = value as Decimal; // immutable, and already ours: no copy needed
  } else if (Decimal.isDecimal(value)) {
    // Not `instanceof Money`: all decimal.js clones share one prototype, and arithmetic
    // follows the constructor's settings, so another clone's Decimal is re-made as Money.
    d = new Money(value as Decimal);
  } else if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
    d = new Money(value.trim());
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    d = new Money(String(value));
  } else {
    const code = typeof value === 'number' ? 'NON_FINITE' : 'INVALID_TYPE';
    throw new SizewiseError(code, field, `${field} must be a Decimal, a decimal string or a finite number, received ${describeValue(value)}`, value);
  }
  if (!d.isFinite()) {
    throw new SizewiseError('NON_FINITE', field, `${field} must be finite, received ${d.toString()}`, value);
  }
  if (d.isNegative() || (d.isZero() && !options.allowZero)) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} must be ${options.allowZero ? '≥ 0' : '> 0'}, received ${d.toString()}`, value);
  }
  return d;
}
