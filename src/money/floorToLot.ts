import type { Decimal } from 'decimal.js';
import { Money } from './Money.js';

/** Above this many lots a float estimate can miss by more than one; take the division path. */
const MAX_ESTIMATED_LOTS = 2 ** 50;

/**
 * The largest multiple q of `lot` with q × `perUnit` ≤ `amount` (all > 0 but `amount` ≥ 0):
 * how many units an amount buys at a price (or risks at a stop distance), rounded down to
 * the lot step. The lot count is estimated in floats and then settled exactly with decimal
 * multiplications and comparisons, so no division is rounded: exact even where
 * amount ÷ perUnit rounded to 40 digits would land on the next lot. O(1).
 *
 * @example floorToLot(new Money('25000'), new Money('412.37'), new Money('1')) // 60
 */
export function floorToLot(amount: Decimal, perUnit: Decimal, lot: Decimal): Decimal {
  const lotCost = lot.times(perUnit);
  let k = Math.floor(amount.toNumber() / lotCost.toNumber());
  if (!(k < MAX_ESTIMATED_LOTS)) {
    return amount.div(lotCost).toDecimalPlaces(0, Money.ROUND_DOWN).times(lot);
  }
  k = Math.max(0, k);
  while (k > 0 && lotCost.times(k).greaterThan(amount)) k--;
  while (lotCost.times(k + 1).lessThanOrEqualTo(amount)) k++;
  return lot.times(k);
}
