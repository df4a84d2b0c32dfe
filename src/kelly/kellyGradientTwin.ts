// The plain TypeScript twin of assembly/kellyGradient.ts: the same loop, in the same order
// (the dot product sums even and odd assets apart, as the kernel's two lanes do; the Hessian
// takes four days at a time, summed as the kernel sums them), so the gradient and Hessian are
// bit-identical and the growth differs at most in the last bits of the two runtimes' ln.
// The test oracle for the kernel and its benchmark baseline.
import type { KellyGradientInput } from './kellyGradient.js';

/**
 * Mean log growth of the sample at `weights`, −Infinity when a day has 1 + w·r_t ≤ 0;
 * with `derivatives`, the gradient into `gradient` (N) and the Hessian into `hessian` (N × N).
 */
export function kellyGradientTwin(input: KellyGradientInput, weights: Float64Array, gradient: Float64Array, hessian: Float64Array, derivatives: boolean): number {
  const { returns, days, assets: n } = input;
  const u = new Float64Array(4 * n);
  if (derivatives) {
    gradient.fill(0);
    hessian.fill(0);
  }
  let logSum = 0;
  for (let t = 0; t < days; ) {
    const block = days - t >= 4 ? 4 : 1;
    for (let d = 0; d < block; d++) {
      const row = (t + d) * n;
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
        u[d * n + a] = returns[row + a] * inv;
        gradient[a] += u[d * n + a];
      }
    }
    if (derivatives) {
      for (let a = 0; a < n; a++) {
        const h = a * n;
        if (block === 4) {
          const [a0, a1, a2, a3] = [u[a], u[n + a], u[2 * n + a], u[3 * n + a]];
          for (let b = 0; b <= a; b++) hessian[h + b] += a0 * u[b] + a1 * u[n + b] + (a2 * u[2 * n + b] + a3 * u[3 * n + b]);
        } else {
          for (let b = 0; b <= a; b++) hessian[h + b] += u[a] * u[b];
        }
      }
    }
    t += block;
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
