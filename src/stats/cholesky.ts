/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive definite n × n matrix, in place
 * (row-major; the lower triangle becomes L, the upper is left as it was). Returns false
 * when A is not numerically positive definite: a pivot ≤ n·ε times the largest diagonal
 * entry (a singular or indefinite matrix). O(n³/3).
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]));
  const floor = scale * n * Number.EPSILON;
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > floor)) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place (b becomes x), given the factor from `choleskyInPlace`. O(n²). */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/** A⁻¹b for a symmetric positive definite A (n × n, row-major), without touching A or b; undefined when A is not positive definite. */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, n)) return undefined;
  const x = Float64Array.from(b);
  choleskySolveInPlace(l, n, x);
  return x;
}
