import { SizewiseError, describeValue } from '../errors.js';
import { wasmCore, type WasmCore } from '../runtime/wasm.js';
import { choleskyInPlace } from '../stats/cholesky.js';
import { inRange, knownKeys, oneOf, positive } from '../validate.js';
import { createKellyGradient, type KellyGradient } from './kellyGradient.js';
import { checkReturnSeries, packReturns, type ReturnSeries } from './checkReturnSeries.js';
import { kktResidual, maximiseQuadratic, type KellyConstraints } from './kellyQuadratic.js';
import { sampleGrowth } from './portfolioGrowth.js';

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
 * // { weights: Float64Array [2, 0], growthRate: 0.0096316180559512, leverage: 2, worstDay: -0.02, … }
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
  const checked = checkReturnSeries(returns);
  const constraints: KellyConstraints = { longOnly, maxLeverage };
  if (method === 'gaussian') {
    const gaussian = moments(checked);
    const weights = scaled(withinCap(gaussianKelly(gaussian, checked.assets, constraints), maxLeverage), fraction);
    return { ...outcome(checked, weights), growthRate: gaussianGrowth(gaussian, weights) };
  }
  const weights = scaled(withinCap(exactKelly(checked, constraints), maxLeverage), fraction);
  const result = outcome(checked, weights);
  return { ...result, growthRate: result.sampleGrowthRate! }; // finite: the optimum keeps every 1 + w·r_t > 0
}

/**
 * The optimum with Σ|w| ≤ cap exactly: on the cap, the face solve and the line search leave
 * Σ|w| a rounding error above it (1.5000000000000004 for a cap of 1.5), and a size is never
 * above its cap. Shrinks the weights by cap ÷ Σ|w| (a relative change of a few ulp, which no
 * optimality condition can see) until the sum, taken as `outcome` takes it, is within.
 */
function withinCap(w: Float64Array, cap: number): Float64Array {
  for (let gross = grossLeverage(w); gross > cap; gross = grossLeverage(w)) {
    const k = Math.min(cap / gross, 1 - Number.EPSILON);
    for (let i = 0; i < w.length; i++) w[i] *= k;
  }
  return w;
}

function grossLeverage(w: Float64Array): number {
  let gross = 0;
  for (const x of w) gross += Math.abs(x);
  return gross;
}

function scaled(optimum: Float64Array, fraction: number): Float64Array {
  return optimum.map((w) => w * fraction + 0);
}

/** Everything but the method's own growth rate. */
function outcome(checked: ReturnSeries, weights: Float64Array): Omit<PortfolioKellyResult, 'growthRate'> {
  const { growth, worst } = sampleGrowth(checked, weights);
  return { weights, sampleGrowthRate: worst > -1 ? growth : undefined, worstDay: worst, leverage: grossLeverage(weights) };
}

/** The exact optimum: Newton steps (each a quadratic program over the constraints) with a backtracking line search. */
function exactKelly(checked: ReturnSeries, constraints: KellyConstraints): Float64Array {
  const n = checked.assets;
  const { meanAbsolute, largestMove } = scales(checked);
  const tolerance = 1e-11 * meanAbsolute;
  const evaluator = createKellyGradient(checked.days, n, (dest) => packReturns(checked, dest), loadedCore());
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
      if (!Number.isFinite(constraints.maxLeverage) && exposureScale(largestMove, w) > UNBOUNDED_EXPOSURE) {
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
function gaussianKelly({ mean, covariance }: GaussianMoments, assets: number, constraints: KellyConstraints): Float64Array {
  requirePositiveDefinite(covariance, assets, 'gaussian');
  const w = maximiseQuadratic(covariance, mean, constraints);
  if (w === undefined) throw singular('gaussian');
  return w;
}

function gaussianGrowth({ mean, covariance }: GaussianMoments, w: Float64Array): number {
  const n = w.length;
  let growth = 0;
  for (let i = 0; i < n; i++) {
    growth += mean[i] * w[i];
    for (let j = 0; j < n; j++) growth -= 0.5 * w[i] * covariance[i * n + j] * w[j];
  }
  return growth;
}

interface GaussianMoments {
  mean: Float64Array;
  covariance: Float64Array;
}

/** Per-asset means and the covariance with divisor T, pair by pair over the series (contiguous reads). */
function moments(checked: ReturnSeries): GaussianMoments {
  const { series, days, assets: n } = checked;
  const mean = new Float64Array(n);
  const centred = series.map((r, i) => {
    let sum = 0;
    for (let t = 0; t < days; t++) sum += r[t];
    mean[i] = sum / days;
    return Float64Array.from({ length: days }, (_, t) => r[t] - mean[i]);
  });
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const a = centred[i];
      const b = centred[j];
      let sum = 0;
      for (let t = 0; t < days; t++) sum += a[t] * b[t];
      covariance[i * n + j] = covariance[j * n + i] = sum / days;
    }
  }
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

/**
 * The scales of the sample: the largest mean |r| of an asset (the gradient's scale at w = 0,
 * for the stopping tolerance) and, per asset, max_t |r_t,i| (to tell divergence).
 */
function scales(checked: ReturnSeries): { meanAbsolute: number; largestMove: Float64Array } {
  const largestMove = new Float64Array(checked.assets);
  let meanAbsolute = 0;
  for (let i = 0; i < checked.assets; i++) {
    const r = checked.series[i];
    let sum = 0;
    let largest = 0;
    for (let t = 0; t < checked.days; t++) {
      const a = Math.abs(r[t]);
      sum += a;
      largest = Math.max(largest, a);
    }
    largestMove[i] = largest;
    meanAbsolute = Math.max(meanAbsolute, sum / checked.days);
  }
  return { meanAbsolute, largestMove };
}

/** Σ_i |w_i|·max_t |r_t,i|: how large a move the weights could take in one period. */
function exposureScale(largestMoves: Float64Array, w: Float64Array): number {
  let total = 0;
  for (let i = 0; i < w.length; i++) total += Math.abs(w[i]) * largestMoves[i];
  return total;
}

function loadedCore(): WasmCore | undefined {
  try {
    return wasmCore();
  } catch {
    return undefined; // not loaded yet: the TypeScript twin runs instead
  }
}
