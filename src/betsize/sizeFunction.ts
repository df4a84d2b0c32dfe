import { SizewiseError, describeValue } from '../errors.js';
import { finite, oneOf, positive } from '../validate.js';

/**
 * The two bet-size functions of AFML snippet 10.4 (López de Prado 2018, §10.6), of the
 * divergence x = forecast price − market price and a width w > 0:
 * - `sigmoid`: m = x / √(w + x²), in (−1, 1) for any x;
 * - `power`:   m = sign(x)·|x|^w, for |x| ≤ 1 (divergences already scaled to [−1, 1]).
 */
export type SizeFunction = 'sigmoid' | 'power';

export const SIZE_FUNCTIONS: readonly SizeFunction[] = Object.freeze(['sigmoid', 'power'] as const);

/** The function named by `value`, 'sigmoid' when it is undefined. */
export function checkSizeFunction(value: unknown, field: string): SizeFunction {
  return value === undefined ? 'sigmoid' : oneOf(value, field, SIZE_FUNCTIONS);
}

/** A width w: finite and > 0 (w = 0 would make every bet all-or-nothing, and the sigmoid 0/0 at x = 0). */
export function checkWidth(value: unknown, field: string): number {
  return positive(value, field);
}

/** A divergence x; the power function needs |x| ≤ 1. */
export function checkDivergence(func: SizeFunction, value: unknown, field: string, shown = field): number {
  const x = finite(value, field);
  if (func === 'power' && Math.abs(x) > 1) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${shown} must be in [−1, 1] for the power function, received ${describeValue(x)}`, x);
  }
  return x;
}

/** A bet size m where a function is inverted: |m| < 1 for the sigmoid (it never reaches ±1), |m| ≤ 1 for the power function. */
export function checkInvertibleSize(func: SizeFunction, value: unknown, field: string, shown = field): number {
  const m = finite(value, field);
  if (func === 'sigmoid' ? Math.abs(m) >= 1 : Math.abs(m) > 1) {
    const range = func === 'sigmoid' ? '(−1, 1) for the sigmoid, whose inverse is infinite at ±1' : '[−1, 1] for the power function';
    throw new SizewiseError('OUT_OF_RANGE', field, `${shown} must be in ${range}, received ${describeValue(m)}`, m);
  }
  return m;
}

/** m(w, x) for checked inputs. */
export function sizeOf(func: SizeFunction, w: number, x: number): number {
  // Divided through by |x| when it is large, so x² cannot overflow (1e200 gives 1, not 0).
  if (func === 'sigmoid') return Math.abs(x) >= 1 ? Math.sign(x) / Math.sqrt(1 + w / x / x) : x / Math.sqrt(w + x * x);
  return x === 0 ? 0 : Math.sign(x) * Math.abs(x) ** w;
}

/** The market price at which the function gives size m: f − m·√(w/(1 − m²)) or f − sign(m)·|m|^(1/w). */
export function inverseOf(func: SizeFunction, forecastPrice: number, w: number, m: number): number {
  if (func === 'sigmoid') return forecastPrice - m * Math.sqrt(w / (1 - m * m));
  return m === 0 ? forecastPrice : forecastPrice - Math.sign(m) * Math.abs(m) ** (1 / w);
}

/** A price computed from checked inputs, refused when it overflowed double precision. */
export function finitePrice(value: number, field: string, what: string): number {
  if (!Number.isFinite(value)) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${what} overflows double precision: ${field} is too large for these inputs`, value);
  }
  return value;
}
