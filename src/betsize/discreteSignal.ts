import { finiteArray, positive } from '../validate.js';

/**
 * Bet sizes rounded to multiples of `stepSize` and clipped to [−1, 1] (AFML snippet 10.3),
 * so that small changes in the signal do not trade. Halves round to even, as the snippet's
 * pandas round() does (0.25 with step 0.1 → 0.2). O(n).
 *
 * @example discreteSignal([0.0800556, -0.3374794, 0.9610525], 0.1) // Float64Array [0.1, -0.30000000000000004, 1]
 */
export function discreteSignal(signal: ArrayLike<number>, stepSize: number): Float64Array {
  const m = finiteArray(signal, 'signal');
  const step = positive(stepSize, 'stepSize');
  return discretised(m, step);
}

/** The discretisation of checked values, in place. */
export function discretised(m: Float64Array, step: number): Float64Array {
  for (let i = 0; i < m.length; i++) {
    const q = m[i] / step;
    // A step below what m/step can hold is finer than the doubles around m: m is on the grid already.
    const v = Number.isFinite(q) ? roundHalfEven(q) * step : m[i];
    m[i] = Math.min(1, Math.max(-1, v)) + 0;
  }
  return m;
}

/** Nearest integer, halves to the even neighbour (numpy's and pandas' round). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round sends halves up; move the ones that landed on an odd integer back down.
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
