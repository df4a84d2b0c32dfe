import { SizewiseError, describeValue } from '../errors.js';
import { choleskySolve } from '../stats/cholesky.js';
import { finite, finiteArray, integer, knownKeys, nonNegative, positive } from '../validate.js';
import { checkOutcomes, requireBothClasses, sameLength } from './checkOutcomes.js';

export interface LogisticRegressionOptions {
  /**
   * L2 penalty λ on the coefficients (not the intercept): the fit minimises
   * Σ log loss + (λ/2)·‖w‖². scikit-learn's C is 1/λ; 0 is no penalty.
   */
  l2?: number;
  /** Newton iterations at most. */
  maxIterations?: number;
  /** Stop when no coefficient moves more than tolerance × (1 + its size). */
  tolerance?: number;
  /** Names of the features, in row order (for reports). */
  featureNames?: string[];
}

export const LOGISTIC_REGRESSION_DEFAULTS = Object.freeze({ l2: 0, maxIterations: 100, tolerance: 1e-10 });

/**
 * Binary logistic regression, P(win | x) = 1 / (1 + exp(−(b + w·x))), fitted by Newton's
 * method (iteratively reweighted least squares; McCullagh & Nelder 1989, §4.4) with an
 * optional L2 penalty on w, a Cholesky solve and a halving line search on the penalised
 * log-likelihood. The same fit as scikit-learn's `LogisticRegression` (intercept not
 * penalised, C = 1/λ); test/fixtures/probability/logistic.json holds its answers.
 * Unpenalised separable data has no finite fit: that is an error (set `l2`).
 * O(iterations · n · d²).
 *
 * @example LogisticRegression.fit([[0], [1], [2], [3]], [0, 1, 0, 1]).predictProba([1.5]) // 0.5
 */
export class LogisticRegression {
  private constructor(
    private readonly weights: Float64Array,
    /** The constant term b. */
    readonly intercept: number,
    /** Feature names, when given at fit time. */
    readonly featureNames: readonly string[] | undefined,
    /** Newton iterations the fit took (0 for a restored model). */
    readonly iterations: number,
  ) {}

  /** The coefficients w, one per feature (a copy). */
  get coefficients(): Float64Array {
    return this.weights.slice();
  }

  static fit(rows: readonly ArrayLike<number>[], outcomes: ArrayLike<number | boolean>, options: LogisticRegressionOptions = {}): LogisticRegression {
    knownKeys(options, 'options', ['l2', 'maxIterations', 'tolerance', 'featureNames']);
    const o = { ...LOGISTIC_REGRESSION_DEFAULTS, ...options };
    const l2 = nonNegative(o.l2, 'options.l2');
    const maxIterations = integer(o.maxIterations, 'options.maxIterations', 1, 10_000);
    const tolerance = positive(o.tolerance, 'options.tolerance');
    const x = checkRows(rows, 'rows');
    const d = x[0].length;
    const names = checkNames(options.featureNames, d);
    const y = checkOutcomes(outcomes, 'outcomes');
    sameLength(x, 'rows', y, 'outcomes');
    requireBothClasses(y, 'outcomes', 'a logistic regression');
    const { beta, iterations } = newton(x, y, l2, maxIterations, tolerance);
    return new LogisticRegression(beta.subarray(1).slice(), beta[0], names, iterations);
  }

