import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeSortedRuns } from '../../src/montecarlo/sortPathRows.js';

describe('mergeSortedRuns', () => {
  it('equals a full sort for any split into sorted runs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (values, cuts) => {
          const n = values.length;
          const bounds = [...new Set([0, n, ...cuts.map((c) => c % (n + 1))])].sort((a, b) => a - b);
          const row = Float64Array.from(values);
          for (let r = 0; r + 1 < bounds.length; r++) row.subarray(bounds[r], bounds[r + 1]).sort();
          const expected = Float64Array.from(values).sort();
          // Compare as numbers: a split may order −0 and +0 differently, which no summary can observe.
          expect(Array.from(mergeSortedRuns(row, bounds), (x) => x + 0)).toEqual(Array.from(expected, (x) => x + 0));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
