import { SizewiseError, describeValue } from '../errors.js';
import { Xoshiro128 } from '../random/xoshiro128.js';
import { finite, inRange, integer, knownKeys, positive, seed as checkSeed } from '../validate.js';
import { ef3mStep } from './ef3mStep.js';
import { mixtureMoments, type Mixture } from './mixture.js';
import { refineMixture } from './refineMixture.js';

export interface MixtureFromMomentsOptions {
  /** Seed of the random starting p1 of each EF3M start (the results depend only on it). */
  seed?: number;
  /** Independent EF3M passes over the grid of starts, each with its own random stream. */
  runs?: number;
  /** Starting values of mu2 per pass, evenly spaced over (E[x], E[x] + factor·σ]. */
  gridPoints?: number;
  /** How far above the mean (in standard deviations) the grid of mu2 starts reaches. */
  factor?: number;
  /** An EF3M start stops when p1 moves by less than this. */
  epsilon?: number;
  /** EF3M steps per start at most. */
  maxIterations?: number;
  /** Polish the best EF3M fit by Levenberg–Marquardt on the five moment equations (the EF3M loop alone often stops 1e-2 short). */
  refine?: boolean;
}

/** The smallest component σ accepted, in units of the moments' standard deviation. */
const MIN_SIGMA = 1e-6;

/** EF3M steps a fit may take at most (runs × gridPoints × maxIterations): about a second. */
export const MAX_EF3M_STEPS = 10_000_000;

export const MIXTURE_FROM_MOMENTS_DEFAULTS: Readonly<Required<MixtureFromMomentsOptions>> = Object.freeze({
  seed: 1,
  runs: 10,
  gridPoints: 100,
  factor: 5,
  epsilon: 1e-5,
  maxIterations: 1000,
  refine: true,
});

/** A fitted mixture, component 1 the one with the lower mean, and how closely it matches. */
export interface FittedMixture extends Mixture {
  /** max over k of |fitted E[x^k] − target E[x^k]| ÷ max(|target E[x^k]|, E[x²]^(k/2)). */
  momentError: number;
}

/**
 * The mixture of two Gaussians whose first five raw moments are the given E[x] … E[x⁵]:
 * EF3M, the exact fit of the first three moments (López de Prado & Foreman 2014; AFML
 * §10.2), as mlfinlab runs it — from each mu2 on a grid above the mean and a random p1,
 * repeat the five-moment step until p1 settles, keep the parameters with the least squared
 * moment error — then (by default) Levenberg–Marquardt on the five moment equations from
 * the best of those, which brings moments that come from a two-Gaussian mixture to within
 * 1e-9 where the EF3M loop alone stops near 1e-2. Both run on the standardised moments
 * (mean 0, variance 1). If no EF3M start is valid, the polish starts from a few symmetric
 * guesses. Moments that no such mixture has (e.g. of a sample) get the closest fit found;
 * `momentError` says how close. Seeded: the same seed gives the same mixture.
 * O(runs × gridPoints × maxIterations) at most.
 *
 * @example mixtureFromMoments([0.7, 2.6, 0.4, 25, -59.8]) // { mu1: -2.0000, mu2: 1.0000, sigma1: 2.0000, sigma2: 1.0000, p1: 0.1000, momentError: 2.4e-16 }
 */
export function mixtureFromMoments(moments: readonly number[], options: MixtureFromMomentsOptions = {}): FittedMixture {
  const target = checkMoments(moments);
  const o = checkOptions(options);
  const mean = target[0];
  const variance = target[1] - mean * mean;
  if (!(variance > 1e-12 * Math.max(target[1], Number.MIN_VALUE))) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      'moments[1]',
      `moments[1] (E[x²] = ${describeValue(target[1])}) must exceed moments[0]² (${describeValue(mean * mean)}): a mixture needs a positive variance`,
      target[1],
    );
  }
  const sd = Math.sqrt(variance);
  const z = standardised(target, mean, sd);
  if (!z.every(Number.isFinite)) {
    throw new SizewiseError('OUT_OF_RANGE', 'moments', 'moments are too large to standardise in double precision', moments);
  }
  let best = ef3m(z, o);
  if (o.refine) {
    const starts = best === undefined ? symmetricStarts() : [best, ...symmetricStarts()];
    let bestResidual = Infinity;
    for (const start of starts) {
      const fit = refineMixture(start, z);
      if (fit.residual < bestResidual) {
        bestResidual = fit.residual;
        best = fit.mixture;
      }
      if (bestResidual < 1e-13) break;
    }
  }
  if (best === undefined) {
    throw new SizewiseError('OUT_OF_RANGE', 'moments', 'no EF3M start gave a valid mixture for these moments (try refine: true)', moments);
  }
  const fitted = ordered(unstandardised(best, mean, sd));
  return { ...fitted, momentError: momentError(fitted, target) };
}

/** The largest relative moment error of a mixture against target raw moments, as `momentError` defines it. */
export function momentError(m: Mixture, target: ArrayLike<number>): number {
  const fitted = mixtureMoments(m);
  let worst = 0;
  for (let k = 0; k < 5; k++) {
    const scale = Math.max(Math.abs(target[k]), target[1] ** ((k + 1) / 2));
    worst = Math.max(worst, Math.abs(fitted[k] - target[k]) / scale);
  }
  return worst;
}

