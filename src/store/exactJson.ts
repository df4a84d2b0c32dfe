import { Decimal } from 'decimal.js';
import { SizewiseError, describeValue } from '../errors.js';
import { Money } from '../money/Money.js';

/** How a Decimal is written inside stored JSON: its exact decimal string under this key. */
const DECIMAL_TAG = '$decimal';

/**
 * Checks that `value` survives a trip through JSON unchanged (finite numbers, strings,
 * booleans, null, arrays and plain objects) and returns its JSON text, with every Decimal
 * written as its exact decimal string (`{"$decimal": "1234.50"}`, no exponent, no rounding).
 * Anything else (NaN, ±Infinity, undefined in an array, a function, a Date, a typed array)
 * throws a SizewiseError naming its path, before anything is stored.
 */
export function encodeExact(value: unknown, field: string): string {
  return JSON.stringify(toExact(value, field));
}

/** The inverse of encodeExact: tagged decimal strings come back as sizewise Money (Decimal). */
export function decodeExact<T>(text: string): T {
  if (!text.includes(`"${DECIMAL_TAG}"`)) return JSON.parse(text) as T; // no Decimal inside: the fast path
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DECIMAL_TAG) return new Money((value as Record<string, string>)[DECIMAL_TAG]);
    }
    return value;
  }) as T;
}

function toExact(value: unknown, field: string): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new SizewiseError('NON_FINITE', field, `${field} must be a finite number, received ${describeValue(value)}`, value);
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (Decimal.isDecimal(value)) {
        const d = value as Decimal;
        if (!d.isFinite()) throw new SizewiseError('NON_FINITE', field, `${field} must be a finite Decimal, received ${d.toString()}`, value);
        return { [DECIMAL_TAG]: d.toFixed() };
      }
      if (Array.isArray(value)) return value.map((item, i) => toExact(item, `${field}[${i}]`));
      if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
          if (item === undefined) continue; // an absent optional field, as JSON has it
          if (key === DECIMAL_TAG) throw new SizewiseError('UNKNOWN_KEY', `${field}.${key}`, `${field}.${key} is reserved by the store`, item);
          out[key] = toExact(item, `${field}.${key}`);
        }
        return out;
      }
      break;
    default:
      break;
  }
  throw new SizewiseError('INVALID_TYPE', field, `${field} must be a number, string, boolean, null, array, plain object or Decimal to be stored, received ${describeValue(value)}`, value);
}
