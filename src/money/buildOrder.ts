import type { Decimal } from 'decimal.js';
import { roundedQuotient, roundMoney } from './exactQuotient.js';
import { floorToLotUnchecked } from './floorToLot.js';
import { exactProduct, Money } from './Money.js';
import type { Order, OrderReason } from './sizeOrder.js';

/** What an order is built from: money already read by `toMoney`, sizes already checked. */
export interface OrderTerms {
  balance: Decimal;
  price: Decimal;
  lotStep: Decimal;
  minNotional: Decimal;
  /** Decimal places money leaves with (half-even), 0–30. */
  moneyDecimals: number;
  /** Exposure-based: target notional = balance × exposure (finite, ≥ 0) … */
  exposure?: number;
  /** … or risk-based: balance × riskFraction is lost if the stop is hit (finite, ≥ 0), */
  riskFraction?: number;
  /** the stop being this far from the price per unit (> 0). */
  stopDistance?: Decimal;
  /** A ceiling on the notional (the sizer's leverage cap, balance × maxLeverage). */
  maxNotional?: Decimal;
}

const ZERO = new Money(0);

/**
 * The order for checked terms, in exact decimal money. The quantity is the largest
 * multiple of the lot step whose notional stays within the target (and the ceiling):
 * exact comparisons, never a rounded quotient. Money leaves rounded to `moneyDecimals`
 * places, half-even, each amount from its exact value; leftover is the difference of the
 * rounded target and notional, so notional + leftover = targetNotional exactly, and
 * leftover ≥ 0 (rounding is monotone and the exact notional never exceeds the exact target).
 */
export function buildOrder(t: OrderTerms): Order {
  const places = t.moneyDecimals;
  const stop = t.stopDistance;
  let quantity: Decimal;
  let targetNotional: Decimal;
  let capped = false;
  let nothingAsked: boolean;
  if (stop !== undefined) {
    // Risk-based: quantity ≤ risk ÷ stop, and the target notional is risk × price ÷ stop.
    const risk = exactProduct(t.balance, t.riskFraction as number);
    nothingAsked = risk.isZero();
    const atPrice = exactProduct(risk, t.price);
    capped = t.maxNotional !== undefined && atPrice.greaterThan(exactProduct(t.maxNotional, stop));
    quantity = floorToLotUnchecked(risk, stop, t.lotStep);
    targetNotional = capped ? roundMoney(t.maxNotional as Decimal, places) : roundedQuotient(atPrice, stop, places);
  } else {
    const target = exactProduct(t.balance, t.exposure as number);
    nothingAsked = target.isZero();
    capped = t.maxNotional !== undefined && target.greaterThan(t.maxNotional);
    quantity = floorToLotUnchecked(capped ? (t.maxNotional as Decimal) : target, t.price, t.lotStep);
    targetNotional = roundMoney(capped ? (t.maxNotional as Decimal) : target, places);
  }
  if (capped && stop !== undefined) {
    const most = floorToLotUnchecked(t.maxNotional as Decimal, t.price, t.lotStep);
    if (most.lessThan(quantity)) quantity = most;
  }
  let notional = exactProduct(quantity, t.price);
  let reason: OrderReason | undefined;
  if (nothingAsked) reason = 'ZERO_SIZE';
  else if (quantity.isZero()) reason = 'BELOW_LOT_STEP';
  else if (notional.lessThan(t.minNotional)) reason = 'BELOW_MIN_NOTIONAL';
  if (reason !== undefined) {
    quantity = ZERO;
    notional = ZERO;
  }
  const roundedNotional = roundMoney(notional, places);
  const order: Order = {
    notional: roundedNotional,
    quantity,
    leftover: targetNotional.minus(roundedNotional),
    targetNotional,
    riskAmount: roundMoney(stop === undefined ? notional : exactProduct(quantity, stop), places),
  };
  if (reason !== undefined) {
    order.orderReason = reason;
    // The old name, readable but out of JSON and equality checks (deprecated).
    Object.defineProperty(order, 'reason', { value: reason, enumerable: false });
  }
  return order;
}
