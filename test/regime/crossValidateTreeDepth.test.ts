import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossValidateTreeDepth } from '../../src/regime/crossValidateTreeDepth.js';
import { DecisionTree } from '../../src/regime/DecisionTree.js';
import { purgedKFold } from '../../src/regime/purgedKFold.js';

// Rows and labels from the scikit-learn fixture (any labelled data would do); spans made up in time order.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/regime/decision_tree_sklearn.json', import.meta.url), 'utf8')) as { cases: { X: number[][]; y: string[] }[] };
const { X, y } = fixture.cases[3];
const spans = X.map((_, i) => ({ start: i, end: i + (i % 7) }));

describe('crossValidateTreeDepth', () => {
  it('scores each depth as brute force does: one tree per fold and depth, fitted from scratch', () => {
    const options = { depths: [1, 2, 3, 5], folds: 4, embargo: 3, minSamplesLeaf: 5 };
    const result = crossValidateTreeDepth(X, y, spans, options);
    const folds = purgedKFold(spans, { folds: 4, embargo: 3 });
    for (const score of result.scores) {
      const brute = folds.map((fold) => {
        const tree = DecisionTree.fit(fold.train.map((i) => X[i]), fold.train.map((i) => y[i]), { maxDepth: score.depth, minSamplesLeaf: 5 });
        return fold.test.filter((i) => tree.predict(X[i]) === y[i]).length / fold.test.length;
      });
      expect(score.accuracies).toEqual(brute);
      const mean = brute.reduce((a, b) => a + b, 0) / brute.length;
      expect(score.meanAccuracy).toBeCloseTo(mean, 14);
      expect(score.sdAccuracy).toBeCloseTo(Math.sqrt(brute.reduce((a, b) => a + (b - mean) ** 2, 0) / (brute.length - 1)), 14);
    }
    const best = Math.max(...result.scores.map((s) => s.meanAccuracy));
    expect(result.depth).toBe(Math.min(...result.scores.filter((s) => s.meanAccuracy === best).map((s) => s.depth)));
    expect(result.skippedFolds).toBe(0);
  });

  it('reports each fold fitted to onProgress, and gives the same result with it', () => {
    const options = { depths: [1, 2, 3], folds: 4, embargo: 3, minSamplesLeaf: 5 };
    const calls: [number, number][] = [];
    const reported = crossValidateTreeDepth(X, y, spans, { ...options, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    expect(reported).toEqual(crossValidateTreeDepth(X, y, spans, options));
    expect(() => crossValidateTreeDepth(X, y, spans, { onProgress: 1 as never })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.onProgress' }));
  });

  it('skips a fold whose training part holds one class, and refuses when none is left', () => {
    const rows = [[1], [2], [3], [4], [5], [6]];
    const labels = ['a', 'a', 'a', 'b', 'b', 'b'];
    const line = rows.map((_, i) => ({ start: i, end: i }));
    // Two folds: each trains on one half, which holds a single class.
    expect(() => crossValidateTreeDepth(rows, labels, line, { folds: 2 })).toThrow(expect.objectContaining({ code: 'ONE_CLASS', field: 'labels' }));
    const three = crossValidateTreeDepth(rows, labels, line, { folds: 3, depths: [1] });
    expect(three.skippedFolds).toBe(0);
    expect(three.scores[0].accuracies).toHaveLength(3);
  });

  it('reports no spread (null, never NaN) when a single fold is usable', () => {
    // Fold 1 trains on rows 2–3 (only 'b') and is skipped; fold 2 trains on rows 0–1.
    const one = crossValidateTreeDepth([[1], [2], [3], [4]], ['a', 'b', 'b', 'b'], [0, 1, 2, 3].map((i) => ({ start: i, end: i })), { folds: 2, depths: [1] });
    expect(one.skippedFolds).toBe(1);
    expect(one.scores[0].accuracies).toHaveLength(1);
    expect(one.scores[0].sdAccuracy).toBeNull();
  });

  it('rejects bad input, naming the field', () => {
    const cases: [() => unknown, string][] = [
      [() => crossValidateTreeDepth(X, y, spans, { depths: [] }), 'options.depths'],
      [() => crossValidateTreeDepth(X, y, spans, { depths: [0] }), 'options.depths[0]'],
      [() => crossValidateTreeDepth(X, y, spans.slice(1)), 'spans'],
      [() => crossValidateTreeDepth(X, y, spans, { folds: 1 }), 'options.folds'],
      [() => crossValidateTreeDepth(X, y, spans, { embargo: -1 }), 'options.embargo'],
      [() => crossValidateTreeDepth(X, y, spans, { deep: 1 } as never), 'options.deep'],
      [() => crossValidateTreeDepth([[Number.NaN], ...X.slice(1)], y, spans), 'rows[0][0]'],
    ];
    for (const [call, field] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });
});
