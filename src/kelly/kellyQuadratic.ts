import { choleskyInPlace, choleskySolve, choleskySolveInPlace } from '../stats/cholesky.js';

/** The feasible set of portfolio Kelly: w ≥ 0 when long-only, Σ|w| ≤ maxLeverage (Infinity: no cap). */
export interface KellyConstraints {
  longOnly: boolean;
  maxLeverage: number;
}

/**
 * First-order optimality of x for maximising an objective with gradient `grad` over the
 * constraints (the KKT conditions of a concave problem): with ν ≥ 0 the leverage cap's
 * multiplier (0 unless Σ|x| is at the cap), grad_i = ν·sign(x_i) where x_i ≠ 0, and where
 * x_i = 0, grad_i ≤ ν (long-only) or |grad_i| ≤ ν. Returns the largest violation and ν
 * (estimated by least squares over the non-zero weights).
 */
export function kktResidual(x: Float64Array, grad: Float64Array, c: KellyConstraints): { residual: number; multiplier: number } {
  const n = x.length;
  let gross = 0;
  for (let i = 0; i < n; i++) gross += Math.abs(x[i]);
  let nu = 0;
  if (Number.isFinite(c.maxLeverage) && gross >= c.maxLeverage * (1 - 1e-12)) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (x[i] !== 0) {
        sum += Math.sign(x[i]) * grad[i];
        count++;
      }
    }
    nu = Math.max(0, count > 0 ? sum / count : 0);
  }
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const violation =
      x[i] !== 0 ? Math.abs(grad[i] - nu * Math.sign(x[i])) : c.longOnly ? Math.max(0, grad[i] - nu) : Math.max(0, Math.abs(grad[i]) - nu);
    residual = Math.max(residual, violation);
  }
  return { residual, multiplier: nu };
}

/**
 * Maximises q(x) = cᵀx − ½·xᵀQx (Q symmetric positive definite, n × n row-major) over the
 * Kelly constraints, exactly, by a primal active-set method (Nocedal & Wright 2006, §16.5)
 * on the sign-fixed pieces of the L1 ball: the working set holds the weights fixed at 0 and,
 * when binding, the cap Σ s_i·x_i = L with s_i the sign of x_i. Each step solves the
 * equality-constrained problem on the free weights (a Cholesky solve), moves toward it until
 * a weight reaches 0 or the cap binds, and frees the weight whose multiplier is most
 * violated when none blocks. Starts from a feasible `start` (0 if absent). Returns
 * undefined when Q is not positive definite on the free weights. O(n³) per step.
 */
export function maximiseQuadratic(q: Float64Array, c: Float64Array, constraints: KellyConstraints, start?: Float64Array): Float64Array | undefined {
  const n = c.length;
  const capped = Number.isFinite(constraints.maxLeverage);
  const cap = constraints.maxLeverage;
  if (!capped && !constraints.longOnly) return choleskySolve(q, c, n); // Q⁻¹c, or undefined when Q is not positive definite
  const x = start === undefined ? new Float64Array(n) : Float64Array.from(start);
  const fixed = new Uint8Array(n);
  const sign = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    fixed[i] = x[i] === 0 ? 1 : 0;
    sign[i] = Math.sign(x[i]);
  }
  let capActive = capped && gross(x) >= cap * (1 - 1e-12);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(c[i]), Math.abs(q[i * n + i]));
  const tol = 1e-13 * Math.max(scale, Number.MIN_VALUE);
  const maxSteps = 20 * n + 100;
  for (let step = 0; step < maxSteps; step++) {
    const free: number[] = [];
    for (let i = 0; i < n; i++) if (!fixed[i]) free.push(i);
    if (free.length === 0) capActive = false;
    const solved = solveOnFace(q, c, n, free, capActive ? sign : undefined, cap);
    if (solved === undefined) return undefined;
    const { target, multiplier } = solved;
    // Toward the face's optimum until a weight reaches 0 or the cap binds.
    let alpha = 1;
    let blocker = -1; // a weight index, or n for the cap
    let moved = false;
    for (const i of free) {
      const p = target[i] - x[i];
      if (p !== 0) moved = true;
      // The weight may not cross zero within a step: x ≥ 0 when long-only; otherwise the cap is
      // linear (Σ s_i·x_i) only while every sign s_i stays fixed.
      const s = constraints.longOnly ? 1 : x[i] !== 0 ? Math.sign(x[i]) : capActive ? sign[i] : Math.sign(p);
      sign[i] = s;
      if (s * p < 0) {
        const limit = Math.abs(x[i]) / Math.abs(p);
        if (limit < alpha) {
          alpha = limit;
          blocker = i;
        }
      }
    }
    if (capped && !capActive) {
      let at = 0;
      let rate = 0;
      for (const i of free) {
        at += sign[i] * x[i];
        rate += sign[i] * (target[i] - x[i]);
      }
      if (rate > 0) {
        const limit = (cap - at) / rate;
        if (limit < alpha) {
          alpha = Math.max(0, limit);
          blocker = n;
        }
      }
    }
    if (moved && alpha > 0) {
      if (blocker < 0) for (const i of free) x[i] = target[i];
      else for (const i of free) x[i] += alpha * (target[i] - x[i]);
    }
    if (blocker >= 0 && blocker < n) {
      x[blocker] = 0;
      fixed[blocker] = 1;
      continue;
    }
    if (blocker === n) {
      capActive = true;
      continue;
    }
    // At the face's optimum: drop the cap if its multiplier is negative, else free the most violated weight.
    if (capActive && multiplier < -tol) {
      capActive = false;
      continue;
    }
    const nu = capActive ? multiplier : 0;
    let worst = tol;
    let release = -1;
    for (let i = 0; i < n; i++) {
      if (!fixed[i]) continue;
      let g = c[i];
      for (let j = 0; j < n; j++) g -= q[i * n + j] * x[j];
      const violation = constraints.longOnly ? g - nu : Math.abs(g) - nu;
      if (violation > worst) {
        worst = violation;
        release = i;
        sign[i] = constraints.longOnly ? 1 : Math.sign(g);
      }
    }
    if (release < 0) return x;
    fixed[release] = 0;
  }
  return x;
}

/**
 * The maximiser of q on the face: x_i = 0 off `free`, and Σ s_i·x_i = cap when `sign` is
 * given. On the free weights x = Q⁻¹(c − ν·s) with ν = (s·Q⁻¹c − cap)/(s·Q⁻¹s).
 */
function solveOnFace(
  q: Float64Array,
  c: Float64Array,
  n: number,
  free: readonly number[],
  sign: Float64Array | undefined,
  cap: number,
): { target: Float64Array; multiplier: number } | undefined {
  const m = free.length;
  const target = new Float64Array(n);
  if (m === 0) return { target, multiplier: 0 };
  const l = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) l[a * m + b] = q[free[a] * n + free[b]];
  if (!choleskyInPlace(l, m)) return undefined;
  const a = Float64Array.from(free, (i) => c[i]);
  choleskySolveInPlace(l, m, a);
  let multiplier = 0;
  if (sign !== undefined) {
    const b = Float64Array.from(free, (i) => sign[i]);
    choleskySolveInPlace(l, m, b);
    let sa = 0;
    let sb = 0;
    for (let k = 0; k < m; k++) {
      sa += sign[free[k]] * a[k];
      sb += sign[free[k]] * b[k];
    }
    multiplier = (sa - cap) / sb;
    for (let k = 0; k < m; k++) a[k] -= multiplier * b[k];
  }
  for (let k = 0; k < m; k++) target[free[k]] = a[k];
  return { target, multiplier };
}

function gross(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s;
}
