import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { floorToLot } from '../../src/money/floorToLot.js';
import { Money } from '../../src/money/Money.js';

// Oracle: the same rounding with a 200-digit division (no realistic input rounds there).
const Wide = Decimal.clone({ precision: 200 });
const oracle = (amount: string, perUnit: string, lot: string) =>
  new Wide(amount).div(new Wide(perUnit).times(lot)).toDecimalPlaces(0, Wide.ROUND_DOWN).times(lot).toFixed();

const decimalString = (maxInt: number, places: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** places - 1 })).map(([i, f]) => `${i}.${String(f).padStart(places, '0')}`);

describe('floorToLot', () => {
  it('buys 60 shares at 412.37 with 25000 (60 × 412.37 = 24742.20, 61 × = 25154.57)', () => {
    expect(floorToLot(new Money('25000'), new Money('412.37'), new Money('1')).toString()).toBe('60');
  });

  it('lands exactly on a boundary: 3 lots of 0.1 at 0.1 cost exactly 0.03', () => {
    expect(floorToLot(new Money('0.03'), new Money('0.1'), new Money('0.1')).toString()).toBe('0.3');
  });

  it('does not round up where a 40-digit quotient would reach the next lot', () => {
    // 3 − 10⁻⁴⁵, kept to the digit (decimal.js rounds results, not constructed values):
    // a 40-digit division would round the quotient to 3; the exact answer is 2.
    const amount = new Money(`2.${'9'.repeat(45)}`);
    expect(amount.div(1).toString()).toBe('3'); // what the division would have said
    expect(floorToLot(amount, new Money('1'), new Money('1')).toString()).toBe('2');
  });

  it('agrees with a 200-digit division on random amounts, prices and lots (property)', () => {
    fc.assert(
      fc.property(decimalString(10_000_000, 4), decimalString(100_000, 6), fc.constantFrom('1', '0.1', '0.001', '5', '100', '0.00000001'), (amount, perUnit, lot) => {
        if (new Wide(perUnit).isZero()) return true;
        return floorToLot(new Money(amount), new Money(perUnit), new Money(lot)).toFixed() === oracle(amount, perUnit, lot);
      }),
    );
  });

  it('takes the division path for astronomically many lots, with the same answer', () => {
    const amount = '123456789012345678901234.5';
    expect(floorToLot(new Money(amount), new Money('0.001'), new Money('1')).toFixed()).toBe(oracle(amount, '0.001', '1'));
  });

  // Issue 9, item 1: a zero or negative price made the settling loop run forever (negative)
  // or return Infinity (zero). Both are bad input now.
  it.each([
    ['a zero price', '100', '0', '1', 'perUnit'],
    ['a negative price', '100', '-1', '1', 'perUnit'],
    ['a negative amount', '-5', '10', '1', 'amount'],
    ['a zero lot', '100', '10', '0', 'lot'],
    ['a NaN lot', '100', '10', Number.NaN, 'lot'],
    ['a non-number', '100', 'ten', '1', 'perUnit'],
  ])('rejects %s, naming the argument', (_what, amount, perUnit, lot, field) => {
    let error: unknown;
    try {
      floorToLot(amount, perUnit, lot as string);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ field });
  });

  it('stays exact with a lot step of 5e-324 (more lots than a float counts)', () => {
    // Oracle: the same floor with a 1000-digit division (5e-324 lots of 412.37 in 25000: ~1.2e322 lots).
    const Huge = Decimal.clone({ precision: 1000 });
    const expected = new Huge('25000').div(new Huge('412.37').times('5e-324')).toDecimalPlaces(0, Huge.ROUND_DOWN).times('5e-324');
    const q = floorToLot('25000', '412.37', 5e-324);
    expect(new Huge(q).eq(expected)).toBe(true);
    expect(new Huge(q).times('412.37').lte('25000')).toBe(true);
  });

  it('reads strings and numbers as well as Decimals', () => {
    expect(floorToLot('25000', 412.37, '1').toString()).toBe('60');
    expect(floorToLot(0, '412.37', '1').toString()).toBe('0');
  });
});
