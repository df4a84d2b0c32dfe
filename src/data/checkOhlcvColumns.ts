import { SizewiseError, describeValue } from '../errors.js';
import { finite } from '../validate.js';
import type { OhlcvColumns } from './parseOhlcvCsv.js';

/**
 * Checks bars given as columns: an object with `open`, `high`, `low`, `close` and
 * `volume` arrays of one length (and `date` strings of that length when present), every
 * price finite with low ≤ open, close ≤ high and close > 0, every volume ≥ 0 or NaN (NaN
 * means "no volume", as in a closes-only series). `field` is the caller's name for the
 * bars (`bars`, `bars[2]`). Returns the bars. O(n).
 */
export function checkOhlcvColumns(bars: unknown, field: string): OhlcvColumns {
  if (bars === null || typeof bars !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be OHLCV columns (open, high, low, close, volume), received ${describeValue(bars)}`, bars);
  }
  const b = bars as Record<string, unknown>;
  const n = columnLength(b.close, `${field}.close`);
  if (n === 0) throw new SizewiseError('EMPTY_INPUT', `${field}.close`, `${field}.close must not be empty`, b.close);
  for (const name of ['open', 'high', 'low', 'volume'] as const) {
    const length = columnLength(b[name], `${field}.${name}`);
    if (length !== n) {
      throw new SizewiseError('LENGTH_MISMATCH', `${field}.${name}`, `${field}.${name} has ${length} values, ${field}.close has ${n}`, b[name]);
    }
  }
  if (b.date !== undefined) {
    const length = columnLength(b.date, `${field}.date`, true);
    if (length !== n) throw new SizewiseError('LENGTH_MISMATCH', `${field}.date`, `${field}.date has ${length} values, ${field}.close has ${n}`, b.date);
  }
  const { open, high, low, close, volume } = b as unknown as OhlcvColumns;
  for (let i = 0; i < n; i++) {
    const c = finite(close[i], `${field}.close[${i}]`);
    if (!(c > 0)) throw new SizewiseError('OUT_OF_RANGE', `${field}.close[${i}]`, `${field}.close[${i}] must be > 0, received ${describeValue(c)}`, c);
    const h = finite(high[i], `${field}.high[${i}]`);
    const l = finite(low[i], `${field}.low[${i}]`);
    const o = finite(open[i], `${field}.open[${i}]`);
    if (l > Math.min(o, c) || h < Math.max(o, c)) {
      throw new SizewiseError(
        'OUT_OF_RANGE',
        `${field}.low[${i}]`,
        `${field} bar ${i} must have low ≤ open, close ≤ high, received open ${o}, high ${h}, low ${l}, close ${c}`,
        l,
      );
    }
    const v = volume[i];
    if (typeof v !== 'number' || v === Infinity || v === -Infinity || v < 0) {
      throw new SizewiseError('OUT_OF_RANGE', `${field}.volume[${i}]`, `${field}.volume[${i}] must be ≥ 0, or NaN for no volume, received ${describeValue(v)}`, v);
    }
  }
  return bars as OhlcvColumns;
}

function columnLength(value: unknown, field: string, strings = false): number {
  const ok = strings ? Array.isArray(value) : Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!ok) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array${strings ? ' of strings' : ' of numbers'}, received ${describeValue(value)}`, value);
  }
  return (value as ArrayLike<unknown>).length;
}
