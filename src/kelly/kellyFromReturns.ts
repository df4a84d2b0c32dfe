import { SizewiseError } from '../errors.js';
import { finiteArray, inRange, knownKeys, MAX_TRADE_RETURN, oneOf } from '../validate.js';
import { modelGrowth } from './growthRate.js';
import type { KellyModel, KellyResult } from './types.js';

export interface KellyFromReturnsOptions {
  /**
   * `exact` (default): the exposure maximising the sample's mean ln(1 + f·r) (Thorp 2006, §7);
   * `gaussian`: μ/σ², the continuous-time approximation (Thorp 2006, §7.1, eq. 7.3).
   */
  method?: 'exact' | 'gaussian';
}

const METHODS = ['exact', 'gaussian'] as const;

/**
 * Kelly from a sample of per-trade returns of a unit position (−0.02 = −2 %), long only:
 * exposure 0 when the mean return is ≤ 0.
 *
 * `exact` solves G′(f) = mean(r / (1 + f·r)) = 0 on [0, 1/|min r|) by safeguarded Newton
 * steps inside a shrinking bracket; G is strictly concave there, so the root is unique
 * and the iteration always converges. A sample with no loss has no finite Kelly: `NO_LOSSES`.
 * The risk fraction uses the sample's average loss: exposure × mean(|r| : r < 0).
 *
 * O(n) per iteration, about 50 iterations at most.
 */
export function kellyFromReturns(returns: ArrayLike<number>, options: KellyFromReturnsOptions = {}): KellyResult {
  knownKeys(options, 'options', ['method']);
  const method = oneOf(options.method ?? 'exact', 'options.method', METHODS);
  const r = finiteArray(returns, 'returns');
  let sum = 0;
  let lossSum = 0;
  let losses = 0;
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < r.length; i++) {
    inRange(r[i], `returns[${i}]`, { min: -1, minOpen: true, max: MAX_TRADE_RETURN });
    sum += r[i];
    if (r[i] < 0) {
      lossSum -= r[i];
      losses++;
      if (r[i] < worst) {
        worst = r[i];
        worstAt = i;
      }
    }
  }
  const mean = sum / r.length;
  if (losses === 0 && mean > 0) {
    throw new SizewiseError(
      'NO_LOSSES',
      'returns',
      `returns has no loss among ${r.length} values: the sample's growth rises without bound with exposure, so it has no Kelly size`,
    );
  }
  const lossReturn = losses === 0 ? 0 : lossSum / losses;
  let variance = 0;
  for (const x of r) variance += (x - mean) ** 2;
  variance /= r.length;
  const model: KellyModel = method === 'exact' ? { kind: 'sample', returns: r } : { kind: 'gaussian', mean, variance };
  if (mean <= 0 || (method === 'gaussian' && variance === 0)) {
    return { exposure: 0, riskFraction: 0, growthRate: 0, edge: mean, kellyMultiple: 1, lossReturn, model };
  }
  const exposure = method === 'exact' ? maximiseSampleGrowth(r, -1 / worst) : mean / variance;
  const growth = modelGrowth(model, exposure);
  if (!Number.isFinite(exposure) || !Number.isFinite(growth)) {
    // Only a loss too small for a double's range gets here (|worst| < 1e-308 or so).
    const field = worstAt >= 0 ? `returns[${worstAt}]` : 'returns';
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} = ${worst} is a loss so small that the Kelly exposure overflows a double (no finite size)`, worst);
  }
  return {
    exposure,
    riskFraction: exposure * lossReturn,
    growthRate: growth,
    edge: mean,
    kellyMultiple: 1,
    lossReturn,
    model,
  };
}

/** The root of G′(f) = mean(r/(1+f·r)) on (0, fMax), given G′(0) > 0 and G′ → −∞ at fMax. */
function maximiseSampleGrowth(r: Float64Array, fMax: number): number {
  let lo = 0;
  let hi = fMax;
  let f = fMax / 2;
  for (let iter = 0; iter < 200; iter++) {
    let d1 = 0;
    let d2 = 0;
    for (const x of r) {
      const t = x / (1 + f * x);
      d1 += t;
      d2 -= t * t;
    }
    if (d1 > 0) lo = f;
    else hi = f;
    const newton = f - d1 / d2;
    // Take the Newton step when it stays inside the bracket, else bisect.
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - f) <= 1e-13 * Math.max(1, f)) return next;
    f = next;
  }
  return f;
}
