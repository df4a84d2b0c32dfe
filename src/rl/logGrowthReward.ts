import { tradeReturnField } from '../edge/tradeReturn.js';
import { SizewiseError } from '../errors.js';
import type { ActionInfo } from './ActionSpace.js';
import { checkRewardInput } from './checkRewardInput.js';
import type { TradeOutcome } from './seedReward.js';

/**
 * Log growth of the sized position, ln(1 + multiplier × returnFraction): the reward whose
 * optimum is Kelly's (Kelly 1956). A sized loss of the whole position or more
 * (multiplier × returnFraction ≤ −1) has no logarithm: OUT_OF_RANGE on the outcome's
 * return (`outcome.returnFraction`, or `outcome.returnPct` when given under that name).
 *
 * @example logGrowthReward({ returnFraction: 0.1 }, { action: 1, multiplier: 2 }) // ln 1.2 ≈ 0.1823
 */
export function logGrowthReward(outcome: TradeOutcome, action: ActionInfo): number {
  const input = checkRewardInput(outcome, action);
  const sized = input.action.multiplier * input.outcome.returnFraction;
  if (!(sized > -1) || !Number.isFinite(sized)) {
    const field = tradeReturnField(outcome, 'outcome');
    throw new SizewiseError(
      'OUT_OF_RANGE',
      field,
      `multiplier × ${field} must be a finite number above −1 (returns are fractions: −0.018 = −1.8 %; a sized loss of everything has no log growth), received ${sized}`,
      input.outcome.returnFraction,
    );
  }
  return Math.log1p(sized);
}