/** mlfinlab's EF3M loop on standardised moments: the parameters with the least squared moment error. */
function ef3m(z: Float64Array, o: Required<MixtureFromMomentsOptions>): Mixture | undefined {
  let best: Mixture | undefined;
  let bestError = Infinity;
  for (let run = 0; run < o.runs; run++) {
    const rng = new Xoshiro128(o.seed, run);
    for (let i = 1; i <= o.gridPoints; i++) {
      let mu2 = (i * o.factor) / o.gridPoints; // the mean is 0 and σ is 1 here
      let p1 = rng.nextFloat();
      for (let iter = 0; iter < o.maxIterations; iter++) {
        const next = ef3mStep(mu2, p1, z);
        if (next === undefined) break;
        if (!(next.sigma1 > MIN_SIGMA && next.sigma2 > MIN_SIGMA)) break; // a point mass is no Gaussian
        const fitted = mixtureMoments(next);
        let error = 0;
        for (let k = 0; k < 5; k++) error += (fitted[k] - z[k]) ** 2;
        if (error < bestError) {
          bestError = error;
          best = next;
        }
        if (Math.abs(p1 - next.p1) < o.epsilon) break;
        mu2 = next.mu2;
        p1 = next.p1;
      }
    }
  }
  return best;
}

/** Mean-0, variance-1 mixtures with the components ±δ apart, for when EF3M finds nothing. */
function symmetricStarts(): Mixture[] {
  const out: Mixture[] = [];
  for (const p1 of [0.5, 0.2, 0.8]) {
    for (const delta of [0.5, 1.5]) {
      const sigma = Math.sqrt(Math.max(1 - delta * delta * p1 * (1 - p1), 0.05));
      out.push({ mu1: -delta * (1 - p1), mu2: delta * p1, sigma1: sigma, sigma2: sigma, p1 });
    }
  }
  return out;
}

/** Raw moments of (x − mean)/sd from raw moments of x. */
function standardised(m: Float64Array, mean: number, sd: number): Float64Array {
  const raw = [1, ...m];
  const out = new Float64Array(5);
  for (let n = 1; n <= 5; n++) {
    let central = 0;
    for (let j = 0; j <= n; j++) central += binomial(n, j) * raw[n - j] * (-mean) ** j;
    out[n - 1] = central / sd ** n;
  }
  out[0] = 0;
  out[1] = 1;
  return out;
}

function unstandardised(m: Mixture, mean: number, sd: number): Mixture {
  return { mu1: mean + sd * m.mu1, mu2: mean + sd * m.mu2, sigma1: sd * m.sigma1, sigma2: sd * m.sigma2, p1: m.p1 };
}

/** Component 1 is the one with the lower mean. */
function ordered(m: Mixture): Mixture {
  if (m.mu1 <= m.mu2) return m;
  return { mu1: m.mu2, mu2: m.mu1, sigma1: m.sigma2, sigma2: m.sigma1, p1: 1 - m.p1 };
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

function checkMoments(value: unknown): Float64Array {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new SizewiseError('INVALID_TYPE', 'moments', `moments must be an array [E[x], E[x²], E[x³], E[x⁴], E[x⁵]], received ${describeValue(value)}`, value);
  }
  const list = value as ArrayLike<unknown>;
  if (list.length !== 5) {
    throw new SizewiseError(
      list.length === 0 ? 'EMPTY_INPUT' : 'LENGTH_MISMATCH',
      'moments',
      `moments must hold the first five raw moments E[x] … E[x⁵], received ${list.length}`,
      list.length,
    );
  }
  const out = new Float64Array(5);
  for (let k = 0; k < 5; k++) out[k] = finite(list[k], `moments[${k}]`);
  if (out[1] < 0 || out[3] < 0) {
    const k = out[1] < 0 ? 1 : 3;
    throw new SizewiseError('OUT_OF_RANGE', `moments[${k}]`, `moments[${k}] is an even moment and must be ≥ 0, received ${describeValue(out[k])}`, out[k]);
  }
  return out;
}

function checkOptions(options: MixtureFromMomentsOptions): Required<MixtureFromMomentsOptions> {
  knownKeys(options, 'options', Object.keys(MIXTURE_FROM_MOMENTS_DEFAULTS));
  const d = MIXTURE_FROM_MOMENTS_DEFAULTS;
  const refine = options.refine ?? d.refine;
  if (typeof refine !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.refine', `options.refine must be true or false, received ${describeValue(refine)}`, refine);
  }
  const checked = {
    seed: checkSeed(options.seed ?? d.seed, 'options.seed'),
    runs: integer(options.runs ?? d.runs, 'options.runs', 1, MAX_EF3M_STEPS),
    gridPoints: integer(options.gridPoints ?? d.gridPoints, 'options.gridPoints', 1, MAX_EF3M_STEPS),
    factor: positive(options.factor ?? d.factor, 'options.factor'),
    epsilon: inRange(options.epsilon ?? d.epsilon, 'options.epsilon', { min: 0, max: 1, minOpen: true }),
    maxIterations: integer(options.maxIterations ?? d.maxIterations, 'options.maxIterations', 1, MAX_EF3M_STEPS),
    refine,
  };
  const steps = checked.runs * checked.gridPoints * checked.maxIterations;
  if (steps > MAX_EF3M_STEPS) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      'options.maxIterations',
      `options.runs × options.gridPoints × options.maxIterations is ${steps}, above ${MAX_EF3M_STEPS} EF3M steps (about a second)`,
      steps,
    );
  }
  return checked;
}
