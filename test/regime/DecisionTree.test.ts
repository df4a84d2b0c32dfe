import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecisionTree } from '../../src/regime/DecisionTree.js';

interface SklearnCase {
  name: string;
  params: { max_depth: number; min_samples_leaf: number };
  classes: string[];
  X: number[][];
  y: string[];
  nodes: ({ feature: number; threshold: number; left: number; right: number; counts: number[] } | { counts: number[] })[];
  depth: number;
  leaves: number;
  X_test: number[][];
  predict: string[];
  predict_proba: number[][];
  predict_train: string[];
}

// Made by scripts/fixtures/regime_decision_tree.py with Debian's scikit-learn 1.2
// (DecisionTreeClassifier(criterion='gini', max_depth, min_samples_leaf)); the script
// certifies that no node has two equally good splits and that every split lowers impurity.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/regime/decision_tree_sklearn.json', import.meta.url), 'utf8')) as { source: string; cases: SklearnCase[] };

describe('DecisionTree against scikit-learn', () => {
  it('has the fixture cases', () => {
    expect(fixture.source).toMatch(/scikit-learn 1\.2/);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const tree = DecisionTree.fit(c.X, c.y, { maxDepth: c.params.max_depth, minSamplesLeaf: c.params.min_samples_leaf });

    it('grows the same nodes: features, thresholds, children and class counts (scikit-learn tree_)', () => {
      expect(tree.classes).toEqual(c.classes);
      expect(tree.nodes.length).toBe(c.nodes.length);
      expect(tree.depth).toBe(c.depth);
      expect(tree.leaves).toBe(c.leaves);
      c.nodes.forEach((expected, i) => {
        const node = tree.nodes[i];
        expect(node.counts).toEqual(expected.counts);
        if ('feature' in expected) {
          expect(node).toMatchObject({ feature: expected.feature, left: expected.left, right: expected.right });
          // scikit-learn's threshold is a float64 midpoint of two float32 values: the same double here.
          expect((node as { threshold: number }).threshold).toBe(expected.threshold);
        } else {
          expect('feature' in node).toBe(false);
        }
      });
    });

    it('predicts the same classes and probabilities on held-out and training rows', () => {
      c.X_test.forEach((row, i) => {
        expect(tree.predict(row)).toBe(c.predict[i]);
        const proba = tree.predictProba(row);
        c.classes.forEach((cls, k) => expect(proba[cls]).toBeCloseTo(c.predict_proba[i][k], 14));
      });
      c.X.forEach((row, i) => expect(tree.predict(row)).toBe(c.predict_train[i]));
    });
  });
});

