import { SizewiseError, describeValue } from '../errors.js';
import { finite, knownKeys, positive } from '../validate.js';
import { normalCdf, normalSurvival } from '../stats/normalCdf.js';

/** A mixture of two Gaussians: with probability p1 N(mu1, sigma1²), otherwise N(mu2, sigma2²). */
export interface Mixture {
  mu1: number;
  mu2: number;
  sigma1: number;
  sigma2: number;
  p1: number;
}

/**
 * E[x], E[x²], …, E[x⁵] of a mixture (López de Prado & Foreman 2014, eqs. 6–10): each
 * component's raw moments μ, μ² + σ², μ³ + 3μσ², μ⁴ + 6μ²σ² + 3σ⁴, μ⁵ + 10μ³σ² + 15μσ⁴,
 * weighted by p1 and 1 − p1.
 */
export function mixtureMoments(m: Mixture): [number, number, number, number, number] {
  const a = componentMoments(m.mu1, m.sigma1 * m.sigma1);
  const b = componentMoments(m.mu2, m.sigma2 * m.sigma2);
  const q = 1 - m.p1;
  return [0, 1, 2, 3, 4].map((k) => m.p1 * a[k] + q * b[k]) as [number, number, number, number, number];
}

/** Raw moments 1…5 of N(mu, v). */
export function componentMoments(mu: number, v: number): number[] {
  const mu2 = mu * mu;
  return [mu, mu2 + v, mu * (mu2 + 3 * v), mu2 * mu2 + 6 * mu2 * v + 3 * v * v, mu * (mu2 * mu2 + 10 * mu2 * v + 15 * v * v)];
}

/** P(x ≤ c) under the mixture. */
export function mixtureCdf(m: Mixture, c: number): number {
  return m.p1 * normalCdf((c - m.mu1) / m.sigma1) + (1 - m.p1) * normalCdf((c - m.mu2) / m.sigma2);
}

/** P(x > c) under the mixture, without the cancellation of 1 − F(c). */
export function mixtureSurvival(m: Mixture, c: number): number {
  return m.p1 * normalSurvival((c - m.mu1) / m.sigma1) + (1 - m.p1) * normalSurvival((c - m.mu2) / m.sigma2);
}

/** A mixture given by a caller: finite means, sigmas > 0, p1 in [0, 1]. */
export function checkMixture(value: unknown, field: string): Mixture {
  if (value === null || typeof value !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be { mu1, mu2, sigma1, sigma2, p1 }, received ${describeValue(value)}`, value);
  }
  knownKeys(value, field, ['mu1', 'mu2', 'sigma1', 'sigma2', 'p1']);
  const v = value as Record<string, unknown>;
  const p1 = finite(v.p1, `${field}.p1`);
  if (p1 < 0 || p1 > 1) {
    throw new SizewiseError('INVALID_PROBABILITY', `${field}.p1`, `${field}.p1 must be a probability in [0, 1], received ${describeValue(p1)}`, p1);
  }
  return {
    mu1: finite(v.mu1, `${field}.mu1`),
    mu2: finite(v.mu2, `${field}.mu2`),
    sigma1: positive(v.sigma1, `${field}.sigma1`),
    sigma2: positive(v.sigma2, `${field}.sigma2`),
    p1,
  };
}
