import { returnFields, tradeReturn } from '../edge/tradeReturn.js';
import { SizewiseError, describeValue } from '../errors.js';
import { finite, knownKeys } from '../validate.js';
import type { OutputTradeOutcome } from './seedReward.js';

/**
 * Checks a trade outcome given by a caller: an object of finite numbers, its return as
 * `returnFraction` or the deprecated `returnPct` (tradeReturn; any finite value: the
 * reward decides what a sized return may be). Returns the outcome as sizewise hands it
 * on, with the return under both names.
 */
export function checkTradeOutcome(outcome: unknown, field: string): OutputTradeOutcome {
  if (outcome === null || typeof outcome !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a trade outcome { returnFraction, rMultiple?, maxAdverseExcursion? }, received ${describeValue(outcome)}`, outcome);
  }
  knownKeys(outcome, field, ['returnFraction', 'returnPct', 'rMultiple', 'maxAdverseExcursion']);
  const o = outcome as { rMultiple?: unknown; maxAdverseExcursion?: unknown };
  const checked: OutputTradeOutcome = returnFields(tradeReturn(outcome, field, -Infinity));
  if (o.rMultiple !== undefined) checked.rMultiple = finite(o.rMultiple, `${field}.rMultiple`);
  if (o.maxAdverseExcursion !== undefined) checked.maxAdverseExcursion = finite(o.maxAdverseExcursion, `${field}.maxAdverseExcursion`);
  return checked;
}
