import { SizewiseError, describeValue } from '../errors.js';
import { wasmCore, type WasmCore } from '../runtime/wasm.js';
import { choleskyInPlace } from '../stats/cholesky.js';
import { inRange, knownKeys, oneOf, positive } from '../validate.js';
import { createKellyGradient, type KellyGradient, type KellyGradientInput } from './kellyGradient.js';
import { kktResidual, maximiseQuadratic, type KellyConstraints } from './kellyQuadratic.js';

export interface PortfolioKellyOptions {
  /**
   * `exact` (default): the weights maximising the sample's mean ln(1 + w·r_t) (Thorp 2006, §7;
   * Newton steps, each a quadratic program over the constraints, with a line search that keeps
   * every 1 + w·r_t > 0, stopped when the KKT conditions hold to 1e-11 of the gradient's scale).
   * `gaussian`: Σ⁻¹μ, the maximiser of the continuous-time approximation μ·w − ½·wᵀΣw
   * (Thorp 2006, §7.2), with Σ the covariance with divisor T (as kellyFromReturns' variance).
   */
  method?: 'exact' | 'gaussian';
  /** Only weights ≥ 0 (no short positions). */
  longOnly?: boolean;
  /** Cap on gross leverage Σ|w| (> 0): the optimum under the cap, not the uncapped weights scaled down. */
  maxLeverage?: number;
  /** Multiple of the optimum to hold, in (0, 1]: fractional Kelly, applied to the weights after the cap. */
  fraction?: number;
}

export const PORTFOLIO_KELLY_DEFAULTS: Readonly<Required<Omit<PortfolioKellyOptions, 'maxLeverage'>>> = Object.freeze({
  method: 'exact',
  longOnly: false,
  fraction: 1,
});

export interface PortfolioKellyResult {
  /** One weight per asset: the fraction of equity held in it (negative = short). */
  weights: Float64Array;
  /**
   * The method's growth rate per period at the returned weights: the sample mean of
   * ln(1 + w·r_t) for `exact`, μ·w − ½·wᵀΣw for `gaussian`.
   */
  growthRate: number;
  /** The sample mean of ln(1 + w·r_t) at the returned weights; undefined when a day of the sample would have lost everything (worstDay ≤ −1). */
  sampleGrowthRate: number | undefined;
  /** The worst one-period portfolio return of the sample at these weights, min_t w·r_t. */
  worstDay: number;
  /** Gross leverage Σ|w|. */
  leverage: number;
}

const METHODS = ['exact', 'gaussian'] as const;
/** Newton steps at most; each costs one pass of the gradient/Hessian kernel over the sample. */
const MAX_NEWTON_STEPS = 200;
/** Weights this large relative to the assets' worst moves mean the growth has no maximum. */
const UNBOUNDED_EXPOSURE = 1e9;

/**
 * Kelly across several correlated assets: the weights w that maximise the expected log
 * growth of a portfolio rebalanced every period, from one aligned series of simple returns
 * per asset (0.01 = +1 %). See `PortfolioKellyOptions` for the methods and constraints.
 * With the WASM core loaded (`await ready()`), the exact method's pass over the T × N sample
 * (gradient and Hessian, O(T·N²) per Newton step) runs in the `kellyGradient` kernel; before
 * that, in its TypeScript twin, with the same results.
 *
 * A sample in which some combination of the assets never loses has no finite Kelly
 * portfolio without a cap (`NO_LOSSES`); linearly dependent returns (e.g. a duplicated asset)
 * make the optimum non-unique (`SINGULAR`). O(iterations × T·N²).
 *
 * @example portfolioKelly([[0.02, -0.01, 0.015, -0.005], [0.01, 0.005, -0.01, 0.012]], { maxLeverage: 2 })
 */
export function portfolioKelly(returns: readonly ArrayLike<number>[], options: PortfolioKellyOptions = {}): PortfolioKellyResult {
  knownKeys(options, 'options', ['method', 'longOnly', 'maxLeverage', 'fraction']);
  const method = oneOf(options.method ?? PORTFOLIO_KELLY_DEFAULTS.method, 'options.method', METHODS);
  const longOnly = options.longOnly ?? PORTFOLIO_KELLY_DEFAULTS.longOnly;
  if (typeof longOnly !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.longOnly', `options.longOnly must be true or false, received ${describeValue(longOnly)}`, longOnly);
  }
  const maxLeverage = options.maxLeverage === undefined ? Infinity : positive(options.maxLeverage, 'options.maxLeverage');
  const fraction = inRange(options.fraction ?? PORTFOLIO_KELLY_DEFAULTS.fraction, 'options.fraction', { min: 0, max: 1, minOpen: true });
  const sample = checkReturns(returns);
  const constraints: KellyConstraints = { longOnly, maxLeverage };
  const optimum = method === 'exact' ? exactKelly(sample, constraints) : gaussianKelly(sample, constraints);
  const weights = optimum.map((w) => w * fraction + 0);
  const { growth, worst } = sampleGrowth(sample, weights);
  let leverage = 0;
  for (const w of weights) leverage += Math.abs(w);
  return {
    weights,
    growthRate: method === 'exact' ? growth : gaussianGrowth(sample, weights),
    sampleGrowthRate: worst > -1 ? growth : undefined,
    worstDay: worst,
    leverage,
  };
}

