import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { purgedKFold, type LabelSpan } from '../../src/regime/purgedKFold.js';

/**
 * López de Prado (2018), AFML snippet 7.1 (getTrainTimes) with the embargo of snippet 7.2
 * (each test label's end pushed `embargo` later): a training label is dropped when it
 * starts inside a test label, ends inside one, or envelops one. Written per pair, as in
 * the book, as a brute-force twin of purgedKFold's contiguous-fold shortcut.
 */
function bookTrainSet(spans: readonly LabelSpan[], test: readonly number[], embargo: number): number[] {
  const keep: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    if (test.includes(i)) continue;
    const { start, end } = spans[i];
    const clash = test.some((j) => {
      const t0 = spans[j].start;
      const t1 = spans[j].end + embargo;
      return (t0 <= start && start <= t1) || (t0 <= end && end <= t1) || (start <= t0 && t1 <= end);
    });
    if (!clash) keep.push(i);
  }
  return keep;
}

describe('purgedKFold', () => {
  it('cuts time-ordered folds and purges overlapping labels (worked by hand)', () => {
    const spans = [
      { start: 0, end: 2 },
      { start: 1, end: 3 },
      { start: 4, end: 5 },
      { start: 6, end: 9 },
      { start: 7, end: 8 },
      { start: 10, end: 11 },
    ];
    const folds = purgedKFold(spans, { folds: 3 });
    expect(folds.map((f) => f.test)).toEqual([[0, 1], [2, 3], [4, 5]]);
    // fold 2 tests 2 and 3, span 4–9: sample 4 (7–8) lies inside it → purged.
    expect(folds[1]).toEqual({ train: [0, 1, 5], test: [2, 3], purged: 1, embargoed: 0 });
    // fold 3 tests 4 and 5, span 7–11: sample 3 (6–9) overlaps → purged.
    expect(folds[2]).toEqual({ train: [0, 1, 2], test: [4, 5], purged: 1, embargoed: 0 });
    // An embargo of 1 after fold 1 (span 0–3) drops sample 2, which starts at 4 ≤ 3 + 1.
    expect(purgedKFold(spans, { folds: 3, embargo: 1 })[0]).toEqual({ train: [3, 4, 5], test: [0, 1], purged: 0, embargoed: 1 });
  });

  it('gives the training sets of the book\'s per-pair rule on random spans, and tests every sample once', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 30 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(span, { minLength: 2, maxLength: 60 }), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 10 }), (spans, k, embargo) => {
        fc.pre(k <= spans.length);
        const folds = purgedKFold(spans, { folds: k, embargo });
        expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(spans.map((_, i) => i));
        for (const fold of folds) {
          expect([...fold.train].sort((a, b) => a - b)).toEqual(bookTrainSet(spans, fold.test, embargo));
          expect(fold.train.length + fold.test.length + fold.purged + fold.embargoed).toBe(spans.length);
        }
        const sizes = folds.map((f) => f.test.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('rejects bad spans and options, naming the field', () => {
    const spans = [{ start: 0, end: 1 }, { start: 2, end: 3 }];
    const cases: [() => unknown, string][] = [
      [() => purgedKFold(spans, { folds: 3 }), 'options.folds'],
      [() => purgedKFold(spans, { folds: 1 }), 'options.folds'],
      [() => purgedKFold(spans, { embargo: -1, folds: 2 }), 'options.embargo'],
      [() => purgedKFold([{ start: 0, end: 1 }, { start: 2, end: 1 }], { folds: 2 }), 'spans[1].end'],
      [() => purgedKFold([{ start: Number.NaN, end: 1 }, { start: 2, end: 3 }], { folds: 2 }), 'spans[0].start'],
      [() => purgedKFold([null as never, { start: 2, end: 3 }], { folds: 2 }), 'spans[0]'],
      [() => purgedKFold('x' as never), 'spans'],
      [() => purgedKFold(spans, { fold: 2 } as never), 'options.fold'],
    ];
    for (const [call, field] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });
});
