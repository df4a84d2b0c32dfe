import { SizewiseError, describeValue } from '../errors.js';
import { finite } from '../validate.js';

/** Sides of bets: −1 (short), 0 (no bet) or 1 (long), `length` of them when given. */
export function checkSides(value: unknown, field: string, length?: number): Int8Array {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of sides (−1, 0, 1), received ${describeValue(value)}`, value);
  }
  const list = value as ArrayLike<unknown>;
  if (length !== undefined && list.length !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} must have ${length} entries, one per probability, received ${list.length}`, list.length);
  }
  const out = new Int8Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = checkSide(list[i], `${field}[${i}]`);
  return out;
}

/** One side: −1, 0 or 1. */
export function checkSide(value: unknown, field: string): number {
  const s = finite(value, field);
  if (s !== -1 && s !== 0 && s !== 1) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} must be −1 (short), 0 or 1 (long), received ${describeValue(s)}`, s);
  }
  return s;
}