/** The exact optimum: Newton steps (each a quadratic program over the constraints) with a backtracking line search. */
function exactKelly(sample: KellyGradientInput, constraints: KellyConstraints): Float64Array {
  const n = sample.assets;
  const gradientScale = meanAbsolute(sample);
  const tolerance = 1e-11 * gradientScale;
  const largestMoves = largestMove(sample);
  const evaluator = createKellyGradient(sample, loadedCore());
  try {
    let w: Float64Array = new Float64Array(n);
    for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
      const growth = evaluator.evaluate(w, true);
      const g = Float64Array.from(evaluator.gradient);
      // The quadratic model at w: maximise g·(x − w) − ½(x − w)ᵀQ(x − w), Q = −H, i.e. (g + Qw)·x − ½xᵀQx.
      const q = evaluator.hessian.map((h) => -h);
      // At w = 0, Q = E[r rᵀ]: singular exactly when the assets' returns are linearly dependent.
      if (step === 0) requirePositiveDefinite(q, n, 'exact');
      if (kktResidual(w, g, constraints).residual <= tolerance) break;
      const c = Float64Array.from(g);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i] += q[i * n + j] * w[j];
      const x = maximiseQuadratic(q, c, constraints, w);
      if (x === undefined) throw singular('exact');
      const next = lineSearch(evaluator, w, x, g, growth);
      if (next === undefined) break; // no ascent left at double precision
      w = next;
      if (!Number.isFinite(constraints.maxLeverage) && exposureScale(largestMoves, w) > UNBOUNDED_EXPOSURE) {
        throw new SizewiseError(
          'NO_LOSSES',
          'returns',
          'returns admit a combination of the assets that never loses: the growth rises without bound, so there is no Kelly portfolio; set options.maxLeverage',
        );
      }
    }
    return w;
  } finally {
    evaluator.release();
  }
}

/**
 * Backtracks from the full step w → x until the growth rises by at least 1e-4 of the slope
 * (Armijo) with every 1 + w·r_t > 0. The segment stays inside the constraints (a convex set).
 */
function lineSearch(evaluator: KellyGradient, w: Float64Array, x: Float64Array, g: Float64Array, growth: number): Float64Array | undefined {
  const n = w.length;
  let slope = 0;
  for (let i = 0; i < n; i++) slope += g[i] * (x[i] - w[i]);
  if (!(slope > 0)) return undefined;
  const trial = new Float64Array(n);
  for (let alpha = 1; alpha > 1e-12; alpha /= 2) {
    // The full step is x itself, so weights the program set to exactly 0 stay exactly 0.
    for (let i = 0; i < n; i++) trial[i] = alpha === 1 ? x[i] : w[i] + alpha * (x[i] - w[i]);
    const value = evaluator.evaluate(trial, false);
    if (value >= growth + 1e-4 * alpha * slope) return trial;
  }
  return undefined;
}

/** The Gaussian optimum: Σ⁻¹μ, or the constrained maximiser of μ·w − ½·wᵀΣw. */
function gaussianKelly(sample: KellyGradientInput, constraints: KellyConstraints): Float64Array {
  const { mean, covariance } = moments(sample);
  requirePositiveDefinite(covariance, sample.assets, 'gaussian');
  const w = maximiseQuadratic(covariance, mean, constraints);
  if (w === undefined) throw singular('gaussian');
  return w;
}

function gaussianGrowth(sample: KellyGradientInput, w: Float64Array): number {
  const { mean, covariance } = moments(sample);
  const n = sample.assets;
  let growth = 0;
  for (let i = 0; i < n; i++) {
    growth += mean[i] * w[i];
    for (let j = 0; j < n; j++) growth -= 0.5 * w[i] * covariance[i * n + j] * w[j];
  }
  return growth;
}

