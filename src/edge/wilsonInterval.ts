import { integer, inRange } from '../validate.js';
import { normalQuantile } from '../stats/normalQuantile.js';

/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA 22(158)): unlike
 * the normal (Wald) interval it stays inside [0, 1] and behaves at small n and at 0 or n
 * successes. Two-sided at `confidence`.
 *
 * @example wilsonInterval(55, 100, 0.95) // [0.4524, 0.6438]
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] {
  integer(trials, 'trials', 1);
  integer(successes, 'successes', 0, trials);
  inRange(confidence, 'confidence', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
