import { SizewiseError, describeValue } from '../errors.js';
import { finite, finiteArray, knownKeys, probability } from '../validate.js';
import type { Calibrator } from './Calibrator.js';
import { calibrationData } from './checkOutcomes.js';

/**
 * A fitted isotonic calibrator: a non-decreasing step-and-slope curve through the points
 * (x[i], y[i]), linear between them and flat (clipped) outside [x[0], x[last]].
 */
export class IsotonicCalibrator implements Calibrator {
  readonly kind = 'isotonic' as const;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;

  /** Points of the curve: x strictly increasing, y non-decreasing probabilities. */
  constructor(x: ArrayLike<number>, y: ArrayLike<number>, field = 'calibrator') {
    this.xs = finiteArray(x, `${field}.x`);
    this.ys = finiteArray(y, `${field}.y`);
    if (this.ys.length !== this.xs.length) {
      throw new SizewiseError('LENGTH_MISMATCH', `${field}.y`, `${field}.y has ${this.ys.length} values but ${field}.x has ${this.xs.length}`, this.ys.length);
    }
    for (let i = 0; i < this.ys.length; i++) {
      probability(this.ys[i], `${field}.y[${i}]`);
      if (i > 0 && !(this.xs[i] > this.xs[i - 1])) {
        throw new SizewiseError('OUT_OF_RANGE', `${field}.x[${i}]`, `${field}.x must be strictly increasing, received ${describeValue(this.xs[i])} after ${this.xs[i - 1]}`, this.xs[i]);
      }
      if (i > 0 && this.ys[i] < this.ys[i - 1]) {
        throw new SizewiseError('OUT_OF_RANGE', `${field}.y[${i}]`, `${field}.y must be non-decreasing, received ${describeValue(this.ys[i])} after ${this.ys[i - 1]}`, this.ys[i]);
      }
    }
  }

  /** The curve's points (copies). */
  get x(): Float64Array {
    return this.xs.slice();
  }

  get y(): Float64Array {
    return this.ys.slice();
  }

  predict(score: number): number {
    return this.#at(finite(score, 'score'));
  }

  predictMany(scores: ArrayLike<number>): Float64Array {
    const s = finiteArray(scores, 'scores');
    for (let i = 0; i < s.length; i++) s[i] = this.#at(s[i]);
    return s;
  }

  toJSON(): { kind: 'isotonic'; x: number[]; y: number[] } {
    return { kind: 'isotonic', x: Array.from(this.xs), y: Array.from(this.ys) };
  }

  /** Restores a calibrator from `toJSON()`. */
  static fromJSON(json: unknown): IsotonicCalibrator {
    if (json === null || typeof json !== 'object' || (json as { kind?: unknown }).kind !== 'isotonic') {
      throw new SizewiseError('INVALID_TYPE', 'json', `json must be a saved isotonic calibrator { kind: 'isotonic', x, y }, received ${describeValue(json)}`, json);
    }
    knownKeys(json, 'json', ['kind', 'x', 'y']);
    const { x, y } = json as { x: unknown; y: unknown };
    return new IsotonicCalibrator(x as ArrayLike<number>, y as ArrayLike<number>, 'json');
  }

  /** Linear interpolation between the points, clipped outside them (numpy.interp). */
  #at(s: number): number {
    const x = this.xs;
    const y = this.ys;
    const last = x.length - 1;
    if (s <= x[0]) return y[0];
    if (s >= x[last]) return y[last];
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (x[mid] <= s) lo = mid;
      else hi = mid;
    }
    const slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
    return slope * (s - x[lo]) + y[lo];
  }
}

/**
 * Isotonic calibration (Zadrozny & Elkan 2002): the non-decreasing map from score to win
 * rate that is closest to the outcomes in squared error, by pool-adjacent-violators
 * (Ayer et al. 1955; Barlow et al. 1972). As scikit-learn's
 * `IsotonicRegression(increasing=True, out_of_bounds='clip')`: outcomes at tied scores are
 * pooled first (their mean, weighted by count), the fitted values are joined by straight
 * lines, scores outside the fitted range get the end values, and the interior points of
 * flat runs are dropped (they do not change any prediction).
 *
 * It needs more data than Platt scaling (it fits a free curve) and is flat outside the
 * scores it saw. Fit it on out-of-sample scores (out-of-fold or a later period).
 * One-class outcomes cannot be fitted (ONE_CLASS). O(n log n).
 *
 * @example isotonicCalibration([0.1, 0.2, 0.2, 0.4], [0, 1, 0, 1]).predict(0.3) // 0.75
 */
export function isotonicCalibration(scores: ArrayLike<number>, outcomes: ArrayLike<number | boolean>): IsotonicCalibrator {
  const data = calibrationData(scores, outcomes, 'an isotonic calibrator');
  const n = data.scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => data.scores[i] - data.scores[j]);
  // Tied scores pooled: unique x, mean outcome, count as weight.
  const ux: number[] = [];
  const sum: number[] = [];
  const weight: number[] = [];
  for (const i of order) {
    const s = data.scores[i];
    if (ux.length > 0 && ux[ux.length - 1] === s) {
      sum[sum.length - 1] += data.outcomes[i];
      weight[weight.length - 1] += 1;
    } else {
      ux.push(s);
      sum.push(data.outcomes[i]);
      weight.push(1);
    }
  }
  const fitted = poolAdjacentViolators(sum, weight);
  // Keep the ends of each flat run only (scikit-learn's trimming of duplicate thresholds).
  const keepX: number[] = [];
  const keepY: number[] = [];
  for (let i = 0; i < ux.length; i++) {
    const interior = i > 0 && i < ux.length - 1 && fitted[i - 1] === fitted[i] && fitted[i] === fitted[i + 1];
    if (!interior) {
      keepX.push(ux[i]);
      keepY.push(fitted[i]);
    }
  }
  return new IsotonicCalibrator(keepX, keepY);
}

/** Weighted PAVA: block means, merged while a block's mean exceeds the next one's. O(n). */
function poolAdjacentViolators(sum: readonly number[], weight: readonly number[]): Float64Array {
  const blockSum: number[] = [];
  const blockWeight: number[] = [];
  const blockLength: number[] = [];
  for (let i = 0; i < sum.length; i++) {
    blockSum.push(sum[i]);
    blockWeight.push(weight[i]);
    blockLength.push(1);
    while (blockSum.length > 1) {
      const k = blockSum.length - 1;
      if (blockSum[k - 1] / blockWeight[k - 1] <= blockSum[k] / blockWeight[k]) break;
      blockSum[k - 1] += blockSum[k];
      blockWeight[k - 1] += blockWeight[k];
      blockLength[k - 1] += blockLength[k];
      blockSum.pop();
      blockWeight.pop();
      blockLength.pop();
    }
  }
  const out = new Float64Array(sum.length);
  let at = 0;
  for (let k = 0; k < blockSum.length; k++) {
    const mean = blockSum[k] / blockWeight[k];
    for (let j = 0; j < blockLength[k]; j++) out[at++] = mean;
  }
  return out;
}
