import type { Decimal } from 'decimal.js';
import { floorQuotient } from './exactQuotient.js';
import { exactProduct, toMoney, type MoneyInput } from './Money.js';

/**
 * The largest multiple q of `lot` with q × `perUnit` ≤ `amount`: how many units an amount
 * buys at a price (or risks at a stop distance), rounded down to the lot step. Exact for
 * any amounts sizewise accepts (MONEY_LIMITS): the lot count is a float estimate settled
 * with exact decimal products and comparisons, or beyond 2⁵⁰ lots (e.g. a lot step of
 * 5e-324) an exact integer division — never a rounded quotient. O(1) for ordinary inputs.
 *
 * `amount` ≥ 0, `perUnit` > 0 and `lot` > 0 as Decimals, decimal strings or numbers; a bad
 * one throws SizewiseError naming `amount`, `perUnit` or `lot`.
 *
 * @example floorToLot('25000', '412.37', '1').toString() // '60' (60 × 412.37 = 24742.20; 61 × = 25154.57)
 */
export function floorToLot(amount: MoneyInput, perUnit: MoneyInput, lot: MoneyInput): Decimal {
  return floorToLotUnchecked(toMoney(amount, 'amount', { allowZero: true }), toMoney(perUnit, 'perUnit'), toMoney(lot, 'lot'));
}

/**
 * `floorToLot` on amounts already read by `toMoney` (amount ≥ 0, perUnit and lot > 0), with an
 * optional float estimate of the lot count. Returns a Money Decimal.
 */
export function floorToLotUnchecked(amount: Decimal, perUnit: Decimal, lot: Decimal, lots?: number): Decimal {
  return exactProduct(lot, floorQuotient(amount, exactProduct(lot, perUnit), lots));
}
