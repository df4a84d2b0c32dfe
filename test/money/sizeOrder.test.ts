import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money, sizeOrder, toMoney } from '../../src/money/index.js';

describe('sizeOrder', () => {
  it('rounds the quantity down to the lot step and returns the leftover', () => {
    // 100000 × 0.25 = 25000 target; 25000 / 412.37 = 60.62… → 60 shares = 24742.20; leftover 257.80.
    const o = sizeOrder({ balance: '100000', price: '412.37', exposure: 0.25 });
    expect(o.quantity.toString()).toBe('60');
    expect(o.notional.toString()).toBe('24742.2');
    expect(o.leftover.toString()).toBe('257.8');
  });

  it('sizes from risk: a stop-out loses exactly the risk fraction when lots divide evenly', () => {
    // 1 % of 100000 = 1000 at risk; 1000 / 2.5 per unit = 400 units.
    const o = sizeOrder({ balance: '100000', price: '50', riskFraction: 0.01, stopDistance: '2.5', lotStep: '0.5' });
    expect(o.quantity.toString()).toBe('400');
    expect(o.riskAmount.toString()).toBe('1000');
  });

  it('works in exact decimals where floats drift (0.1 + 0.2)', () => {
    const o = sizeOrder({ balance: '0.3', price: '0.1', exposure: 1, lotStep: '0.1' });
    expect(o.quantity.toString()).toBe('3');
    expect(o.leftover.isZero()).toBe(true);
  });

  it('returns quantity 0 with a reason below the minimum notional or the lot step', () => {
    expect(sizeOrder({ balance: '100', price: '50', exposure: 0.6, minNotional: '100' })).toMatchObject({ reason: 'BELOW_MIN_NOTIONAL' });
    expect(sizeOrder({ balance: '100', price: '50', exposure: 0.1 }).reason).toBe('BELOW_LOT_STEP');
    expect(sizeOrder({ balance: '100', price: '50', exposure: 0 }).reason).toBe('ZERO_SIZE');
  });

  it('never exceeds the target, never goes negative, and leaves less than one lot (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.constantFrom('1', '0.1', '0.001', '5'),
        (balanceCents, priceCents, exposure, lot) => {
          const price = new Money(priceCents).div(100);
          const o = sizeOrder({ balance: new Money(balanceCents).div(100), price, exposure, lotStep: lot });
          return (
            !o.quantity.isNegative() &&
            o.notional.lessThanOrEqualTo(o.targetNotional) &&
            !o.leftover.isNegative() &&
            (o.quantity.isZero() || o.leftover.lessThan(price.times(lot))) &&
            o.quantity.mod(lot).isZero()
          );
        },
      ),
    );
  });

  it('doubles the quantity when the balance doubles, before rounding matters', () => {
    const a = sizeOrder({ balance: '100000', price: '10', exposure: 0.5 });
    const b = sizeOrder({ balance: '200000', price: '10', exposure: 0.5 });
    expect(b.quantity.toString()).toBe(a.quantity.times(2).toString());
  });

  it('leaves the global Decimal settings alone', () => {
    const before = Decimal.precision;
    sizeOrder({ balance: '1', price: '3', exposure: 1, lotStep: '0.000001' });
    expect(Decimal.precision).toBe(before);
    expect(Money.precision).toBe(40);
  });

  it.each([
    [{ balance: '-1', price: '10', exposure: 1 }, 'request.balance'],
    [{ balance: 'abc', price: '10', exposure: 1 }, 'request.balance'],
    [{ balance: '100', price: '0', exposure: 1 }, 'request.price'],
    [{ balance: '100', price: Number.NaN, exposure: 1 }, 'request.price'],
    [{ balance: '100', price: '10', exposure: 1, lotStep: '0' }, 'request.lotStep'],
    [{ balance: '100', price: '10', exposure: -0.5 }, 'request.exposure'],
    [{ balance: '100', price: '10', exposure: Infinity }, 'request.exposure'],
    [{ balance: '100', price: '10', riskFraction: 0.01, stopDistance: '0' }, 'request.stopDistance'],
    [{ balance: '100', price: '10', riskFraction: 0.01 }, 'request.stopDistance'],
    [{ balance: '100', price: '10' }, 'request.exposure'],
  ])('rejects %o naming %s', (request, field) => {
    expect(() => sizeOrder(request as never)).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });

  it('reads Decimals of other clones and numbers through their shortest form', () => {
    expect(toMoney(new Decimal('1.5'), 'x').toString()).toBe('1.5');
    expect(toMoney(0.1, 'x').toString()).toBe('0.1');
  });
});

describe('money arithmetic isolation', () => {
  it("does its arithmetic at its own precision even on a Decimal from the user's 5-digit clone", () => {
    const Coarse = Decimal.clone({ precision: 5, rounding: Decimal.ROUND_UP });
    // 100000 × 0.333333 = 33333.3: at 5 digits rounding up that is 33334 (a unit too many).
    const o = sizeOrder({ balance: new Coarse('100000'), price: '1', exposure: 0.333333 });
    expect(o.quantity.toString()).toBe('33333');
    expect(o.targetNotional.toString()).toBe('33333.3');
  });
});
