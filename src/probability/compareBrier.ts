import { SizewiseError } from '../errors.js';
import { checkOutcomes, checkProbabilities, sameLength } from './checkOutcomes.js';

/** Whether forecast A's Brier score is lower than B's by more than noise. */
export interface BrierComparison {
  /** Brier(A) − Brier(B): negative when A is better. */
  difference: number;
  /** Standard error of that difference: sd of the per-trade differences dᵢ = (aᵢ − yᵢ)² − (bᵢ − yᵢ)² over √n. */
  standardError: number;
  /** difference ÷ standardError (0 when both forecasts are identical). */
  z: number;
  count: number;
}

/**
 * Compares two sets of probabilities for the same outcomes by their Brier scores, paired
 * trade by trade: the mean of dᵢ = (aᵢ − yᵢ)² − (bᵢ − yᵢ)² and its standard error, the
 * Diebold–Mariano (1995) statistic for independent forecast errors. |z| < 2 means the
 * forecasts cannot be told apart on this sample. Needs at least 2 outcomes. O(n).
 *
 * @example compareBrier([0.9, 0.2, 0.7], [0.5, 0.5, 0.5], [1, 0, 1]).difference // -0.2033
 */
export function compareBrier(a: ArrayLike<number>, b: ArrayLike<number>, outcomes: ArrayLike<number | boolean>): BrierComparison {
  const pa = checkProbabilities(a, 'a');
  const pb = checkProbabilities(b, 'b');
  sameLength(pa, 'a', pb, 'b');
  const y = checkOutcomes(outcomes, 'outcomes');
  sameLength(pa, 'a', y, 'outcomes');
  const n = pa.length;
  if (n < 2) throw new SizewiseError('EMPTY_INPUT', 'outcomes', 'compareBrier needs at least 2 outcomes for a standard error', n);
  const d = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    d[i] = (pa[i] - y[i]) ** 2 - (pb[i] - y[i]) ** 2;
    mean += d[i] / n;
  }
  let ss = 0;
  for (const x of d) ss += (x - mean) ** 2;
  const standardError = Math.sqrt(ss / (n - 1) / n);
  return { difference: mean, standardError, z: standardError === 0 ? 0 : mean / standardError, count: n };
}
