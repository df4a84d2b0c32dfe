import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { Money, toMoney } from '../../src/money/Money.js';
import { sizeOrder } from '../../src/money/sizeOrder.js';

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

  it('never exceeds the target, never goes negative, and leaves less than one lot and a cent (property)', () => {
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
            // Exactly, the leftover is under one lot's cost; target and notional are each rounded
            // to the cent, so the rounded leftover is under one lot's cost plus a cent.
            (o.quantity.isZero() || o.leftover.lessThan(price.times(lot).plus('0.01'))) &&
            o.notional.plus(o.leftover).eq(o.targetNotional) &&
            o.notional.decimalPlaces() <= 2 &&
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
    [{ balance: '100', price: '10', exposure: 1, moneyDecimals: 1.5 }, 'request.moneyDecimals'],
    [{ balance: '100', price: '10', exposure: 1, moneyDecimals: -1 }, 'request.moneyDecimals'],
    [{ balance: '100', price: '10', exposure: 1, moneyDecimals: 31 }, 'request.moneyDecimals'],
    [{ balance: '1e400', price: '10', exposure: 1 }, 'request.balance'],
    [{ balance: '100', price: '10', exposure: 1, lotStep: '1e-400' }, 'request.lotStep'],
    [{ balance: '100', price: '10', exposure: 1, extra: 1 }, 'request.extra'],
    [null, 'request'],
    ['100', 'request'],
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

describe('money leaving sizeOrder', () => {
  it('is rounded to cents by default: leftover no longer prints 40 digits', () => {
    // 100000 × 0.123456789 = 12345.6789 target; 29 × 412.37 = 11958.73 notional.
    const o = sizeOrder({ balance: '100000', price: '412.37', exposure: 0.123456789 });
    expect(o.targetNotional.toFixed()).toBe('12345.68');
    expect(o.notional.toFixed()).toBe('11958.73');
    expect(o.leftover.toFixed()).toBe('386.95');
    expect(o.quantity.toFixed()).toBe('29');
  });

  it('rounds half to even (banker\'s rounding) at the last place', () => {
    // 1 unit at 0.015 is 1.5 cents → 2 cents; 5 units at 0.005 are 2.5 cents → 2 cents (half to even).
    expect(sizeOrder({ balance: '0.015', price: '0.015', exposure: 1 }).notional.toFixed()).toBe('0.02');
    expect(sizeOrder({ balance: '0.025', price: '0.005', exposure: 1 }).notional.toFixed()).toBe('0.02');
  });

  it('takes moneyDecimals, and keeps quantities on the lot grid whatever it is', () => {
    const crypto = sizeOrder({ balance: '1000', price: '0.000123457', exposure: 0.5, lotStep: '0.1', moneyDecimals: 8 });
    // Python's decimal module, 50 digits: 500 ÷ 0.000123457 = 4049993.115… → 4049993.1 (lots of 0.1);
    // 4049993.1 × 0.000123457 = 499.9999981467 → 499.99999815 at 8 places.
    expect(crypto.quantity.toFixed()).toBe('4049993.1');
    expect(crypto.notional.toFixed()).toBe('499.99999815');
    expect(crypto.leftover.toFixed()).toBe('0.00000185');
    expect(sizeOrder({ balance: '1000', price: '3', exposure: 1, moneyDecimals: 0 }).riskAmount.toFixed()).toBe('999');
  });

  it('reads a size of -0 as 0: no -0 money comes out', () => {
    for (const o of [sizeOrder({ balance: '1000', price: '3', exposure: -0 }), sizeOrder({ balance: '1000', price: '3', riskFraction: -0, stopDistance: '1' })]) {
      for (const money of [o.notional, o.leftover, o.targetNotional, o.riskAmount, o.quantity]) expect(money.isNegative()).toBe(false);
      expect(o.orderReason).toBe('ZERO_SIZE');
    }
  });

  it('names why an order is empty orderReason, as size() does, and keeps reason readable', () => {
    const o = sizeOrder({ balance: '100', price: '50', exposure: 0.1 });
    expect(o.orderReason).toBe('BELOW_LOT_STEP');
    expect(o.reason).toBe('BELOW_LOT_STEP'); // deprecated alias
    expect(Object.keys(o)).not.toContain('reason');
    expect(JSON.parse(JSON.stringify(o)).orderReason).toBe('BELOW_LOT_STEP');
  });

  // Issue 9, item 7: with a lot step of 5e-324 the 40-digit quotient rounded up, giving a
  // notional above the target and a negative leftover.
  it('never spends more than the target with a lot step of 5e-324', () => {
    const o = sizeOrder({ balance: '100000', price: '412.37', exposure: 0.25, lotStep: 5e-324 });
    expect(o.notional.lessThanOrEqualTo(o.targetNotional)).toBe(true);
    expect(o.leftover.isNegative()).toBe(false);
    expect(o.targetNotional.toFixed()).toBe('25000');
    // 25000 ÷ 412.37 = 60.624… units: on a 5e-324 grid the notional is 25000 less under 5e-324 × 412.37, to the cent 25000.
    expect(o.notional.toFixed()).toBe('25000');
    const risk = sizeOrder({ balance: '100000', price: '412.37', riskFraction: 0.01, stopDistance: '3', lotStep: 5e-324 });
    expect(risk.notional.lessThanOrEqualTo(risk.targetNotional)).toBe(true);
    expect(risk.riskAmount.lessThanOrEqualTo('1000')).toBe(true);
    expect(risk.leftover.isNegative()).toBe(false);
  });
});

describe('toMoney', () => {
  // Issue 9, item 16: toMoney('abc', null) reported field: null.
  it('names the value "value" when no field name is given', () => {
    const error = (() => {
      try {
        toMoney('abc', null as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ code: 'INVALID_TYPE', field: 'value' });
    expect(() => toMoney(Number.NaN)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'value' }));
  });

  it('reads -0 as 0, and refuses magnitudes outside a double\'s', () => {
    expect(toMoney(-0, 'x', { allowZero: true }).isNegative()).toBe(false);
    expect(toMoney('5e-324', 'x').toString()).toBe('5e-324');
    expect(() => toMoney('1e309', 'x')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'x' }));
    expect(() => toMoney('1e-325', 'x')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'x' }));
  });
});
