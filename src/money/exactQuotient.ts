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
 * beyond, an exact division to as many digits as the quotient has (O(digits²)). `estimate`,
 * if given, is a float estimate of a ÷ b.
 *
 * @example floorQuotient(new Money('25000'), new Money('412.37')).toString() // '60'
 */
export function floorQuotient(a: Decimal, b: Decimal, estimate?: number): Decimal {
  if (a.isZero()) return ZERO;
  // A caller's float estimate of a ÷ b saves printing both Decimals to read them as floats; it
  // is trusted for two settling steps, then the Decimals' own floats decide (off by ≤ 1 below 2⁵⁰).
  const trusted = estimate !== undefined && estimate >= 0 && estimate < MAX_ESTIMATED;
  let k = Math.floor(trusted ? (estimate as number) : a.toNumber() / b.toNumber());
  if (!(k < MAX_ESTIMATED)) {
    // A quotient truncated (ROUND_DOWN) to more significant digits than it has integer digits
    // has the same integer part as the true one.
    const Divide = Decimal.clone({ precision: Math.max(1, a.e - b.e + 1) + 2, rounding: Decimal.ROUND_DOWN });
    return new Money(new Divide(a).div(b).toDecimalPlaces(0, Decimal.ROUND_DOWN));
  }
  k = Math.max(0, k);
  for (let steps = 0; ; steps++) {
    if (trusted && steps === 2) return floorQuotient(a, b);
    if (k > 0 && exactProduct(b, k).greaterThan(a)) k--;
    else if (exactProduct(b, k + 1).lessThanOrEqualTo(a)) k++;
    else return new Money(k);
  }
}

/**
 * a ÷ b rounded half-even (banker's rounding) to `places` decimal places (0–30), exactly,
 * for a ≥ 0 and b > 0: the whole units of 10^-places are settled exactly, then the
 * remainder decides the last one. `estimate`, if given, must be a float within 10⁻¹² (relative)
 * of a ÷ b — e.g. the same quotient computed from the amounts' normal floats; away from a
 * half unit it decides the rounding without the exact work.
 *
 * @example roundedQuotient(new Money('10'), new Money('3'), 2).toString() // '3.33'
 */
export function roundedQuotient(a: Decimal, b: Decimal, places: number, estimate?: number): Decimal {
  const unit = UNITS[places];
  if (estimate !== undefined) {
    // A float within 1e-12 of a ÷ b (relative) that is clearly not near a half unit rounds to the
    // same unit as the exact quotient: no tie can hide inside its error.
    const e = estimate * 10 ** places;
    if (e >= 0 && e < 2 ** 40 && Math.abs(e - Math.floor(e) - 0.5) > e * 1e-12 + 1e-9) return exactProduct(new Money(Math.round(e)), unit);
  }
  const step = exactProduct(b, unit); // a ÷ b in units of 10^-places is a ÷ step
  const k = floorQuotient(a, step, estimate === undefined ? undefined : estimate * 10 ** places);
  const c = new Exact(a).minus(exactProduct(step, k)).times(2).comparedTo(step);
  const up = c > 0 || (c === 0 && !new Exact(k).mod(2).isZero());
  return exactProduct(up ? new Exact(k).plus(1) : k, unit);
}

/** x rounded half-even to `places` decimal places, as Money (no work when it has no more already). */
export function roundMoney(x: Decimal, places: number): Decimal {
  const rounded = x.decimalPlaces() <= places ? x : x.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
  return rounded.constructor === Money ? rounded : new Money(rounded);
}
