import { Decimal } from 'decimal.js';
import { Exact, exactProduct, Money } from './Money.js';

/** Below this many units a float estimate of a quotient is off by at most one; above it, divide exactly. */
const MAX_ESTIMATED = 2 ** 50;

const ZERO = new Money(0);

/** 10^-places as Money, for the places money may be rounded to. */
const UNITS = Array.from({ length: 31 }, (_, places) => new Money(`1e-${places}`));

// Quotients of money without rounded divisions: a float estimate, settled by exact decimal
// products and comparisons (a product of two amounts is cheap and exact; a 40-digit quotient
// is neither). Every amount an order reports comes from these, so rounding down to a lot and
// rounding to the cent are exact for any amounts within MONEY_LIMITS.

/**
 * floor(a ÷ b) for a ≥ 0 and b > 0, exactly, as an integer Decimal. O(1) for up to 2⁵⁰ units;
 * beyond, an exact division to as many digits as the quotient has (O(digits²)).
 *
 * @example floorQuotient(new Money('25000'), new Money('412.37')).toString() // '60'
 */
export function floorQuotient(a: Decimal, b: Decimal): Decimal {
  if (a.isZero()) return ZERO;
  let k = Math.floor(a.toNumber() / b.toNumber());
  if (!(k < MAX_ESTIMATED)) {
    // A quotient truncated (ROUND_DOWN) to more significant digits than it has integer digits
    // has the same integer part as the true one.
    const Divide = Decimal.clone({ precision: Math.max(1, a.e - b.e + 1) + 2, rounding: Decimal.ROUND_DOWN });
    return new Money(new Divide(a).div(b).toDecimalPlaces(0, Decimal.ROUND_DOWN));
  }
  k = Math.max(0, k);
  while (k > 0 && exactProduct(b, k).greaterThan(a)) k--;
  while (exactProduct(b, k + 1).lessThanOrEqualTo(a)) k++;
  return new Money(k);
}

/**
 * a ÷ b rounded half-even (banker's rounding) to `places` decimal places (0–30), exactly,
 * for a ≥ 0 and b > 0: the whole units of 10^-places are settled exactly, then the
 * remainder decides the last one.
 *
 * @example roundedQuotient(new Money('10'), new Money('3'), 2).toString() // '3.33'
 */
export function roundedQuotient(a: Decimal, b: Decimal, places: number): Decimal {
  const unit = UNITS[places];
  const step = exactProduct(b, unit); // a ÷ b in units of 10^-places is a ÷ step
  const k = floorQuotient(a, step);
  const c = new Exact(a).minus(exactProduct(step, k)).times(2).comparedTo(step);
  const up = c > 0 || (c === 0 && !new Exact(k).mod(2).isZero());
  return exactProduct(up ? new Exact(k).plus(1) : k, unit);
}

/** x rounded half-even to `places` decimal places, as Money (no work when it has no more already). */
export function roundMoney(x: Decimal, places: number): Decimal {
  const rounded = x.decimalPlaces() <= places ? x : x.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
  return rounded.constructor === Money ? rounded : new Money(rounded);
}
