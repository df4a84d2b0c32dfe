import { SizewiseError, describeValue } from '../errors.js';
import { inRange, knownKeys } from '../validate.js';
import { checkBinaryEdge } from './checkBinaryEdge.js';
import { binaryGrowth } from './growthRate.js';
import { binaryKelly } from './kellyCriterion.js';
import type { BinaryEdge, KellyResult } from './types.js';

export interface RiskConstraint {
  /** α in (0, 1): the wealth floor, as a fraction of starting wealth (0.7 = never below 70 %). */
  wealthFloor: number;
  /** β in (0, 1): the largest acceptable probability of ever touching the floor. */
  probability: number;
}

/**
 * Risk-constrained Kelly (Busseti, Ryu & Boyd 2016, "Risk-Constrained Kelly Gambling",
 * J. Investing 25(3)): the growth-optimal exposure f subject to
 * E[(1 + f·R)^(−λ)] ≤ 1 with λ = ln β / ln α, which guarantees P(wealth ever < α·W₀) ≤ β.
 *
 * For a binary bet h(f) = p(1 + f·w)^(−λ) + q(1 − f·l)^(−λ) − 1 is convex with h(0) = 0
 * and h′(0) = −λ·edge < 0, so the feasible exposures are [0, f̄] with f̄ its positive
 * root (found by bisection to 1e-14 relative), and growth is concave: the answer is min(f*, f̄).
 */
export function riskConstrainedKelly(edge: BinaryEdge, constraint: RiskConstraint): KellyResult {
  const e = checkBinaryEdge(edge);
  if (constraint === null || typeof constraint !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'constraint', `constraint must be { wealthFloor, probability }, received ${describeValue(constraint)}`, constraint);
  }
  knownKeys(constraint, 'constraint', ['wealthFloor', 'probability']);
  const alpha = inRange(constraint.wealthFloor, 'constraint.wealthFloor', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const beta = inRange(constraint.probability, 'constraint.probability', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const kelly = binaryKelly(e, 'edge.winProbability');
  if (kelly.exposure === 0) return kelly;
  const lambda = Math.log(beta) / Math.log(alpha);
  const bound = largestFeasibleExposure(e, lambda);
  if (bound >= kelly.exposure) return kelly;
  return {
    ...kelly,
    exposure: bound,
    riskFraction: bound * e.lossReturn,
    growthRate: binaryGrowth(e, bound),
    kellyMultiple: bound / kelly.exposure,
  };
}

/** Positive root of h(f) = p(1+fw)^−λ + q(1−fl)^−λ − 1 on (0, 1/l). */
function largestFeasibleExposure(e: BinaryEdge, lambda: number): number {
  const p = e.winProbability;
  const q = 1 - p;
  const h = (f: number) => p * Math.pow(1 + f * e.winReturn, -lambda) + q * Math.pow(1 - f * e.lossReturn, -lambda) - 1;
  let lo = 0;
  let hi = 1 / e.lossReturn;
  // Move lo off 0 to a point where h < 0 (h′(0) < 0, so small f qualifies).
  let f = hi / 2;
  while (h(f) >= 0 && f > 1e-300) f /= 2;
  if (!(h(f) < 0)) return 0;
  lo = f;
  for (let iter = 0; iter < 200 && hi - lo > 1e-14 * hi; iter++) {
    const mid = (lo + hi) / 2;
    if (h(mid) < 0) lo = mid;
    else hi = mid;
  }
  return lo;
}
