import { SizewiseError, describeValue } from '../errors.js';
import { integer, knownKeys } from '../validate.js';
import { portfolioKelly, type PortfolioKellyOptions } from './portfolioKelly.js';

export interface CorrelationPenaltyOptions extends Omit<PortfolioKellyOptions, 'fraction'> {
  /** How the asset is named in the reason (default: `asset <index>`). */
  name?: string;
}

/** The correlation penalty a portfolio's Kelly weights imply for one asset, with its reason. */
export interface CorrelationPenalty {
  /** In [0, 1]: what the sizer's correlation layer takes (size × max(floor, 1 − penalty)). */
  penalty: number;
  reason: string;
  /** The asset's Kelly weight when held with the others (portfolioKelly). */
  jointWeight: number;
  /** Its Kelly weight on its own (portfolioKelly of its series alone, same options). */
  standaloneWeight: number;
}

/**
 * How much the other assets already carry an asset's bet, as the sizing layer's correlation
 * penalty: 1 − (its Kelly weight in the portfolio) ÷ (its Kelly weight alone), clipped to
 * [0, 1]. Correlated holdings shrink an asset's joint weight below its standalone weight
 * (penalty > 0); a diversifier keeps or grows it (penalty 0); a joint weight of 0 or of the
 * other sign means the portfolio does not want this bet at all (penalty 1). With the sizer's
 * factor max(floor, 1 − penalty), a trade is sized as the portfolio optimum sizes it relative
 * to the asset alone. An asset with no standalone weight has no bet to penalise: penalty 0
 * (its edge layers decide). Two portfolioKelly calls: O(iterations × T·N²).
 *
 * @example correlationPenalty(dow30Returns, 0, { name: 'AA' })
 * // { penalty: 0.548…, reason: 'AA: Kelly weight 0.97 with the other 29 assets vs 2.14 alone: correlated holdings carry 55 % of its bet', … }
 */
export function correlationPenalty(returns: readonly ArrayLike<number>[], asset: number, options: CorrelationPenaltyOptions = {}): CorrelationPenalty {
  knownKeys(options, 'options', ['method', 'longOnly', 'maxLeverage', 'name']);
  const { name, ...kellyOptions } = options;
  if (name !== undefined && typeof name !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'options.name', `options.name must be a string, received ${describeValue(name)}`, name);
  }
  if (!Array.isArray(returns)) {
    throw new SizewiseError('INVALID_TYPE', 'returns', `returns must be an array of return series, one per asset, received ${describeValue(returns)}`, returns);
  }
  const i = integer(asset, 'asset', 0, Math.max(0, returns.length - 1));
  const joint = portfolioKelly(returns, kellyOptions).weights[i];
  const alone = portfolioKelly([returns[i]], kellyOptions).weights[0];
  const label = name ?? `asset ${i}`;
  const others = returns.length - 1;
  const weights = `Kelly weight ${fixed(joint)} with the other ${others} asset${others === 1 ? '' : 's'} vs ${fixed(alone)} alone`;
  if (alone === 0) {
    return { penalty: 0, reason: `${label}: no Kelly weight on its own, so no correlation penalty (its edge decides)`, jointWeight: joint, standaloneWeight: alone };
  }
  const ratio = joint / alone;
  if (ratio >= 1) {
    return { penalty: 0, reason: `${label}: ${weights}: it diversifies the book, no penalty`, jointWeight: joint, standaloneWeight: alone };
  }
  if (ratio <= 0) {
    return { penalty: 1, reason: `${label}: ${weights}: the other assets already carry its bet, full penalty`, jointWeight: joint, standaloneWeight: alone };
  }
  const penalty = 1 - ratio;
  return {
    penalty,
    reason: `${label}: ${weights}: correlated holdings carry ${(penalty * 100).toFixed(0)} % of its bet`,
    jointWeight: joint,
    standaloneWeight: alone,
  };
}

function fixed(x: number): string {
  return (x + 0).toFixed(2);
}
