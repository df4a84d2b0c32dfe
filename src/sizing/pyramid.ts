import { SizewiseError, describeValue } from '../errors.js';
import { finite, inRange, knownKeys, nonNegative, probability } from '../validate.js';

export interface PyramidSignal {
  /** The meta-label probability that the trade keeps working, in [0, 1]. */
  metaProbability: number;
  /** Open profit or loss of the position, as a return (0.03 = +3 %). */
  pnl: number;
  /** Dead band: |pnl| ≤ threshold leaves the position unchanged (≥ 0). */
  threshold: number;
}

export interface PyramidOptions {
  /** Largest add to a winner, as a share of the position (0.5 = +50 %), reached at metaProbability 1. */
  maxAdd?: number;
  /** Largest cut of a loser, as a share of the position (0.3 = −30 %), reached at metaProbability 0. */
  maxCut?: number;
}

export const PYRAMID_DEFAULTS: Readonly<Required<PyramidOptions>> = Object.freeze({ maxAdd: 0.5, maxCut: 0.3 });

export interface PyramidDecision {
  /** The new position (same sign as the old one). */
  position: number;
  /** New ÷ old − 1: +0.5 = added half, −0.3 = cut 30 %. */
  change: number;
  action: 'ADD' | 'CUT' | 'HOLD';
  reason: string;
}

/**
 * Pyramiding per the seeds' Module Y: add to winners, cut losers, hold in between.
 * pnl > threshold → position × (1 + maxAdd × metaProbability) (up to +50 %, scaled by
 * confidence); pnl < −threshold → position × (1 − maxCut × (1 − metaProbability)) (up to
 * −30 %, less when the model still believes in the trade); otherwise unchanged.
 * Works on a signed position (a short is scaled the same way).
 *
 * @example pyramid(1, { metaProbability: 0.8, pnl: 0.04, threshold: 0.02 }).position // 1.4
 */
export function pyramid(position: number, signal: PyramidSignal, options: PyramidOptions = {}): PyramidDecision {
  const p0 = finite(position, 'position');
  if (signal === null || typeof signal !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'signal', `signal must be { metaProbability, pnl, threshold }, received ${describeValue(signal)}`, signal);
  }
  knownKeys(signal, 'signal', ['metaProbability', 'pnl', 'threshold']);
  if (options === null || typeof options !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'options', `options must be an object, received ${describeValue(options)}`, options);
  }
  knownKeys(options, 'options', ['maxAdd', 'maxCut']);
  const p = probability(signal.metaProbability, 'signal.metaProbability');
  const pnl = finite(signal.pnl, 'signal.pnl');
  const threshold = nonNegative(signal.threshold, 'signal.threshold');
  const { maxAdd, maxCut } = { ...PYRAMID_DEFAULTS, ...options };
  nonNegative(maxAdd, 'options.maxAdd');
  inRange(maxCut, 'options.maxCut', { min: 0, max: 1 });
  if (pnl > threshold) {
    const change = maxAdd * p;
    const scaled = p0 * (1 + change);
    if (!Number.isFinite(scaled)) {
      throw new SizewiseError('OUT_OF_RANGE', 'position', `position ${p0} × (1 + ${change}) overflows: the added position is not a finite number`, p0);
    }
    return { position: scaled, change, action: 'ADD', reason: `winner (pnl ${pnl} > ${threshold}): add ${maxAdd} × p ${p} = ${change}` };
  }
  if (pnl < -threshold) {
    const change = -maxCut * (1 - p);
    return { position: p0 * (1 + change), change, action: 'CUT', reason: `loser (pnl ${pnl} < −${threshold}): cut ${maxCut} × (1 − p ${p}) = ${-change}` };
  }
  return { position: p0, change: 0, action: 'HOLD', reason: `|pnl ${pnl}| ≤ ${threshold}: hold` };
}
