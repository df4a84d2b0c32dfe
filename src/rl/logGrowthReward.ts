import { SizewiseError } from '../errors.js';
import type { ActionInfo } from './ActionSpace.js';
import { checkRewardInput } from './checkRewardInput.js';
import type { TradeOutcome } from './seedReward.js';

/**
 * Log growth of the sized position, ln(1 + multiplier × returnPct): the reward whose
 * optimum is Kelly's (Kelly 1956). A sized loss of the whole position or more
 * (multiplier × returnPct ≤ −1) has no logarithm: OUT_OF_RANGE on `outcome.returnPct`.
 *
 * @example logGrowthReward({ returnPct: 0.1 }, { action: 1, multiplier: 2 }) // ln 1.2 ≈ 0.1823
 */
export function logGrowthReward(outcome: TradeOutcome, action: ActionInfo): number {
  const input = checkRewardInput(outcome, action);
  const sized = input.action.multiplier * input.outcome.returnPct;
  if (!(sized > -1) || !Number.isFinite(sized)) {
    throw new SizewiseError('OUT_OF_RANGE', 'outcome.returnPct', `multiplier × returnPct must be a finite number above −1 (a sized loss of everything has no log growth), received ${sized}`, input.outcome.returnPct);
  }
  return Math.log1p(sized);
}
