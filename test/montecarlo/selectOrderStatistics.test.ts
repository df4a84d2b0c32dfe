import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectOrderStatistics } from '../../src/montecarlo/selectOrderStatistics.js';

/** Arrays shaped like simulated rows: spread values, tight clusters (a binary lattice's sums), duplicates, wide ranges. */
const rows = fc.oneof(
  fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3_000 }),
  fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 3_000 }).map((xs) => xs.map((k) => k * 0.245 + (k % 3) * 1e-15)),
  fc.array(fc.constantFrom(0, 1e-300, 5e-324, 2.5, 2.5000000000000004), { minLength: 1, maxLength: 2_000 }),
  fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 1_000 }),
  fc.array(fc.constantFrom(-1e308, -1, 0, 1, 1e308), { minLength: 300, maxLength: 1_000 }), // max − min overflows
);

describe('selectOrderStatistics', () => {
  it('gives exactly the values a full sort puts at the ranks, leaving its input alone (property)', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (values, picks) => {
        const input = Float64Array.from(values);
        const before = input.slice();
        const ranks = picks.map((k) => k % input.length);
        const sorted = input.slice().sort();
        const found = selectOrderStatistics(input, ranks);
        // Compared as numbers: −0 and 0 are the same order statistic.
        expect(Array.from(found, (x) => x + 0)).toEqual(ranks.map((r) => sorted[r] + 0));
        expect(input).toEqual(before);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('uses the extremes it is given and handles a constant row', () => {
    const xs = Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 100);
    const sorted = xs.slice().sort();
    expect(Array.from(selectOrderStatistics(xs, [0, 4_999, 5_000, 9_999], sorted[0], sorted[9_999]))).toEqual([sorted[0], sorted[4_999], sorted[5_000], sorted[9_999]]);
    expect(Array.from(selectOrderStatistics(new Float64Array(5_000).fill(7), [0, 2_500, 4_999]))).toEqual([7, 7, 7]);
  });
});
