import { SizewiseError, describeValue } from '../errors.js';
import { finite, finiteArray, knownKeys } from '../validate.js';
import type { Calibrator } from './Calibrator.js';
import { calibrationData } from './checkOutcomes.js';

/** A fitted Platt calibrator: p = 1 / (1 + exp(a·score + b)). */
export class PlattCalibrator implements Calibrator {
  readonly kind = 'platt' as const;

  constructor(
    /** Slope: negative when a higher score means a likelier win. */
    readonly a: number,
    readonly b: number,
  ) {
    finite(a, 'a');
    finite(b, 'b');
  }

  predict(score: number): number {
    return sigmoid(this.a * finite(score, 'score') + this.b);
  }

  predictMany(scores: ArrayLike<number>): Float64Array {
    const s = finiteArray(scores, 'scores');
    for (let i = 0; i < s.length; i++) s[i] = sigmoid(this.a * s[i] + this.b);
    return s;
  }

  toJSON(): { kind: 'platt'; a: number; b: number } {
    return { kind: 'platt', a: this.a, b: this.b };
  }

  /** Restores a calibrator from `toJSON()`. */
  static fromJSON(json: unknown): PlattCalibrator {
    if (json === null || typeof json !== 'object' || (json as { kind?: unknown }).kind !== 'platt') {
      throw new SizewiseError('INVALID_TYPE', 'json', `json must be a saved Platt calibrator { kind: 'platt', a, b }, received ${describeValue(json)}`, json);
    }
    knownKeys(json, 'json', ['kind', 'a', 'b']);
    const { a, b } = json as { a: unknown; b: unknown };
    return new PlattCalibrator(finite(a, 'json.a'), finite(b, 'json.b'));
  }
}

export interface PlattOptions {
  /** Newton iterations at most (Lin, Lin & Weng use 100). */
  maxIterations?: number;
}

export const PLATT_DEFAULTS: Readonly<Required<PlattOptions>> = Object.freeze({ maxIterations: 100 });

/**
 * Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines"): fits
 * p = 1 / (1 + exp(a·score + b)) by maximum likelihood against Platt's smoothed targets
 * (N₊ + 1)/(N₊ + 2) for wins and 1/(N₋ + 2) for losses, which keep a and b finite even on
 * separable data. Solved by the robust Newton method of Lin, Lin & Weng (2007, "A note on
 * Platt's probabilistic outputs for support vector machines", Algorithm 1): an overflow-free
 * objective, a tiny ridge on the Hessian and a backtracking line search. The same fit as
 * scikit-learn's sigmoid calibration (which stops its BFGS at about 1e-4), to machine
 * precision here.
 *
 * Fit it on scores the model did not train on (out-of-fold or a later period): in-sample
 * scores are over-confident and so is a calibrator fitted to them.
 * One-class outcomes cannot be fitted (ONE_CLASS). O(n) per iteration.
 *
 * @example plattCalibration([-2, -1, 0.5, 1, 2], [0, 0, 1, 0, 1]).predict(1.5) // 0.5999
 */
export function plattCalibration(scores: ArrayLike<number>, outcomes: ArrayLike<number | boolean>, options: PlattOptions = {}): PlattCalibrator {
  knownKeys(options, 'options', ['maxIterations']);
  const { maxIterations } = { ...PLATT_DEFAULTS, ...options };
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new SizewiseError('OUT_OF_RANGE', 'options.maxIterations', `options.maxIterations must be an integer ≥ 1, received ${describeValue(maxIterations)}`, maxIterations);
  }
  const data = calibrationData(scores, outcomes, 'a Platt calibrator');
  const [a, b] = fitPlatt(data.scores, data.outcomes, data.wins, data.losses, maxIterations);
  return new PlattCalibrator(a, b);
}

/** Lin, Lin & Weng (2007), Algorithm 1, with a scale-aware stopping rule. */
function fitPlatt(f: Float64Array, y: Uint8Array, wins: number, losses: number, maxIterations: number): [number, number] {
  const n = f.length;
  const hi = (wins + 1) / (wins + 2);
  const lo = 1 / (losses + 2);
  const t = Float64Array.from(y, (v) => (v === 1 ? hi : lo));
  let scale = 0;
  for (const v of f) scale += Math.abs(v);
  const minStep = 1e-10;
  const ridge = 1e-12;
  let a = 0;
  let b = Math.log((losses + 1) / (wins + 1));
  let value = objective(f, t, a, b);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let h11 = ridge;
    let h22 = ridge;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const z = f[i] * a + b;
      // p = P(win) = 1 / (1 + e^z), q = 1 − p, computed without overflow.
      let p: number;
      let q: number;
      if (z >= 0) {
        const e = Math.exp(-z);
        p = e / (1 + e);
        q = 1 / (1 + e);
      } else {
        const e = Math.exp(z);
        p = 1 / (1 + e);
        q = e / (1 + e);
      }
      const d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) <= 1e-13 * (1 + scale) && Math.abs(g2) <= 1e-13 * (1 + n)) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    // A Newton step this small leaves an error of its square (quadratic convergence): take it
    // and stop, before rounding in the gradient sums (which grows with n) makes steps wander.
    if (Math.abs(dA) <= 1e-10 * (1 + Math.abs(a)) && Math.abs(dB) <= 1e-10 * (1 + Math.abs(b))) {
      a += dA;
      b += dB;
      break;
    }
    let step = 1;
    let accepted = false;
    while (step >= minStep) {
      const na = a + step * dA;
      const nb = b + step * dB;
      const next = objective(f, t, na, nb);
      if (next < value + 1e-4 * step * gd) {
        a = na;
        b = nb;
        value = next;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) {
      // Near the optimum the decrease a Newton step brings (≈ gd/2) is below the rounding of
      // the objective, so the sufficient-decrease test cannot pass: take the full step there
      // (quadratic convergence); elsewhere stop, as Lin, Lin & Weng do.
      if (Math.abs(gd) > 1e-9 * (1 + Math.abs(value))) break;
      a += dA;
      b += dB;
      value = objective(f, t, a, b);
    }
  }
  return [a, b];
}

/** Negative log-likelihood of the smoothed targets, overflow-free (Lin, Lin & Weng 2007, eq. 9). */
function objective(f: Float64Array, t: Float64Array, a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < f.length; i++) {
    const z = f[i] * a + b;
    sum += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
  }
  return sum;
}

/** 1 / (1 + e^z) without overflow. */
function sigmoid(z: number): number {
  if (z >= 0) {
    const e = Math.exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(z));
}
