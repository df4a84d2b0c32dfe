import { Decimal } from 'decimal.js';
import { SizewiseError, describeValue } from '../errors.js';

/**
 * sizewise's own Decimal constructor: an isolated clone, so the user's global
 * Decimal settings are never read or changed (never `Decimal.set`). 40 significant
 * digits and half-even rounding for intermediate money arithmetic; quantities are
 * rounded down to the lot step explicitly where they are made. Internal: users pass
 * strings, numbers or Decimals of any clone, and receive `Decimal`s.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Money = Decimal;

/**
 * Exact arithmetic: with this precision decimal.js never rounds a sum, difference or product
 * of money amounts (an operation costs what its digits cost, not what the precision allows).
 * Never divide with it. Results that leave are re-made as Money.
 */
export const Exact = Decimal.clone({ precision: 1e9 });

/** a × b with every digit kept, as sizewise's Decimal; a plain Money product when it cannot round. */
export function exactProduct(a: Decimal, b: Decimal | number): Decimal {
  // A product has at most as many digits as its factors together: within Money's 40 it is exact.
  // decimal.js keeps ≤ 7 digits per word of `d`, and a double needs ≤ 17 digits (3 words' worth).
  if (a.constructor === Money && 7 * a.d.length + (typeof b === 'number' ? 17 : 7 * b.d.length) <= 40) return a.times(b);
  return new Money(new Exact(a).times(b));
}

/** What money may be given as: a Decimal (of any clone), a decimal string, or a finite number. */
export type MoneyInput = Decimal | string | number;

/**
 * The magnitudes money may take: those of a finite double (5e-324 … 1.8e308), whether it
 * arrives as a number, a string or a Decimal. Outside them the exact lot arithmetic would
 * need thousands of digits; inside them it stays exact and fast.
 */
export const MONEY_LIMITS = Object.freeze({ minExponent: -324, maxExponent: 308 });

const ZERO = new Money(0);

const DECIMAL_STRING = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * Reads a money amount as sizewise's Decimal. Strings are the exact way in ("1000.10");
 * numbers are read through their shortest decimal form (0.1 stays 0.1); a Decimal of
 * another clone is re-made with sizewise's settings. `field` names the input in errors
 * (default `value`). Throws SizewiseError: INVALID_TYPE (not money), NON_FINITE,
 * OUT_OF_RANGE (negative; zero unless `allowZero`; a magnitude outside MONEY_LIMITS).
 *
 * @example toMoney('412.37', 'price').toString() // '412.37'
 */
export function toMoney(value: MoneyInput, field: string = 'value', options: { allowZero?: boolean } = {}): Decimal {
  // A field that is not a name cannot name anything: report the value under 'value'.
  const name = typeof field === 'string' && field !== '' ? field : 'value';
  let d: Decimal;
  if (Decimal.isDecimal(value) && (value as Decimal).constructor === Money) {
    d = value as Decimal; // immutable, and already ours: no copy needed
  } else if (typeof value === 'string' && DECIMAL_STRING.test(value)) {
    d = new Money(value.trim());
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    d = new Money(value === 0 ? 0 : value); // -0 is 0
  } else if (Decimal.isDecimal(value)) {
    // Not `instanceof Money`: all decimal.js clones share one prototype, and arithmetic
    // follows the constructor's settings, so another clone's Decimal is re-made as Money.
    d = new Money(value as Decimal);
  } else {
    const code = typeof value === 'number' ? 'NON_FINITE' : 'INVALID_TYPE';
    throw new SizewiseError(code, name, `${name} must be a Decimal, a decimal string or a finite number, received ${describeValue(value)}`, value);
  }
  if (!d.isFinite()) {
    throw new SizewiseError('NON_FINITE', name, `${name} must be finite, received ${d.toString()}`, value);
  }
  if (d.isZero()) {
    if (options?.allowZero !== true) throw new SizewiseError('OUT_OF_RANGE', name, `${name} must be > 0, received 0`, value);
    return ZERO; // also turns -0 into 0
  }
  if (d.isNegative()) {
    throw new SizewiseError('OUT_OF_RANGE', name, `${name} must be ${options?.allowZero === true ? '≥ 0' : '> 0'}, received ${d.toString()}`, value);
  }
  if (d.e > MONEY_LIMITS.maxExponent || d.e < MONEY_LIMITS.minExponent) {
    throw new SizewiseError('OUT_OF_RANGE', name, `${name} must be between 1e${MONEY_LIMITS.minExponent} and 1e${MONEY_LIMITS.maxExponent + 1} in size, received ${d.toString()}`, value);
  }
  return d;
}

/** The float value of money already read by `toMoney` from `raw`, without printing the Decimal (for estimates only). */
export function approxNumber(raw: MoneyInput, read: Decimal): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') return Number(raw);
  return read.toNumber();
}
