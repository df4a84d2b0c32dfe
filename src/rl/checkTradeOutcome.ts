import { SizewiseError, describeValue } from '../errors.js';
import { finite, knownKeys } from '../validate.js';
import type { TradeOutcome } from './seedReward.js';

/** Checks a trade outcome given by a caller: an object of finite numbers, `returnPct` required. */
export function checkTradeOutcome(outcome: unknown, field: string): TradeOutcome {
  if (outcome === null || typeof outcome !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a trade outcome { returnPct, rMultiple?, maxAdverseExcursion? }, received ${describeValue(outcome)}`, outcome);
  }
  knownKeys(outcome, field, ['returnPct', 'rMultiple', 'maxAdverseExcursion']);
  const o = outcome as TradeOutcome;
  finite(o.returnPct, `${field}.returnPct`);
  if (o.rMultiple !== undefined) finite(o.rMultiple, `${field}.rMultiple`);
  if (o.maxAdverseExcursion !== undefined) finite(o.maxAdverseExcursion, `${field}.maxAdverseExcursion`);
  return o;
}
