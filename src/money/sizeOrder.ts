import type { Decimal } from 'decimal.js';
import { SizewiseError } from '../errors.js';
import { finite, knownKeys, nonNegative } from '../validate.js';
import { floorToLot } from './floorToLot.js';
import { Money, toMoney, type MoneyInput } from './Money.js';

export interface OrderRequest {
  /** Account equity. */
  balance: MoneyInput;
  /** Price of one unit of the instrument. */
  price: MoneyInput;
  /** Smallest tradable increment of quantity (1 for shares, 0.001 for some crypto). Default 1. */
  lotStep?: MoneyInput;
  /** Smallest notional the venue accepts; below it the order is not sent. Default 0. */
  minNotional?: MoneyInput;
  /** Exposure-based sizing: target notional = balance × exposure. */
  exposure?: number;
  /** Risk-based sizing: balance × riskFraction is lost if the stop is hit … */
  riskFraction?: number;
  /** … and the stop is this far from the price, per unit (price units). */
  stopDistance?: MoneyInput;
}

export interface Order {
  /** quantity × price. */
  notional: Decimal;
  /** Units to trade, rounded down to the lot step. */
  quantity: Decimal;
  /** Target notional the lot rounding (or the minimum notional) left unspent: ≥ 0. */
  leftover: Decimal;
  /** The notional the sizing asked for before rounding. */
  targetNotional: Decimal;
  /** Money lost if the stop is hit (risk-based), or if the price went to zero (exposure-based): quantity × stop distance or notional. */
  riskAmount: Decimal;
  /** Why the quantity is 0, when it is. */
  reason?: 'BELOW_LOT_STEP' | 'BELOW_MIN_NOTIONAL' | 'ZERO_SIZE';
}

const KEYS = ['balance', 'price', 'lotStep', 'minNotional', 'exposure', 'riskFraction', 'stopDistance'] as const;

/**
 * Turns a size into an order in exact decimal money. Either `exposure` (notional ÷
 * equity), or `riskFraction` with `stopDistance` (quantity = balance × riskFraction ÷
 * stopDistance: a stop-out loses exactly the risk fraction). The quantity is rounded
 * down to the lot step, so the order never exceeds the size asked for; below the
 * minimum notional the quantity is 0 with `reason`.
 *
 * @example sizeOrder({ balance: '100000', price: '412.37', exposure: 0.25, lotStep: '1' })
 * // quantity 60, notional 24742.20, leftover 257.80
 */
export function sizeOrder(request: OrderRequest): Order {
  knownKeys(request, 'request', KEYS);
  const balance = toMoney(request.balance, 'request.balance', { allowZero: true });
  const price = toMoney(request.price, 'request.price');
  const lotStep = toMoney(request.lotStep ?? '1', 'request.lotStep');
  const minNotional = toMoney(request.minNotional ?? '0', 'request.minNotional', { allowZero: true });
  const riskBased = request.riskFraction !== undefined || request.stopDistance !== undefined;
  if (riskBased === (request.exposure !== undefined)) {
    throw new SizewiseError(
      'INVALID_TYPE',
      'request.exposure',
      'give either request.exposure, or request.riskFraction with request.stopDistance (exactly one way of sizing)',
    );
  }

  // The quantity comes from exact comparisons (floorToLot), never from a rounded quotient.
  let quantity: Decimal;
  let target: Decimal;
  let stop: Decimal | undefined;
  if (riskBased) {
    if (request.riskFraction === undefined || request.stopDistance === undefined) {
      const missing = request.riskFraction === undefined ? 'request.riskFraction' : 'request.stopDistance';
      throw new SizewiseError('INVALID_TYPE', missing, `${missing} is required for risk-based sizing`);
    }
    const risk = nonNegative(request.riskFraction, 'request.riskFraction');
    stop = toMoney(request.stopDistance, 'request.stopDistance');
    const riskAmount = balance.times(risk);
    quantity = floorToLot(riskAmount, stop, lotStep);
    target = riskAmount.div(stop).times(price);
  } else {
    const exposure = nonNegative(finite(request.exposure, 'request.exposure'), 'request.exposure');
    target = balance.times(exposure);
    quantity = floorToLot(target, price, lotStep);
  }
  const notional = quantity.times(price);
  const zero = new Money(0);
  const fill = (q: Decimal, n: Decimal, reason?: Order['reason']): Order => ({
    notional: n,
    quantity: q,
    leftover: target.minus(n),
    targetNotional: target,
    riskAmount: stop === undefined ? n : q.times(stop),
    ...(reason === undefined ? {} : { reason }),
  });
  if (target.isZero()) return fill(zero, zero, 'ZERO_SIZE');
  if (quantity.isZero()) return fill(zero, zero, 'BELOW_LOT_STEP');
  if (notional.lessThan(minNotional)) return fill(zero, zero, 'BELOW_MIN_NOTIONAL');
  return fill(quantity, notional);
}
