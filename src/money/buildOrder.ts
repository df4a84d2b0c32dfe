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
  /** A ceiling on notional ÷ balance (the sizer's leverage cap), finite and > 0. */
  maxExposure?: number;
  /** The same amounts as floats, when the caller has them: only for estimates, which are settled exactly. */
  approx?: { balance: number; price: number; lotStep: number; stopDistance?: number };
}

const ZERO = new Money(0);

/** Relative error a float estimate here stays within (a dozen roundings of 2⁻⁵³), with room to spare. */
const FLOAT_SLACK = 1e-12;

/** A float far from underflow and overflow, whose products and quotients keep their relative precision. */
function normal(x: number | undefined): x is number {
  return x !== undefined && x >= 1e-280 && x <= 1e280;
}

/**
 * The order for checked terms, in exact decimal money. The quantity is the largest
 * multiple of the lot step whose notional stays within the target (and the ceiling):
 * exact comparisons, never a rounded quotient. Money leaves rounded to `moneyDecimals`
 * places, half-even, each amount from its exact value; leftover is the difference of the
 * rounded target and notional, so notional + leftover = targetNotional exactly, and
 * leftover ≥ 0 (rounding is monotone and the exact notional never exceeds the exact target).
 * Float estimates only decide how much exact work is needed, never an amount.
 */
export function buildOrder(t: OrderTerms): Order {
  const places = t.moneyDecimals;
  const stop = t.stopDistance;
  const f = t.approx;
  const maxExposure = t.maxExposure;
  let quantity: Decimal;
  let targetNotional: Decimal;
  let nothingAsked: boolean;
  if (stop !== undefined) {
    // Risk-based: quantity ≤ risk ÷ stop, and the target notional is risk × price ÷ stop.
    const r = (t.riskFraction as number) + 0; // -0 → 0: money is never negative, not even -0
    const risk = exactProduct(t.balance, r);
    nothingAsked = risk.isZero();
    const atPrice = exactProduct(risk, t.price);
    // Units at risk ÷ stop as a float, when every float is normal (so its error is a few ulps).
    const units = f !== undefined && normal(f.balance) && normal(f.price) && normal(f.lotStep) && normal(f.stopDistance) && normal(f.balance * r) ? (f.balance * r) / (f.stopDistance as number) : undefined;
    // Over the ceiling? Decided exactly unless the float exposure is clearly below it.
    const clearlyBelow = units !== undefined && maxExposure !== undefined && (units * f!.price) / f!.balance < maxExposure * (1 - FLOAT_SLACK);
    const ceiling = maxExposure === undefined || clearlyBelow ? undefined : exactProduct(t.balance, maxExposure);
    const capped = ceiling !== undefined && atPrice.greaterThan(exactProduct(ceiling, stop));
    quantity = floorToLotUnchecked(risk, stop, t.lotStep, units === undefined ? undefined : units / f!.lotStep);
    if (capped) {
      targetNotional = roundMoney(ceiling, places);
      const most = floorToLotUnchecked(ceiling, t.price, t.lotStep);
      if (most.lessThan(quantity)) quantity = most;
    } else {
      targetNotional = roundedQuotient(atPrice, stop, places, units === undefined ? undefined : units * f!.price);
    }
  } else {
    const exposure = (t.exposure as number) + 0; // -0 → 0
    const spend = maxExposure !== undefined && exposure > maxExposure ? maxExposure : exposure;
    const target = exactProduct(t.balance, spend);
    nothingAsked = target.isZero();
    const lots = f !== undefined && normal(f.balance) && normal(f.price) && normal(f.lotStep) ? (f.balance * spend) / (f.price * f.lotStep) : undefined;
    quantity = floorToLotUnchecked(target, t.price, t.lotStep, lots);
    targetNotional = roundMoney(target, places);
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
