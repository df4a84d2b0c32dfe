import { SizewiseError } from '../errors.js';
import { finiteArray, inRange, MAX_TRADE_RETURN } from '../validate.js';
import { MAX_SIZE } from './limits.js';

/** Per-trade returns of a unit position: non-empty, finite, within ±MAX_TRADE_RETURN; copied. */
export function checkReturns(value: unknown, field: string): Float64Array {
  const r = finiteArray(value, field);
  for (let i = 0; i < r.length; i++) inRange(r[i], `${field}[${i}]`, { min: -MAX_TRADE_RETURN, max: MAX_TRADE_RETURN });
  return r;
}

/** Per-trade sizes: as many as `length`, finite, in [0, MAX_SIZE]; copied. */
export function checkSizes(value: unknown, field: string, length: number, lengthOf: string): Float64Array {
  const s = finiteArray(value, field);
  if (s.length !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} has ${s.length} entries, ${lengthOf} has ${length}`, value);
  }
  for (let i = 0; i < s.length; i++) inRange(s[i], `${field}[${i}]`, { min: 0, max: MAX_SIZE });
  return s;
}
