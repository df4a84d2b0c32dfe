import { SizewiseError, describeValue } from '../errors.js';
import { finite, inRange, MAX_TRADE_RETURN } from '../validate.js';
import { MAX_PERIOD_RETURN, MAX_SIZE } from './limits.js';

/** Per-trade returns of a unit position: non-empty, finite, within ±MAX_TRADE_RETURN; copied. */
export function checkReturns(value: unknown, field: string): Float64Array {
  return checkColumn(value, field, -MAX_TRADE_RETURN, MAX_TRADE_RETURN);
}

/** Per-trade sizes: as many as `length`, finite, in [0, MAX_SIZE]; copied. */
export function checkSizes(value: unknown, field: string, length: number, lengthOf: string): Float64Array {
  const s = checkColumn(value, field, 0, MAX_SIZE);
  if (s.length !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} has ${s.length} entries, ${lengthOf} has ${length}`, value);
  }
  return s;
}

/**
 * Per-trade results of a rule on an account (account returns, or additive units such as
 * R-multiples): finite, within ±MAX_PERIOD_RETURN; copied. With `length`, as many as that.
 */
export function checkAccountResults(value: unknown, field: string, length?: number, lengthOf?: string): Float64Array {
  const x = checkColumn(value, field, -MAX_PERIOD_RETURN, MAX_PERIOD_RETURN);
  if (length !== undefined && x.length !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} has ${x.length} entries, ${lengthOf} has ${length}`, value);
  }
  return x;
}

/**
 * A non-empty array or typed array of numbers in [min, max], copied into a Float64Array.
 * The per-element field string is built only for the element that fails (on a 100k-trade
 * series, building it for every element cost more than the statistics).
 */
function checkColumn(value: unknown, field: string, min: number, max: number): Float64Array {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of numbers, received ${describeValue(value)}`, value);
  }
  const xs = value as ArrayLike<unknown>;
  if (xs.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, value);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x === 'number' && x >= min && x <= max) out[i] = x; // NaN fails the comparisons
    else inRange(finite(x, `${field}[${i}]`), `${field}[${i}]`, { min, max }); // throws with the field
  }
  return out;
}
