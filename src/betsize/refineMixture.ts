import { choleskyInPlace, choleskySolveInPlace } from '../stats/cholesky.js';
import { componentMoments, type Mixture } from './mixture.js';

/** LM steps at most; each is a 5 × 5 solve, and convergence from a near start takes a few dozen. */
const MAX_STEPS = 500;

/**
 * Levenberg–Marquardt (Marquardt 1963) on the five moment equations M_k(θ) = target_k,
 * k = 1…5, from a starting mixture. EF3M's fixed-point iteration stops when p1 stops moving,
 * often with moments still off by 1e-2 relative; these Newton-like steps take such a start to
 * the exact solution (quadratically once near). θ = (mu1, mu2, ln σ1, ln σ2, logit p1) keeps
 * the sigmas positive and p1 inside (0, 1). The target should be standardised (mean 0,
 * variance 1) so the five residuals share a scale. Returns the best mixture found and its
 * largest absolute residual.
 */
export function refineMixture(start: Mixture, target: ArrayLike<number>): { mixture: Mixture; residual: number } {
  let theta = toTheta(start);
  let r = residuals(theta, target);
  let cost = sumSquares(r);
  let lambda = 1e-3;
  const jtj = new Float64Array(25);
  const step = new Float64Array(5);
  const trial = new Float64Array(5);
  for (let iter = 0; iter < MAX_STEPS && cost > 1e-30; iter++) {
    const j = jacobian(theta);
    const grad = new Float64Array(5);
    const normal = new Float64Array(25);
    for (let a = 0; a < 5; a++) {
      for (let k = 0; k < 5; k++) grad[a] += j[k * 5 + a] * r[k];
      for (let b = 0; b < 5; b++) {
        let s = 0;
        for (let k = 0; k < 5; k++) s += j[k * 5 + a] * j[k * 5 + b];
        normal[a * 5 + b] = s;
      }
    }
    let improved = false;
    while (lambda < 1e16) {
      jtj.set(normal);
      for (let a = 0; a < 5; a++) jtj[a * 5 + a] += lambda * Math.max(normal[a * 5 + a], 1e-12);
      for (let a = 0; a < 5; a++) step[a] = -grad[a];
      if (choleskyInPlace(jtj, 5)) {
        choleskySolveInPlace(jtj, 5, step);
        for (let a = 0; a < 5; a++) trial[a] = theta[a] + step[a];
        const rt = residuals(trial, target);
        const ct = sumSquares(rt);
        if (ct < cost) {
          theta = Float64Array.from(trial);
          r = rt;
          cost = ct;
          lambda = Math.max(lambda / 3, 1e-12);
          improved = true;
          break;
        }
      }
      lambda *= 4;
    }
    if (!improved) break;
  }
  let residual = 0;
  for (const x of r) residual = Math.max(residual, Math.abs(x));
  return { mixture: fromTheta(theta), residual };
}

function toTheta(m: Mixture): Float64Array {
  const p = Math.min(Math.max(m.p1, 1e-9), 1 - 1e-9);
  return Float64Array.of(m.mu1, m.mu2, Math.log(m.sigma1), Math.log(m.sigma2), Math.log(p / (1 - p)));
}

/** Sigmas stay within e^±14 of the standardised scale, so a fit cannot collapse to a point mass (σ = 0). */
const LOG_SIGMA_LIMIT = 14;

function fromTheta(t: ArrayLike<number>): Mixture {
  const sigma = (a: number) => Math.exp(Math.min(Math.max(a, -LOG_SIGMA_LIMIT), LOG_SIGMA_LIMIT));
  return { mu1: t[0], mu2: t[1], sigma1: sigma(t[2]), sigma2: sigma(t[3]), p1: 1 / (1 + Math.exp(-t[4])) };
}

function residuals(t: ArrayLike<number>, target: ArrayLike<number>): Float64Array {
  const m = fromTheta(t);
  const a = componentMoments(m.mu1, m.sigma1 * m.sigma1);
  const b = componentMoments(m.mu2, m.sigma2 * m.sigma2);
  const out = new Float64Array(5);
  for (let k = 0; k < 5; k++) out[k] = m.p1 * a[k] + (1 - m.p1) * b[k] - target[k];
  // A parameter that overflowed gives no usable step: make the trial lose.
  for (let k = 0; k < 5; k++) if (!Number.isFinite(out[k])) out.fill(Infinity);
  return out;
}

/** ∂M_k/∂θ_a, row-major 5 × 5. */
function jacobian(t: ArrayLike<number>): Float64Array {
  const m = fromTheta(t);
  const p = m.p1;
  const v1 = m.sigma1 * m.sigma1;
  const v2 = m.sigma2 * m.sigma2;
  const dMu = (mu: number, v: number) => [1, 2 * mu, 3 * (mu * mu + v), 4 * mu * (mu * mu + 3 * v), 5 * mu ** 4 + 30 * mu * mu * v + 15 * v * v];
  const dV = (mu: number, v: number) => [0, 1, 3 * mu, 6 * (mu * mu + v), 10 * mu ** 3 + 30 * mu * v];
  const a = componentMoments(m.mu1, v1);
  const b = componentMoments(m.mu2, v2);
  const [dm1, dm2, dv1, dv2] = [dMu(m.mu1, v1), dMu(m.mu2, v2), dV(m.mu1, v1), dV(m.mu2, v2)];
  const out = new Float64Array(25);
  for (let k = 0; k < 5; k++) {
    out[k * 5] = p * dm1[k];
    out[k * 5 + 1] = (1 - p) * dm2[k];
    out[k * 5 + 2] = p * dv1[k] * 2 * v1; // dσ²/d ln σ = 2σ²
    out[k * 5 + 3] = (1 - p) * dv2[k] * 2 * v2;
    out[k * 5 + 4] = (a[k] - b[k]) * p * (1 - p); // dp/d logit p = p(1 − p)
  }
  return out;
}

function sumSquares(r: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < r.length; k++) s += r[k] * r[k];
  return s;
}
