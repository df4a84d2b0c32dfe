import { SizewiseError, describeValue } from './errors.js';

// Validation happens once, here in the facade; kernels trust what passes.
// Each check returns the value so calls read as assignments.

/** A finite number. */
export function finite(value: unknown, field: string): number {
  if (typeof value !== 'number') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a number, received ${describeValue(value)}`, value);
  }
  if (!Number.isFinite(value)) {
    throw new SizewiseError('NON_FINITE', field, `${field} must be a finite number, received ${describeValue(value)}`, value);
  }
  return value;
}

/**
 * The largest per-trade return sizewise accepts, as a fraction of a unit position: a gain
 * of 100,000,000 %. A larger value is a unit error, and beyond it products such as
 * exposure × return leave the range where log growth is meaningful in doubles.
 */
export const MAX_TRADE_RETURN = 1e6;

/** A probability in [0, 1]. */
export function probability(value: unknown, field: string): number {
  const x = finite(value, field);
  if (x < 0 || x > 1) {
    throw new SizewiseError('INVALID_PROBABILITY', field, `${field} must be a probability in [0, 1], received ${describeValue(x)}`, x);
  }
  return x;
}

/** A finite number inside bounds; `open` bounds exclude the endpoint. */
export function inRange(
  value: unknown,
  field: string,
  bounds: { min?: number; max?: number; minOpen?: boolean; maxOpen?: boolean },
): number {
  const x = finite(value, field);
  const { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false } = bounds;
  const below = minOpen ? x <= min : x < min;
  const above = maxOpen ? x >= max : x > max;
  if (below || above) {
    const range = `${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} must be in ${range}, received ${describeValue(x)}`, x);
  }
  return x;
}

/** A number > 0. */
export function positive(value: unknown, field: string): number {
  return inRange(value, field, { min: 0, minOpen: true });
}

/** A number ≥ 0. */
export function nonNegative(value: unknown, field: string): number {
  return inRange(value, field, { min: 0 });
}

/** An integer in [min, max]. */
export function integer(value: unknown, field: string, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  const x = inRange(value, field, { min, max });
  if (!Number.isInteger(x)) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} must be an integer, received ${describeValue(x)}`, x);
  }
  return x;
}

/** A seed: an integer in [0, 2³²). */
export function seed(value: unknown, field = 'seed'): number {
  return integer(value, field, 0, 0xffff_ffff);
}

/** A non-empty array-like of finite numbers, copied into a Float64Array. */
export function finiteArray(value: unknown, field: string): Float64Array {
  if (!isArrayLike(value)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of numbers, received ${describeValue(value)}`, value);
  }
  if (value.length === 0) {
    throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, value);
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) out[i] = finite(value[i], `${field}[${i}]`);
  return out;
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SizewiseError(
      'UNKNOWN_VALUE',
      field,
      `${field} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, received ${describeValue(value)}`,
      value,
    );
  }
  return value as T;
}

/** Rejects keys of an options object that are not in `known` (typos must not pass silently). */
export function knownKeys(value: object | undefined, field: string, known: readonly string[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an object, received ${describeValue(value)}`, value);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new SizewiseError(
        'UNKNOWN_KEY',
        `${field}.${key}`,
        `${field}.${key} is not a known option (known: ${known.join(', ')})`,
        (value as Record<string, unknown>)[key],
      );
    }
  }
}

/** A Date or a date string Date.parse reads, as milliseconds since the epoch. */
export function toTime(value: unknown, field: string): number {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a valid Date or an ISO date string, received ${describeValue(value)}`, value);
  }
  return time;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** An optional callback (a progress report): undefined, or a function; anything else is refused. */
export function optionalCallback<F extends (...args: never[]) => unknown>(value: unknown, field: string): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new SizewiseError('INVALID_TYPE', field, `${field} must be a function, received ${describeValue(value)}`, value);
  return value as F;
}
