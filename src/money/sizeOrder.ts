import type { Decimal } from 'decimal.js';
import { SizewiseError, describeValue } from '../errors.js';
import { integer, knownKeys, nonNegative } from '../validate.js';
import { buildOrder } from './buildOrder.js';
import { approxNumber, toMoney, type MoneyInput } from './Money.js';

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
  /** Decimal places of the money amounts returned (notional, leftover, target, risk): an integer 0–30. Default 2 (cents). */
  moneyDecimals?: number;
}

/** Why an order's quantity is 0. */
export type OrderReason = 'BELOW_LOT_STEP' | 'BELOW_MIN_NOTIONAL' | 'ZERO_SIZE';

/**
 * An order in exact decimal money. The quantity is rounded DOWN to the lot step; money is
 * rounded to `moneyDecimals` places, half-even (banker's rounding), and
 * notional + leftover = targetNotional exactly.
 */
export interface Order {
  /** quantity × price, rounded to moneyDecimals (half-even). */
  notional: Decimal;
  /** Units to trade, rounded down to the lot step (exact: a multiple of the lot step). */
  quantity: Decimal;
  /** targetNotional − notional: what the lot rounding (or the minimum notional) left unspent; ≥ 0. */
  leftover: Decimal;
  /** The notional the sizing asked for before lot rounding, rounded to moneyDecimals (half-even). */
  targetNotional: Decimal;
  /** Money lost if the stop is hit (risk-based: quantity × stop distance), or if the price went to zero (exposure-based: the notional); rounded to moneyDecimals (half-even). */
  riskAmount: Decimal;
  /** Why the quantity is 0, when it is. */
  orderReason?: OrderReason;
  /** @deprecated The same as `orderReason` (the name `size()` uses); readable, but not enumerated. */
  readonly reason?: OrderReason;
}

/** Defaults of `sizeOrder`'s optional fields. */
export const SIZE_ORDER_DEFAULTS = Object.freeze({ lotStep: '1', minNotional: '0', moneyDecimals: 2 });

/** The most decimal places money may be asked to leave with. */
export const MAX_MONEY_DECIMALS = 30;

const KEYS = ['balance', 'price', 'lotStep', 'minNotional', 'exposure', 'riskFraction', 'stopDistance', 'moneyDecimals'] as const;

/**
 * Turns a size into an order in exact decimal money. Either `exposure` (notional ÷
 * equity), or `riskFraction` with `stopDistance` (quantity = balance × riskFraction ÷
 * stopDistance: a stop-out loses at most the risk fraction). The quantity is rounded
 * down to the lot step, so the order never exceeds the size asked for; below the
 * minimum notional the quantity is 0 with `orderReason`. Money comes back rounded to
 * `moneyDecimals` places (cents by default), half-even.
 *
 * @example sizeOrder({ balance: '100000', price: '412.37', exposure: 0.25, lotStep: '1' })
 * // quantity 60, notional 24742.20, leftover 257.80
 */
export function sizeOrder(request: OrderRequest): Order {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new SizewiseError('INVALID_TYPE', 'request', `request must be an object, received ${describeValue(request)}`, request);
  }
  knownKeys(request, 'request', KEYS);
  const balance = toMoney(request.balance, 'request.balance', { allowZero: true });
  const price = toMoney(request.price, 'request.price');
  const lotStepInput = request.lotStep ?? SIZE_ORDER_DEFAULTS.lotStep;
  const lotStep = toMoney(lotStepInput, 'request.lotStep');
  const minNotional = toMoney(request.minNotional ?? SIZE_ORDER_DEFAULTS.minNotional, 'request.minNotional', { allowZero: true });
  const moneyDecimals = integer(request.moneyDecimals ?? SIZE_ORDER_DEFAULTS.moneyDecimals, 'request.moneyDecimals', 0, MAX_MONEY_DECIMALS);
  const riskBased = request.riskFraction !== undefined || request.stopDistance !== undefined;
  if (riskBased === (request.exposure !== undefined)) {
    throw new SizewiseError(
      'INVALID_TYPE',
      'request.exposure',
      'give either request.exposure, or request.riskFraction with request.stopDistance (exactly one way of sizing)',
    );
  }
  const approx = { balance: approxNumber(request.balance, balance), price: approxNumber(request.price, price), lotStep: approxNumber(lotStepInput, lotStep) };
  if (!riskBased) {
    const exposure = nonNegative(request.exposure, 'request.exposure');
    return buildOrder({ balance, price, lotStep, minNotional, moneyDecimals, exposure, approx });
  }
  if (request.riskFraction === undefined || request.stopDistance === undefined) {
    const missing = request.riskFraction === undefined ? 'request.riskFraction' : 'request.stopDistance';
    throw new SizewiseError('INVALID_TYPE', missing, `${missing} is required for risk-based sizing`);
  }
  const riskFraction = nonNegative(request.riskFraction, 'request.riskFraction');
  const stopDistance = toMoney(request.stopDistance, 'request.stopDistance');
  const stopNumber = approxNumber(request.stopDistance, stopDistance);
  return buildOrder({ balance, price, lotStep, minNotional, moneyDecimals, riskFraction, stopDistance, approx: { ...approx, stopDistance: stopNumber } });
}
