import type { Mixture } from './mixture.js';

/**
 * One step of EF3M's five-moment variant (López de Prado & Foreman 2014, eqs. 22–29; the
 * step mlfinlab calls `iter_5`): from a guess of mu2 and p1 it solves the first three moment
 * equations for mu1, sigma2 and sigma1, then updates mu2 from the fourth and p1 from the
 * fifth. Returns undefined where the equations have no real solution at this guess (a
 * negative variance, a division by zero, p1 outside [0, 1]): that start is abandoned.
 * `m` holds E[x] … E[x⁵]. The new mu2 is the positive root, as in the paper. O(1).
 */
export function ef3mStep(mu2: number, p1: number, m: ArrayLike<number>): Mixture | undefined {
  const [m1, m2, m3, m4, m5] = [m[0], m[1], m[2], m[3], m[4]];
  const mu1 = (m1 - (1 - p1) * mu2) / p1; // eq. 22
  const den = 3 * (1 - p1) * (mu2 - mu1);
  if (den === 0 || !Number.isFinite(mu1)) return undefined;
  const v2 = (m3 + 2 * p1 * mu1 ** 3 + (p1 - 1) * mu2 ** 3 - 3 * mu1 * (m2 + mu2 ** 2 * (p1 - 1))) / den; // eq. 24
  if (!(v2 >= 0)) return undefined;
  const v1 = (m2 - v2 - mu2 ** 2) / p1 + v2 + mu2 ** 2 - mu1 ** 2; // eq. 23
  if (!(v1 >= 0)) return undefined;
  if (1 - p1 < 1e-4) return undefined;
  const a1 = 6 * v2 ** 2 + (m4 - p1 * (3 * v1 ** 2 + 6 * v1 * mu1 ** 2 + mu1 ** 4)) / (1 - p1); // eq. 27
  if (!(a1 >= 0)) return undefined;
  const mu2Squared = Math.sqrt(a1) - 3 * v2;
  if (!(mu2Squared >= 0)) return undefined;
  const mu2New = Math.sqrt(mu2Squared);
  const a2 = 15 * v1 ** 2 * mu1 + 10 * v1 * mu1 ** 3 + mu1 ** 5; // eqs. 28–29
  const b2 = 15 * v2 ** 2 * mu2New + 10 * v2 * mu2New ** 3 + mu2New ** 5;
  if (a2 - b2 === 0) return undefined;
  const p1New = (m5 - b2) / (a2 - b2);
  if (!(p1New >= 0 && p1New <= 1)) return undefined;
  return { mu1, mu2: mu2New, sigma1: Math.sqrt(v1), sigma2: Math.sqrt(v2), p1: p1New };
}
