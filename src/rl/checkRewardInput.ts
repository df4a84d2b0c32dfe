import { SizewiseError, describeValue } from '../errors.js';
import { integer, knownKeys, positive } from '../validate.js';
import type { ActionInfo } from './ActionSpace.js';
import { checkTradeOutcome } from './checkTradeOutcome.js';
import type { OutputTradeOutcome } from './seedReward.js';

/** Checks what a reward function is called with: a trade outcome and the action's info (a positive finite multiplier). */
export function checkRewardInput(outcome: unknown, action: unknown): { outcome: OutputTradeOutcome; action: ActionInfo } {
  const o = checkTradeOutcome(outcome, 'outcome');
  if (action === null || typeof action !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'action', `action must be an action's info { action, multiplier, stopLoss?, takeProfit? }, received ${describeValue(action)}`, action);
  }
  knownKeys(action, 'action', ['action', 'multiplier', 'stopLoss', 'takeProfit']);
  const a = action as ActionInfo;
  integer(a.action, 'action.action', 0);
  positive(a.multiplier, 'action.multiplier');
  if (a.stopLoss !== undefined) positive(a.stopLoss, 'action.stopLoss');
  if (a.takeProfit !== undefined) positive(a.takeProfit, 'action.takeProfit');
  return { outcome: o, action: a };
}

/** A reward function's result, which must be a finite number: an overflow names the outcome's return (`field`, as the caller spelled it). */
export function finiteReward(reward: number, what: string, field: string): number {
  if (!Number.isFinite(reward)) {
    throw new SizewiseError('OUT_OF_RANGE', field, `the ${what} of this outcome is not a finite number (${describeValue(reward)}): the return or the options are too large`, reward);
  }
  return reward;
}
