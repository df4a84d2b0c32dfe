import { SizewiseError, describeValue } from '../errors.js';
import { checkOhlcv } from './checkOhlcv.js';
import type { OhlcvColumns } from './parseOhlcvCsv.js';

/**
 * checkOhlcv for whole bars, with their volume and dates: the four price columns as
 * checkOhlcv checks them (one length, finite, > 0, high ≥ low), and besides at least one
 * bar, open and close inside [low, high], every volume ≥ 0 or NaN (NaN means "no volume",
 * as in a closes-only series), and `date`, when present, an array of that length.
 * `field` is the caller's name for the bars. Returns the bars. O(n).
 */
export function checkOhlcvColumns(bars: unknown, field: string): OhlcvColumns {
  checkOhlcv(bars as Partial<OhlcvColumns>, field, ['open', 'high', 'low', 'close']);
  const { open, high, low, close, volume, date } = bars as OhlcvColumns;
  const n = close.length;
  if (n === 0) throw new SizewiseError('EMPTY_INPUT', `${field}.close`, `${field}.close must hold at least one bar`, close);
  for (let i = 0; i < n; i++) {
    for (const [name, x] of [['open', open[i]], ['close', close[i]]] as const) {
      if (x < low[i] || x > high[i]) {
        throw new SizewiseError('OUT_OF_RANGE', `${field}.${name}[${i}]`, `${field}.${name}[${i}] = ${x} must lie in the bar's range [${low[i]}, ${high[i]}]`, x);
      }
    }
  }
  const isColumn = Array.isArray(volume) || (ArrayBuffer.isView(volume) && !(volume instanceof DataView));
  if (!isColumn) throw new SizewiseError('INVALID_TYPE', `${field}.volume`, `${field}.volume must be an array of numbers (NaN for none), received ${describeValue(volume)}`, volume);
  if (volume.length !== n) throw new SizewiseError('LENGTH_MISMATCH', `${field}.volume`, `${field}.volume has ${volume.length} values, ${field}.close has ${n}`, volume.length);
  for (let i = 0; i < n; i++) {
    const v = volume[i] as unknown;
    if (typeof v !== 'number' || v < 0 || v === Infinity) {
      throw new SizewiseError(typeof v !== 'number' ? 'INVALID_TYPE' : v === Infinity ? 'NON_FINITE' : 'OUT_OF_RANGE', `${field}.volume[${i}]`, `${field}.volume[${i}] must be ≥ 0, or NaN for no volume, received ${describeValue(v)}`, v);
    }
  }
  if (date !== undefined && (!Array.isArray(date) || date.length !== n)) {
    throw new SizewiseError('LENGTH_MISMATCH', `${field}.date`, `${field}.date must be an array of ${n} dates, received ${describeValue(date)}`, date);
  }
  return bars as OhlcvColumns;
}
