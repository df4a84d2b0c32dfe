import { SizewiseError, describeValue } from '../errors.js';
import type { OhlcvColumns } from './parseOhlcvCsv.js';

type PriceColumn = 'open' | 'high' | 'low' | 'close';

/**
 * Validates bars handed to an indicator or a strategy: an object whose `columns` are arrays
 * (or typed arrays) of one length, with finite prices > 0 and high ≥ low where both are read.
 * Returns the bars.
 */
export function checkOhlcv<T extends Partial<OhlcvColumns>>(bars: T, field: string, columns: readonly PriceColumn[]): T {
  if (bars === null || typeof bars !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be OHLCV columns ({ ${columns.join(', ')} } arrays), received ${describeValue(bars)}`, bars);
  }
  let n: number | undefined;
  for (const name of columns) n = checkPrices((bars as Record<string, unknown>)[name], `${field}.${name}`, n);
  if (columns.includes('high') && columns.includes('low')) checkHighLow(bars.high as ArrayLike<number>, bars.low as ArrayLike<number>, `${field}.high`, `${field}.low`);
  return bars;
}

/** One price column: array-like, `length` long when given, every value finite and > 0 (returns divide by prices). Returns its length. */
export function checkPrices(value: unknown, field: string, length: number | undefined): number {
  const arrayLike = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array));
  if (!arrayLike) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of prices, received ${describeValue(value)}`, value);
  const xs = value as ArrayLike<unknown>;
  if (length !== undefined && xs.length !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} has ${xs.length} values, the other columns ${length}`, xs.length);
  }
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !(x > 0) || x === Infinity) {
      const code = typeof x !== 'number' ? 'INVALID_TYPE' : Number.isFinite(x) ? 'OUT_OF_RANGE' : 'NON_FINITE';
      throw new SizewiseError(code, `${field}[${i}]`, `${field}[${i}] must be a finite price > 0, received ${describeValue(x)}`, x);
    }
  }
  return xs.length;
}

/** high ≥ low on every bar (a negative range is a data error, not a true range). */
export function checkHighLow(high: ArrayLike<number>, low: ArrayLike<number>, highField: string, lowField: string): void {
  for (let i = 0; i < high.length; i++) {
    if (high[i] < low[i]) {
      throw new SizewiseError('OUT_OF_RANGE', `${highField}[${i}]`, `${highField}[${i}] = ${high[i]} is below ${lowField}[${i}] = ${low[i]}`, high[i]);
    }
  }
}

/** The three price columns of an indicator over bars (`high`, `low`, `close`: positive, finite, one length, high ≥ low); returns their length. */
export function checkHighLowClose(high: unknown, low: unknown, close: unknown): number {
  const n = checkPrices(high, 'high', undefined);
  checkPrices(low, 'low', n);
  checkPrices(close, 'close', n);
  checkHighLow(high as ArrayLike<number>, low as ArrayLike<number>, 'high', 'low');
  return n;
}
