import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorQuotient, roundedQuotient } from '../../src/money/exactQuotient.js';
import { Money } from '../../src/money/Money.js';

// Oracle: decimal.js itself at 200 digits (no input here has a quotient that needs more),
// with its own ROUND_DOWN and ROUND_HALF_EVEN.
const Wide = Decimal.clone({ precision: 200 });

const decimalString = (maxInt: number, places: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** places - 1 })).map(([i, f]) => `${i}.${String(f).padStart(places, '0')}`);

describe('floorQuotient', () => {
  it('is floor(a ÷ b) on random amounts (property)', () => {
    fc.assert(
      fc.property(decimalString(10_000_000, 6), decimalString(100_000, 8), (a, b) => {
        if (new Wide(b).isZero()) return true;
        return floorQuotient(new Money(a), new Money(b)).toFixed() === new Wide(a).div(b).toDecimalPlaces(0, Wide.ROUND_DOWN).toFixed();
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('is exact past 2⁵⁰ units, where a float cannot count', () => {
    const a = new Money('123456789012345678901234567.89');
    const b = new Money('0.000000001');
    expect(floorQuotient(a, b).toFixed()).toBe(new Wide(a).div(b).toDecimalPlaces(0, Wide.ROUND_DOWN).toFixed());
  });
});

describe('roundedQuotient', () => {
  it('rounds 10 ÷ 3 to 3.33 and 20 ÷ 3 to 6.67', () => {
    expect(roundedQuotient(new Money(10), new Money(3), 2).toFixed()).toBe('3.33');
    expect(roundedQuotient(new Money(20), new Money(3), 2).toFixed()).toBe('6.67');
  });

  it('rounds exact halves to even: 0.125 → 0.12, 0.135 → 0.14, 2.5 → 2 at 0 places', () => {
    expect(roundedQuotient(new Money('0.25'), new Money(2), 2).toFixed()).toBe('0.12');
    expect(roundedQuotient(new Money('0.27'), new Money(2), 2).toFixed()).toBe('0.14');
    expect(roundedQuotient(new Money(5), new Money(2), 0).toFixed()).toBe('2');
    expect(roundedQuotient(new Money(7), new Money(2), 0).toFixed()).toBe('4');
  });

  it('agrees with a 200-digit division rounded half-even (property)', () => {
    fc.assert(
      fc.property(decimalString(10_000_000, 6), decimalString(10_000, 6), fc.integer({ min: 0, max: 8 }), (a, b, places) => {
        if (new Wide(b).isZero()) return true;
        const expected = new Wide(a).div(b).toDecimalPlaces(places, Wide.ROUND_HALF_EVEN).toFixed();
        return roundedQuotient(new Money(a), new Money(b), places).toFixed() === expected;
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('decides a near-tie exactly where a 40-digit quotient reads an exact half', () => {
    // (2·10⁴⁵ + 1) ÷ (4·10⁴⁵) = 0.5 + 2.5·10⁻⁴⁶: just above half a unit, so it rounds up to 1
    // at 0 places; Money's own 40-digit division reads 0.5 and rounds to even, 0.
    const a = new Money(`2${'0'.repeat(44)}1`);
    const b = new Money(`4${'0'.repeat(45)}`);
    expect(roundedQuotient(a, b, 0).toFixed()).toBe('1');
    expect(a.div(b).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed()).toBe('0');
  });

  it('gives the same answer from a float estimate as without one, ties included (property)', () => {
    fc.assert(
      fc.property(decimalString(1_000_000, 6), decimalString(10_000, 4), fc.integer({ min: 0, max: 6 }), fc.boolean(), (a, b, places, tie) => {
        if (new Wide(b).isZero()) return true;
        // Half the runs put a exactly on a half unit of the quotient: (k + ½)·10^-places × b.
        const dividend = tie ? new Wide(a).div(b).toDecimalPlaces(places, Wide.ROUND_DOWN).plus(new Wide(`5e-${places + 1}`)).times(b).toFixed() : a;
        const A = new Money(dividend);
        const B = new Money(b);
        const estimate = Number(dividend) / Number(b);
        const expected = new Wide(dividend).div(b).toDecimalPlaces(places, Wide.ROUND_HALF_EVEN).toFixed();
        return roundedQuotient(A, B, places, estimate).toFixed() === expected && roundedQuotient(A, B, places).toFixed() === expected;
      }),
      { seed: 13, numRuns: 1000 },
    );
  });
});
