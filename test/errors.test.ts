import { describe, expect, it } from 'vitest';
import { describeValue } from '../src/errors.js';
import { finite } from '../src/validate.js';

describe('describeValue', () => {
  it('shows NaN, -0, long strings and arrays unambiguously', () => {
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue('x'.repeat(50))).toBe(JSON.stringify(`${'x'.repeat(40)}…`));
    expect(describeValue([1, 2])).toBe('an array of length 2');
    expect(describeValue(new Float64Array(1))).toBe('a Float64Array');
  });

  it('never throws: BigInts, Symbols, null prototypes and constructors named by a Symbol', () => {
    // A constructor whose name is a Symbol made every validator throw a TypeError
    // ("Cannot convert a Symbol value to a string") instead of its SizewiseError.
    expect(describeValue({ constructor: { name: Symbol('x') } })).toBe('an object (Object)');
    expect(describeValue(1n)).toBe('a BigInt (1n)');
    expect(describeValue(Symbol('s'))).toBe('a Symbol');
    expect(describeValue(Object.create(null))).toBe('an object (Object)');
    expect(() => finite({ constructor: { name: Symbol('x') } }, 'x')).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'x' }));
  });
});
