import { describe, expect, it } from 'vitest';
import { atr } from '../../src/volatility/atr.js';
import { trueRange } from '../../src/volatility/trueRange.js';

describe('trueRange and atr', () => {
  // A four-bar example worked by hand from Wilder's definitions.
  const high = [10, 12, 11, 15];
  const low = [8, 9, 7, 13];
  const close = [9, 11, 8, 14];

  it('includes gaps from the previous close in the true range', () => {
    // bar 1: max(3, |12−9|, |9−9|) = 3; bar 2: max(4, 0, 4) = 4; bar 3: max(2, |15−8| = 7, 5) = 7.
    expect(Array.from(trueRange(high, low, close))).toEqual([2, 3, 4, 7]);
  });

  it("seeds with the simple mean, then applies Wilder's smoothing", () => {
    const a = atr(high, low, close, 2);
    expect(Number.isNaN(a[0])).toBe(true);
    expect(a[1]).toBe((2 + 3) / 2); // 2.5
    expect(a[2]).toBe((2.5 * 1 + 4) / 2); // 3.25
    expect(a[3]).toBe((3.25 * 1 + 7) / 2); // 5.125
  });

  it('rejects mismatched columns and a bad period', () => {
    expect(() => atr([1, 2], [1], [1, 2])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => atr(high, low, close, 0)).toThrow(expect.objectContaining({ field: 'period' }));
  });
});