  /** P(win) for one row of features. */
  predictProba(row: ArrayLike<number>): number {
    const r = finiteArray(row, 'row');
    if (r.length !== this.weights.length) {
      throw new SizewiseError('LENGTH_MISMATCH', 'row', `row has ${r.length} features but the model has ${this.weights.length}`, r.length);
    }
    return logistic(this.#linear(r));
  }

  /** The linear score b + w·x (the log-odds of a win): what a Platt calibrator is fitted on. */
  decisionFunction(row: ArrayLike<number>): number {
    const r = finiteArray(row, 'row');
    if (r.length !== this.weights.length) {
      throw new SizewiseError('LENGTH_MISMATCH', 'row', `row has ${r.length} features but the model has ${this.weights.length}`, r.length);
    }
    return this.#linear(r);
  }

  /** P(win) for many rows. */
  predictMany(rows: readonly ArrayLike<number>[]): Float64Array {
    const x = checkRows(rows, 'rows', this.weights.length);
    return Float64Array.from(x, (r) => logistic(this.#linear(r)));
  }

  toJSON(): { kind: 'logisticRegression'; intercept: number; coefficients: number[]; featureNames?: string[] } {
    return {
      kind: 'logisticRegression',
      intercept: this.intercept,
      coefficients: Array.from(this.weights),
      ...(this.featureNames === undefined ? {} : { featureNames: [...this.featureNames] }),
    };
  }

  static fromJSON(json: unknown): LogisticRegression {
    if (json === null || typeof json !== 'object' || (json as { kind?: unknown }).kind !== 'logisticRegression') {
      throw new SizewiseError('INVALID_TYPE', 'json', `json must be a saved LogisticRegression, received ${describeValue(json)}`, json);
    }
    knownKeys(json, 'json', ['kind', 'intercept', 'coefficients', 'featureNames']);
    const j = json as { intercept: unknown; coefficients: unknown; featureNames?: unknown };
    const w = finiteArray(j.coefficients, 'json.coefficients');
    const names = checkNames(j.featureNames as string[] | undefined, w.length, 'json.featureNames');
    return new LogisticRegression(w, finite(j.intercept, 'json.intercept'), names, 0);
  }

  #linear(r: ArrayLike<number>): number {
    let z = this.intercept;
    for (let j = 0; j < this.weights.length; j++) z += this.weights[j] * r[j];
    return z;
  }
}

function checkRows(rows: unknown, field: string, width?: number): Float64Array[] {
  if (!Array.isArray(rows)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of feature rows, received ${describeValue(rows)}`, rows);
  }
  if (rows.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`);
  const out = Array.from(rows as unknown[], (r, i) => finiteArray(r, `${field}[${i}]`)); // Array.from: holes are undefined, not skipped
  const d = width ?? out[0].length;
  out.forEach((r, i) => {
    if (r.length !== d) {
      throw new SizewiseError('LENGTH_MISMATCH', `${field}[${i}]`, `${field}[${i}] has ${r.length} features but ${width === undefined ? `${field}[0]` : 'the model'} has ${d}`, r.length);
    }
  });
  return out;
}

function checkNames(names: unknown, d: number, field = 'options.featureNames'): string[] | undefined {
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.length !== d || !names.every((n) => typeof n === 'string')) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be ${d} strings, one per feature, received ${describeValue(names)}`, names);
  }
  return [...names];
}

/** Penalised negative log-likelihood. */
function loss(x: Float64Array[], y: Uint8Array, beta: Float64Array, l2: number): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const z = linear(beta, x[i]);
    // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = ln(1 + e^z) − y·z, stably.
    sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
  }
  let norm = 0;
  for (let j = 1; j < beta.length; j++) norm += beta[j] * beta[j];
  return sum + 0.5 * l2 * norm;
}

/** |w·x + b| beyond this (P within e⁻⁴⁰ of 0 or 1) on a training row means an unpenalised fit is running off to infinity. */
const SATURATED = 40;

function newton(x: Float64Array[], y: Uint8Array, l2: number, maxIterations: number, tolerance: number): { beta: Float64Array; iterations: number } {
  const n = x.length;
  const k = x[0].length + 1; // intercept first
  const beta = new Float64Array(k);
  let value = loss(x, y, beta, l2);
  const grad = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const row = new Float64Array(k);
  row[0] = 1;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      row.set(x[i], 1);
      const p = logistic(linear(beta, x[i]));
      const r = p - y[i];
      const w = p * (1 - p);
      for (let a = 0; a < k; a++) {
        grad[a] += r * row[a];
        for (let b = 0; b <= a; b++) hess[a * k + b] += w * row[a] * row[b];
      }
    }
    for (let a = 1; a < k; a++) {
      grad[a] += l2 * beta[a];
      hess[a * k + a] += l2;
    }
    const step = choleskySolve(hess, grad, k);
    if (step === undefined) {
      throw new SizewiseError('OUT_OF_RANGE', 'options.l2', 'the features are collinear or constant (singular Hessian): drop a feature or set options.l2 > 0', l2);
    }
    let t = 1;
    let next = new Float64Array(k);
    let nextValue = Infinity;
    for (let halvings = 0; halvings < 60; halvings++) {
      for (let a = 0; a < k; a++) next[a] = beta[a] - t * step[a];
      nextValue = loss(x, y, next, l2);
      if (nextValue <= value) break;
      t /= 2;
    }
    let moved = 0;
    for (let a = 0; a < k; a++) moved = Math.max(moved, Math.abs(next[a] - beta[a]) / (1 + Math.abs(next[a])));
    if (!(nextValue <= value)) next = beta; // no descent left: at the floating-point floor
    beta.set(next);
    value = Math.min(value, nextValue);
    if (moved <= tolerance || next === beta) {
      if (l2 === 0 && x.some((r) => Math.abs(linear(beta, r)) > SATURATED)) break; // diverging, not converged
      return { beta, iterations: iteration };
    }
  }
  throw new SizewiseError(
    'OUT_OF_RANGE',
    'options.l2',
    `the fit did not converge in ${maxIterations} Newton iterations: the classes are (nearly) separable, so the unpenalised coefficients grow without bound; set options.l2 > 0`,
    l2,
  );
}

function linear(beta: Float64Array, r: ArrayLike<number>): number {
  let z = beta[0];
  for (let j = 0; j < r.length; j++) z += beta[j + 1] * r[j];
  return z;
}

function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
