import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer, knownKeys, nonNegative } from '../validate.js';

/** When a sample's label was decided: from its start (e.g. the entry) to its end (the exit), in any time unit. */
export interface LabelSpan {
  start: number;
  end: number;
}

export interface PurgedKFoldOptions {
  /** Number of test folds (contiguous in time). */
  folds: number;
  /** Time after a test fold's last label end during which training samples may not start (same unit as the spans). */
  embargo: number;
}

export const PURGED_K_FOLD_DEFAULTS: Readonly<PurgedKFoldOptions> = Object.freeze({ folds: 5, embargo: 0 });

/** One fold: sample indices (into the spans) to train and to test on. */
export interface PurgedFold {
  train: number[];
  test: number[];
  /** Samples left out because their label span overlaps the test fold's. */
  purged: number;
  /** Samples left out because they start within the embargo after the test fold. */
  embargoed: number;
}

/**
 * Purged k-fold cross-validation with an embargo (López de Prado 2018, *Advances in
 * Financial Machine Learning*, ch. 7): the samples, ordered by start time, are cut into
 * `folds` contiguous test folds (sizes differing by at most one, the larger first). For
 * each, a sample trains only when its label span ends before the fold's first start or
 * starts after the fold's last end plus `embargo`: a label that overlaps the test period
 * would leak it (purging), and one that starts right after it may still be correlated with
 * it (embargo). Ordered by (start, end, index). O(folds · n + n log n).
 *
 * @example purgedKFold([{ start: 0, end: 2 }, { start: 1, end: 3 }, { start: 4, end: 5 }, { start: 6, end: 7 }], { folds: 2 })
 * // fold 1 tests samples 0, 1 (span 0–3) and trains on 2, 3; fold 2 tests 2, 3 (span 4–7) and trains on 0, 1
 */
export function purgedKFold(spans: readonly LabelSpan[], options: Partial<PurgedKFoldOptions> = {}): PurgedFold[] {
  if (!Array.isArray(spans)) throw new SizewiseError('INVALID_TYPE', 'spans', `spans must be an array of { start, end }, received ${describeValue(spans)}`, spans);
  knownKeys(options, 'options', Object.keys(PURGED_K_FOLD_DEFAULTS));
  const o = { ...PURGED_K_FOLD_DEFAULTS, ...options };
  const n = spans.length;
  integer(o.folds, 'options.folds', 2);
  if (o.folds > n) throw new SizewiseError('OUT_OF_RANGE', 'options.folds', `options.folds must be at most the number of samples (${n}), received ${o.folds}`, o.folds);
  nonNegative(o.embargo, 'options.embargo');
  for (let i = 0; i < n; i++) {
    const s = spans[i] as unknown as LabelSpan | null;
    if (s === null || typeof s !== 'object') throw new SizewiseError('INVALID_TYPE', `spans[${i}]`, `spans[${i}] must be { start, end }, received ${describeValue(s)}`, s);
    const start = finite(s.start, `spans[${i}].start`);
    const end = finite(s.end, `spans[${i}].end`);
    if (end < start) throw new SizewiseError('OUT_OF_RANGE', `spans[${i}].end`, `spans[${i}].end must not be before its start ${start}, received ${end}`, end);
  }
  const order = Array.from(spans.keys()).sort((a, b) => spans[a].start - spans[b].start || spans[a].end - spans[b].end || a - b);
  const folds: PurgedFold[] = [];
  let from = 0;
  for (let k = 0; k < o.folds; k++) {
    const size = Math.floor(n / o.folds) + (k < n % o.folds ? 1 : 0);
    const test = order.slice(from, from + size);
    from += size;
    const testStart = spans[test[0]].start;
    const testEnd = Math.max(...test.map((i) => spans[i].end));
    const inTest = new Set(test);
    const train: number[] = [];
    let purged = 0;
    let embargoed = 0;
    for (const i of order) {
      if (inTest.has(i)) continue;
      const s = spans[i];
      if (s.end < testStart || s.start > testEnd + o.embargo) train.push(i);
      else if (s.start > testEnd) embargoed++;
      else purged++;
    }
    folds.push({ train, test, purged, embargoed });
  }
  return folds;
}
