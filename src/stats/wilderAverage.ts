/**
 * Wilder's smoothing (J. W. Wilder, *New Concepts in Technical Trading Systems*, 1978), the
 * running average behind ATR, ADX and RSI: from index `start`, the first value — at
 * start + period − 1 — is the simple mean of the first `period` values, then
 * Aₜ = (Aₜ₋₁·(period − 1) + xₜ) / period (an exponential average with α = 1/period). Earlier
 * entries are NaN (not warm), as they are when x has fewer than start + period values.
 * Inputs trusted: finite x, an integer period ≥ 1, an integer start ≥ 0. Causal: Aₜ reads
 * x[start…t] only. O(n).
 *
 * @example wilderAverage([1, 2, 3, 4, 5], 3) // Float64Array [NaN, NaN, 2, 2.6666666666666665, 3.4444444444444446]: (1 + 2 + 3)/3, then (2·2 + 4)/3, (2·8/3 + 5)/3
 */
export function wilderAverage(x: ArrayLike<number>, period: number, start = 0): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  const first = start + period - 1;
  if (first >= x.length) return out;
  let sum = 0;
  for (let i = start; i <= first; i++) sum += x[i];
  let value = sum / period;
  out[first] = value;
  for (let i = first + 1; i < x.length; i++) {
    value = (value * (period - 1) + x[i]) / period;
    out[i] = value;
  }
  return out;
}
