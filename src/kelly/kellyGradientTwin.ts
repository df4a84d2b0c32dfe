// The plain TypeScript twin of assembly/kellyGradient.ts: the same loop, in the same order
// (the dot product sums even and odd assets apart, as the kernel's two lanes do), so the
// gradient and Hessian are bit-identical and the growth differs at most in the last bits of
// the two runtimes' ln. The test oracle for the kernel and its benchmark baseline.
import type { KellyGradientInput } from './kellyGradient.js';

/**
 * Mean log growth of the sample at `weights`, −Infinity when a day has 1 + w·r_t ≤ 0;
 * with `derivatives`, the gradient into `gradient` (N) and the Hessian into `hessian` (N × N).
 */
export function kellyGradientTwin(input: KellyGradientInput, weights: Float64Array, gradient: Float64Array, hessian: Float64Array, derivatives: boolean): number {
  const { returns, days, assets: n } = input;
  const u = new Float64Array(n);
  if (derivatives) {
    gradient.fill(0);
    hessian.fill(0);
  }
  let logSum = 0;
  for (let t = 0; t < days; t++) {
    const row = t * n;
    let even = 0;
    let odd = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      even += weights[i] * returns[row + i];
      odd += weights[i + 1] * returns[row + i + 1];
    }
    let dot = even + odd;
    if (i < n) dot += weights[i] * returns[row + i];
    const s = 1 + dot;
    if (!(s > 0)) return -Infinity;
    logSum += Math.log(s);
    if (!derivatives) continue;
    const inv = 1 / s;
    for (let a = 0; a < n; a++) {
      u[a] = returns[row + a] * inv;
      gradient[a] += u[a];
    }
    for (let a = 0; a < n; a++) {
      const ua = u[a];
      const h = a * n;
      for (let b = 0; b <= a; b++) hessian[h + b] += ua * u[b];
    }
  }
  if (derivatives) {
    const scale = 1 / days;
    for (let a = 0; a < n; a++) {
      gradient[a] *= scale;
      for (let b = 0; b <= a; b++) {
        const v = -hessian[a * n + b] * scale;
        hessian[a * n + b] = v;
        hessian[b * n + a] = v;
      }
    }
  }
  return logSum / days;
}