/** Per-asset means and the covariance with divisor T. */
function moments(sample: KellyGradientInput): { mean: Float64Array; covariance: Float64Array } {
  const { returns, days, assets: n } = sample;
  const mean = new Float64Array(n);
  for (let t = 0; t < days; t++) for (let i = 0; i < n; i++) mean[i] += returns[t * n + i] / days;
  const covariance = new Float64Array(n * n);
  for (let t = 0; t < days; t++) {
    for (let i = 0; i < n; i++) {
      const di = returns[t * n + i] - mean[i];
      for (let j = 0; j <= i; j++) covariance[i * n + j] += (di * (returns[t * n + j] - mean[j])) / days;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) covariance[j * n + i] = covariance[i * n + j];
  return { mean, covariance };
}

function requirePositiveDefinite(matrix: Float64Array, n: number, method: string): void {
  if (!choleskyInPlace(Float64Array.from(matrix), n)) throw singular(method);
}

function singular(method: string): SizewiseError {
  const what = method === 'gaussian' ? 'covariance' : 'second-moment matrix';
  return new SizewiseError(
    'SINGULAR',
    'returns',
    `the ${what} of returns cannot be inverted: some assets are linearly dependent (a duplicated or constant series, or fewer days than assets), so the ${method} Kelly weights are not unique`,
  );
}

/** The sample's mean ln(1 + w·r_t) (−Infinity if some day is ruinous) and its worst day. */
function sampleGrowth(sample: KellyGradientInput, w: Float64Array): { growth: number; worst: number } {
  const { returns, days, assets: n } = sample;
  let sum = 0;
  let worst = Infinity;
  for (let t = 0; t < days; t++) {
    let p = 0;
    for (let i = 0; i < n; i++) p += w[i] * returns[t * n + i];
    worst = Math.min(worst, p);
    sum += Math.log1p(p);
  }
  return { growth: worst > -1 ? sum / days : -Infinity, worst: worst + 0 };
}

/** Per asset, max_t |r_t,i|. */
function largestMove(sample: KellyGradientInput): Float64Array {
  const { returns, days, assets: n } = sample;
  const out = new Float64Array(n);
  for (let t = 0; t < days; t++) for (let i = 0; i < n; i++) out[i] = Math.max(out[i], Math.abs(returns[t * n + i]));
  return out;
}

/** Σ_i |w_i|·max_t |r_t,i|: how large a move the weights could take in one period. */
function exposureScale(largestMoves: Float64Array, w: Float64Array): number {
  let total = 0;
  for (let i = 0; i < w.length; i++) total += Math.abs(w[i]) * largestMoves[i];
  return total;
}

/** The largest mean |r| of an asset: the scale of the growth's gradient at w = 0. */
function meanAbsolute(sample: KellyGradientInput): number {
  const { returns, days, assets: n } = sample;
  let best = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < days; t++) s += Math.abs(returns[t * n + i]);
    best = Math.max(best, s / days);
  }
  return best;
}

function loadedCore(): WasmCore | undefined {
  try {
    return wasmCore();
  } catch {
    return undefined; // not loaded yet: the TypeScript twin runs instead
  }
}

/** One aligned series per asset → the T × N row-major sample, every value finite and > −1. */
function checkReturns(value: unknown): KellyGradientInput {
  if (!Array.isArray(value)) {
    throw new SizewiseError('INVALID_TYPE', 'returns', `returns must be an array of return series, one per asset, received ${describeValue(value)}`, value);
  }
  const n = value.length;
  if (n === 0) throw new SizewiseError('EMPTY_INPUT', 'returns', 'returns must hold at least one asset', value);
  let days = 0;
  for (let i = 0; i < n; i++) {
    const series: unknown = value[i];
    const at = `returns[${i}]`;
    const typed = ArrayBuffer.isView(series) && !(series instanceof DataView);
    if (!Array.isArray(series) && !typed) {
      throw new SizewiseError('INVALID_TYPE', at, `${at} must be an array of returns, received ${describeValue(series)}`, series);
    }
    const length = (series as ArrayLike<unknown>).length;
    if (i === 0) {
      days = length;
      if (days < 2) throw new SizewiseError('OUT_OF_RANGE', at, `${at} must hold at least two returns, received ${days}`, days);
    } else if (length !== days) {
      throw new SizewiseError('LENGTH_MISMATCH', at, `${at} must have ${days} returns like returns[0] (aligned series), received ${length}`, length);
    }
  }
  const returns = new Float64Array(days * n);
  for (let i = 0; i < n; i++) {
    const series = value[i] as ArrayLike<unknown>;
    for (let t = 0; t < days; t++) {
      const x = series[t];
      const at = `returns[${i}][${t}]`;
      if (typeof x !== 'number') throw new SizewiseError('INVALID_TYPE', at, `${at} must be a number, received ${describeValue(x)}`, x);
      if (!Number.isFinite(x)) throw new SizewiseError('NON_FINITE', at, `${at} must be a finite number, received ${describeValue(x)}`, x);
      if (x <= -1) throw new SizewiseError('OUT_OF_RANGE', at, `${at} must be a simple return above −1 (−100 %), received ${describeValue(x)}`, x);
      returns[t * n + i] = x;
    }
  }
  return { returns, days, assets: n };
}
