/**
 * True range (Wilder 1978): the bar's full range including any gap from the previous close,
 * max(high − low, |high − prevClose|, |low − prevClose|); the first bar has no previous close.
 */
export function trueRange(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const range = high[i] - low[i];
    out[i] = i === 0 ? range : Math.max(range, Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1]));
  }
  return out;
}
