import { Decimal } from 'decimal.js';
import { SIZEWISE_ERROR_CODES, SizewiseError } from '../../src/errors.js';

/**
 * What every public call promises when it fails: a SizewiseError with a known code, the
 * offending field as a non-empty string and a message. Returns a description of the
 * broken promise, or undefined.
 */
export function brokenErrorPromise(error: unknown): string | undefined {
  if (!(error instanceof SizewiseError)) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return `threw something other than a SizewiseError: ${text.slice(0, 300)}`;
  }
  if (!Object.hasOwn(SIZEWISE_ERROR_CODES, error.code)) return `SizewiseError with an unknown code ${String(error.code)}`;
  if (typeof error.field !== 'string' || error.field === '') return `SizewiseError ${error.code} without a field (${String(error.field)})`;
  if (typeof error.message !== 'string' || error.message === '') return `SizewiseError ${error.code} without a message`;
  return undefined;
}

/**
 * What every public result promises: no NaN and no ±Infinity anywhere in it (numbers,
 * typed arrays, Decimals), except at paths the entry documents. Returns the first
 * offending path, or undefined. Functions and class internals are not walked.
 */
export function nonFinitePath(value: unknown, allowed: readonly RegExp[] = [], path = 'result', seen = new Set<unknown>()): string | undefined {
  if (allowed.some((re) => re.test(path))) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (value instanceof Decimal) return value.isFinite() ? undefined : `${path} = ${value.toString()}`;
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const xs = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (typeof x === 'number' && !Number.isFinite(x) && !allowed.some((re) => re.test(`${path}[${i}]`))) return `${path}[${i}] = ${x}`;
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = nonFinitePath(value[i], allowed, `${path}[${i}]`, seen);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined; // a class instance: its own entry checks it
  for (const [key, v] of Object.entries(value)) {
    const bad = nonFinitePath(v, allowed, `${path}.${key}`, seen);
    if (bad !== undefined) return bad;
  }
  return undefined;
}
