import { SizewiseError, describeValue } from '../errors.js';
import { binaryGrowth } from '../kelly/growthRate.js';
import { binaryKelly } from '../kelly/kellyCriterion.js';
import type { KellyResult } from '../kelly/types.js';
import { inRange, knownKeys, oneOf, positive, probability as checkProbability } from '../validate.js';
import { checkBelief, type BetaBelief } from './WinRatePosterior.js';

export interface ProbabilityKellyInput {
  /** A calibrated win probability, or a Beta posterior of it (a `WinRatePosterior` or `{ alpha, beta }`). */
  probability: number | BetaBelief;
  /** Gain of a unit position when the trade wins (0.032 = +3.2 %). */
  winReturn: number;
  /** Loss of a unit position when it loses, positive (0.018 = −1.8 %). */
  lossReturn: number;
}

export interface ProbabilityKellyOptions {
  /**
   * With a bare probability: the number of trades it was estimated from (≥ 1). Its sampling
   * variance p(1 − p)/n then shrinks the bet, as a posterior's variance does.
   */
  observations?: number;
  /**
   * With a bare probability: its variance directly, e.g. the square of an ensemble's
   * `spread` (the models' disagreement). Give this or `observations`, not both.
   */
  variance?: number;
  /**
   * What stands for the unknown f*² in k = f*² / (f*² + Var f̂):
   * `posterior` (default): its expectation f̂² + Var f̂, so k = (f̂² + σ²) / (f̂² + 2σ²), in (½, 1];
   * `plugIn`: f̂² itself, Baker and McHale's back-of-envelope k = f̂² / (f̂² + σ²), in (0, 1].
   * The plug-in shrinks hardest exactly when f̂ has come out low, so it under-bets more
   * often; docs/probability.md compares both.
   */
  method?: 'posterior' | 'plugIn';
}

export const PROBABILITY_KELLY_DEFAULTS = Object.freeze({ method: 'posterior' as 'posterior' | 'plugIn' });

export interface ProbabilityKellyResult extends KellyResult {
  /**
   * Baker–McHale shrinkage k in (0, 1] applied to the Kelly exposure at the mean probability;
   * absent for a bare probability without `observations` (not shrunk). 1 when there is no edge
   * (the bet is 0 either way).
   */
  shrinkage?: number;
  /** The probability the bet was sized at (the posterior mean, or the number given). */
  winProbability: number;
  /** Variance of that probability (posterior or sampling); 0 for a bare probability. */
  probabilityVariance: number;
}

/**
 * Kelly from a calibrated win probability. A bare number gives exactly `kellyCriterion`.
 * A probability with uncertainty — a Beta posterior (`WinRatePosterior`, or
 * `EdgeEstimate.winRatePosterior`), or a number with `observations` — is shrunk for
 * parameter uncertainty (Baker & McHale 2013, "Optimal betting under parameter
 * uncertainty: improving the Kelly criterion", Decision Analysis 10(3)): betting k·f̂,
 * where f̂ is the Kelly exposure at the estimated probability, the expected log growth
 * E[G(k·f̂)] ≈ G(f*) − ½|G''|·E[(k·f̂ − f*)²] is largest at
 *
 *   k = f*² / (f*² + σ²),   σ² = Var f̂ = (1/lossReturn + 1/winReturn)² · Var p,
 *
 * (f = p/lossReturn − (1 − p)/winReturn is linear in p). Var p is the posterior variance
 * αβ/((α + β)²(α + β + 1)), p(1 − p)/n with `observations`, or `variance` as given (an
 * ensemble's spread², say). The unknown f*² is replaced by
 * its posterior expectation f̂² + σ² (`method: 'posterior'`, the default) or by f̂²
 * (`'plugIn'`, Baker and McHale's back-of-envelope). Either way k is in (0, 1] and rises
 * toward 1 as evidence grows (σ² ~ 1/n). Growth is reported at the mean probability. O(1).
 *
 * Shrinking pays when the edge is within a few standard errors of zero — few trades, a
 * small edge — and costs a little growth when the edge is large and well measured
 * (docs/probability.md has the numbers).
 *
 * @example probabilityKelly({ probability: new WinRatePosterior().updateCounts(12, 8), winReturn: 1, lossReturn: 1 }).shrinkage // 0.641
 */
export function probabilityKelly(input: ProbabilityKellyInput, options: ProbabilityKellyOptions = {}): ProbabilityKellyResult {
  if (input === null || typeof input !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'input', `input must be { probability, winReturn, lossReturn }, received ${describeValue(input)}`, input);
  }
  knownKeys(input, 'input', ['probability', 'winReturn', 'lossReturn']);
  knownKeys(options, 'options', ['observations', 'variance', 'method']);
  const method = oneOf(options.method ?? PROBABILITY_KELLY_DEFAULTS.method, 'options.method', ['posterior', 'plugIn'] as const);
  const winReturn = positive(input.winReturn, 'input.winReturn');
  const lossReturn = positive(input.lossReturn, 'input.lossReturn');
  let p: number;
  let variance: number | undefined;
  if (typeof input.probability === 'number') {
    p = checkProbability(input.probability, 'input.probability');
    if (options.observations !== undefined && options.variance !== undefined) {
      throw new SizewiseError('INVALID_TYPE', 'options.variance', 'give options.observations or options.variance, not both', options.variance);
    }
    if (options.observations !== undefined) {
      const n = inRange(options.observations, 'options.observations', { min: 1 });
      variance = (p * (1 - p)) / n;
    }
    if (options.variance !== undefined) variance = inRange(options.variance, 'options.variance', { min: 0, max: 0.25 });
  } else {
    for (const key of ['observations', 'variance'] as const) {
      if (options[key] !== undefined) {
        throw new SizewiseError(
          'INVALID_TYPE',
          `options.${key}`,
          `options.${key} is for a bare probability: a posterior already carries its evidence`,
          options[key],
        );
      }
    }
    const { alpha, beta } = checkBelief(input.probability, 'input.probability', true);
    const s = alpha + beta;
    p = alpha / s;
    variance = (alpha * beta) / (s * s * (s + 1));
  }
  const edge = { winProbability: p, winReturn, lossReturn };
  const full = binaryKelly(edge, 'input.probability');
  // A variance of 0 (a certain probability) shrinks nothing: k = 1 either way, shrinkage still reported.
  if (variance === undefined) return { ...full, winProbability: p, probabilityVariance: 0 };
  if (full.exposure === 0) return { ...full, shrinkage: 1, winProbability: p, probabilityVariance: variance };
  const slope = 1 / lossReturn + 1 / winReturn;
  const f = full.exposure;
  const sigma2 = slope * slope * variance;
  const shrinkage = method === 'plugIn' ? (f * f) / (f * f + sigma2) : (f * f + sigma2) / (f * f + 2 * sigma2);
  const exposure = shrinkage * f;
  return {
    ...full,
    exposure,
    riskFraction: exposure * lossReturn,
    growthRate: binaryGrowth(edge, exposure),
    kellyMultiple: shrinkage,
    shrinkage,
    winProbability: p,
    probabilityVariance: variance,
  };
}
