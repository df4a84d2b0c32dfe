import { SizewiseError, describeValue } from '../errors.js';
import { finite } from '../validate.js';

/**
 * A trade's price path: its entry and (initial, fixed) stop, and the bars it is held
 * through, the first being the bar the entry filled in. R = entry − stop for a long
 * trade, stop − entry for a short one, and must be > 0.
 */
export interface PricePath {
  entry: number;
  stop: number;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
}

export type TradeSide = 'long' | 'short';

/**
 * Checks a path (`field` names it): entry and stop finite with the stop on the losing side
 * (below the entry for a long, above for a short), high, low and close non-empty, of one
 * length, finite, with low ≤ close ≤ high on every bar. Returns R.
 */
export function checkPricePath(path: unknown, field: string, side: TradeSide = 'long'): number {
  if (path === null || typeof path !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a price path { entry, stop, high, low, close }, received ${describeValue(path)}`, path);
  }
  const p = path as Record<string, unknown>;
  const entry = finite(p.entry, `${field}.entry`);
  const stop = finite(p.stop, `${field}.stop`);
  const risk = side === 'long' ? entry - stop : stop - entry;
  if (!(risk > 0)) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      `${field}.stop`,
      `${field}.stop must be ${side === 'long' ? 'below' : 'above'} the entry ${entry} for a ${side} trade, received ${stop}`,
      stop,
    );
  }
  const n = length(p.close, `${field}.close`);
  if (n === 0) throw new SizewiseError('EMPTY_INPUT', `${field}.close`, `${field}.close must hold at least the entry bar`, p.close);
  for (const name of ['high', 'low'] as const) {
    const m = length(p[name], `${field}.${name}`);
    if (m !== n) throw new SizewiseError('LENGTH_MISMATCH', `${field}.${name}`, `${field}.${name} has ${m} bars, ${field}.close has ${n}`, p[name]);
  }
  const { high, low, close } = path as PricePath;
  for (let i = 0; i < n; i++) {
    const c = finite(close[i], `${field}.close[${i}]`);
    const h = finite(high[i], `${field}.high[${i}]`);
    const l = finite(low[i], `${field}.low[${i}]`);
    if (l > c || c > h) {
      throw new SizewiseError('OUT_OF_RANGE', `${field}.low[${i}]`, `${field} bar ${i} must have low ≤ close ≤ high, received low ${l}, close ${c}, high ${h}`, l);
    }
  }
  return risk;
}

/** The same path seen from the other side: a short trade is a long trade on negated prices. */
export function mirrorPath(path: PricePath): PricePath {
  const neg = (x: ArrayLike<number>) => Float64Array.from(x, (v) => -v);
  return { entry: -path.entry, stop: -path.stop, high: neg(path.low), low: neg(path.high), close: neg(path.close) };
}

function length(value: unknown, field: string): number {
  if (!(Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)))) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of numbers, received ${describeValue(value)}`, value);
  }
  return (value as ArrayLike<unknown>).length;
}