describe('DecisionTree', () => {
  // Hand-worked: labels a a b b a at x = 1…5. Gini of the root = 1 − (3/5)² − (2/5)² = 0.48.
  // Split after 2 (x ≤ 2.5): left {a, a} pure, right {b, b, a}: 3/5 · (1 − 1/9 − 4/9) = 4/15 ≈ 0.267, the best of the four.
  const rows = [[1], [2], [3], [4], [5]];
  const labels = ['a', 'a', 'b', 'b', 'a'];

  it('splits at the midpoint with the lowest weighted Gini impurity (worked by hand)', () => {
    const stump = DecisionTree.fit(rows, labels, { maxDepth: 1 });
    expect(stump.nodes[0]).toMatchObject({ feature: 0, threshold: 2.5, left: 1, right: 2 });
    expect(stump.predict([2.5])).toBe('a'); // x ≤ threshold goes left
    expect(stump.predict([2.6])).toBe('b');
    expect(stump.predictProba([4])).toEqual({ a: 1 / 3, b: 2 / 3 });
  });

  it('never splits a node when no split lowers its impurity (scikit-learn would)', () => {
    // XOR: any single split leaves both sides at the parent's 50/50 mix.
    const xor = DecisionTree.fit([[0, 0], [0, 1], [1, 0], [1, 1]], ['a', 'b', 'b', 'a'], { maxDepth: 3 });
    expect(xor.nodes.length).toBe(1);
    expect(xor.predict([0, 0])).toBe('a'); // tie in counts → first class in sorted order
  });

  it('respects minSamplesLeaf and maxDepth', () => {
    const tree = DecisionTree.fit(rows, labels, { minSamplesLeaf: 3 });
    expect(tree.nodes.length).toBe(1); // no split leaves 3 rows on both sides of 5
    const deep = DecisionTree.fit(rows, labels, { maxDepth: 2 });
    expect(deep.depth).toBe(2);
    for (let i = 0; i < 5; i++) expect(deep.predict(rows[i])).toBe(labels[i]);
  });

  it('prints readable rules with the feature names', () => {
    const tree = DecisionTree.fit(rows, labels, { maxDepth: 1, featureNames: ['adx'] });
    expect(tree.rules()).toBe(['if adx <= 2.5:', '    a (n = 2: a 1.00, b 0.00)', 'else:  # adx > 2.5', '    b (n = 3: a 0.33, b 0.67)'].join('\n'));
  });

  it('round-trips through JSON with the same predictions', () => {
    const c = fixture.cases[4];
    const tree = DecisionTree.fit(c.X, c.y, { maxDepth: c.params.max_depth, minSamplesLeaf: c.params.min_samples_leaf });
    const back = DecisionTree.fromJSON(JSON.parse(JSON.stringify(tree)));
    expect(back.toJSON()).toEqual(tree.toJSON());
    c.X_test.forEach((row) => expect(back.predictProba(row)).toEqual(tree.predictProba(row)));
  });

  it('rejects bad training input, naming the field', () => {
    const cases: [() => unknown, string, string][] = [
      [() => DecisionTree.fit([[1], [Number.NaN]], ['a', 'b']), 'rows[1][0]', 'NON_FINITE'],
      [() => DecisionTree.fit([], []), 'rows', 'EMPTY_INPUT'],
      [() => DecisionTree.fit([[1, 2], [3]], ['a', 'b']), 'rows[1]', 'LENGTH_MISMATCH'],
      [() => DecisionTree.fit([[1], [2]], ['a']), 'labels', 'LENGTH_MISMATCH'],
      [() => DecisionTree.fit([[1], [2]], ['a', 'a']), 'labels', 'ONE_CLASS'],
      [() => DecisionTree.fit([[1], [2]], ['a', 3 as never]), 'labels[1]', 'INVALID_TYPE'],
      [() => DecisionTree.fit([[1], [2]], ['a', 'b'], { maxDepth: 0 }), 'options.maxDepth', 'OUT_OF_RANGE'],
      [() => DecisionTree.fit([[1], [2]], ['a', 'b'], { minSamplesLeaf: 1.5 }), 'options.minSamplesLeaf', 'OUT_OF_RANGE'],
      [() => DecisionTree.fit([[1], [2]], ['a', 'b'], { featureNames: ['a', 'b'] }), 'options.featureNames', 'LENGTH_MISMATCH'],
      [() => DecisionTree.fit([[1], [2]], ['a', 'b'], { depth: 2 } as never), 'options.depth', 'UNKNOWN_KEY'],
      [() => DecisionTree.fit(null as never, []), 'rows', 'INVALID_TYPE'],
    ];
    for (const [call, field, code] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));
  });

  it('rejects a row with NaN or the wrong width at prediction', () => {
    const tree = DecisionTree.fit(rows, labels, { maxDepth: 1 });
    expect(() => tree.predict([Number.NaN])).toThrow(expect.objectContaining({ field: 'row[0]', code: 'NON_FINITE' }));
    expect(() => tree.predictProba([1, 2])).toThrow(expect.objectContaining({ field: 'row', code: 'LENGTH_MISMATCH' }));
    expect(() => tree.predict('1' as never)).toThrow(expect.objectContaining({ field: 'row', code: 'INVALID_TYPE' }));
  });

  it('rejects corrupted saves, naming the field', () => {
    const good = DecisionTree.fit(rows, labels, { maxDepth: 2 }).toJSON();
    const corrupt = (edit: (j: Record<string, any>) => void) => {
      const j = JSON.parse(JSON.stringify(good));
      edit(j);
      return () => DecisionTree.fromJSON(j);
    };
    const cases: [() => unknown, string][] = [
      [() => DecisionTree.fromJSON(null), 'json'],
      [corrupt((j) => (j.format = 'other')), 'json.format'],
      [corrupt((j) => (j.version = 2)), 'json.version'],
      [corrupt((j) => (j.classes = ['b', 'a'])), 'json.classes'],
      [corrupt((j) => (j.classes = ['a'])), 'json.classes'],
      [corrupt((j) => (j.featureNames = [])), 'json.featureNames'],
      [corrupt((j) => (j.maxDepth = -1)), 'json.maxDepth'],
      [corrupt((j) => (j.nodes = [])), 'json.nodes'],
      [corrupt((j) => (j.nodes[0].threshold = 'x')), 'json.nodes[0].threshold'],
      [corrupt((j) => (j.nodes[0].feature = 3)), 'json.nodes[0].feature'],
      [corrupt((j) => (j.nodes[0].left = 0)), 'json.nodes[0].left'],
      [corrupt((j) => (j.nodes[0].right = j.nodes[0].left)), 'json.nodes[0].right'],
      [corrupt((j) => (j.nodes[1].counts = [1])), 'json.nodes[1].counts'],
      [corrupt((j) => (j.nodes[1].counts = [-1, 0])), 'json.nodes[1].counts[0]'],
      [corrupt((j) => (j.nodes[0].counts = [9, 9])), 'json.nodes[0].counts'],
      [corrupt((j) => (j.nodes[1].extra = 1)), 'json.nodes[1].extra'],
      [corrupt((j) => j.nodes.push({ counts: [1, 0] })), `json.nodes[${good.nodes.length}]`],
    ];
    for (const [call, field] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });
});
