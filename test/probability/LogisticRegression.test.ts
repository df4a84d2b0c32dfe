import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/probability/LogisticRegression.js';

// Expected values: scikit-learn 1.2 LogisticRegression(solver='newton-cg', tol=1e-12), penalty
// 'none' or 'l2' with C = 1/l2 (scripts/fixtures/probability.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/probability/logistic.json', import.meta.url), 'utf8')) as {
  cases: { name: string; rows: number[][]; outcomes: number[]; l2: number; coefficients: number[]; intercept: number; query: number[][]; predictProba: number[] }[];
};

describe('LogisticRegression', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: coefficients and probabilities match scikit-learn to 1e-6', (_, c) => {
    const model = LogisticRegression.fit(c.rows, c.outcomes, { l2: c.l2 });
    expect(Math.abs(model.intercept - c.intercept)).toBeLessThan(1e-6);
    Array.from(model.coefficients).forEach((w, j) => expect(Math.abs(w - c.coefficients[j])).toBeLessThan(1e-6));
    const p = model.predictMany(c.query);
    c.predictProba.forEach((expected, i) => {
      expect(Math.abs(p[i] - expected)).toBeLessThan(1e-8);
      expect(model.predictProba(c.query[i])).toBe(p[i]);
    });
  });

  it('sets the gradient of the penalised likelihood to zero (first-order condition, independent of scikit-learn)', () => {
    const c = fixture.cases[1];
    const model = LogisticRegression.fit(c.rows, c.outcomes, { l2: c.l2 });
    const w = model.coefficients;
    const g = new Float64Array(w.length + 1);
    c.rows.forEach((row, i) => {
      const r = model.predictProba(row) - c.outcomes[i];
      g[0] += r;
      row.forEach((x, j) => (g[j + 1] += r * x));
    });
    w.forEach((wj, j) => (g[j + 1] += c.l2 * wj));
    for (const gj of g) expect(Math.abs(gj)).toBeLessThan(1e-8);
  });

  it('refuses unpenalised separable data and fits it with a penalty', () => {
    const sep = fixture.cases[3];
    expect(() => LogisticRegression.fit(sep.rows, sep.outcomes)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.l2' }));
    expect(() => LogisticRegression.fit([[0], [1], [2], [3]], [0, 0, 1, 1])).toThrow(expect.objectContaining({ field: 'options.l2' }));
    expect(LogisticRegression.fit(sep.rows, sep.outcomes, { l2: 1 }).intercept).toBeCloseTo(sep.intercept, 6);
  });

  it('refuses a constant feature without a penalty (singular Hessian)', () => {
    expect(() => LogisticRegression.fit([[1], [1], [1], [1]], [0, 1, 0, 1])).toThrow(expect.objectContaining({ field: 'options.l2' }));
  });

  it('survives a JSON round trip with its feature names', () => {
    const c = fixture.cases[0];
    const model = LogisticRegression.fit(c.rows, c.outcomes, { featureNames: ['a', 'b', 'c'] });
    const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(back.featureNames).toEqual(['a', 'b', 'c']);
    expect(back.predictProba(c.query[2])).toBe(model.predictProba(c.query[2]));
  });

  it('rejects bad input naming the field', () => {
    expect(() => LogisticRegression.fit([[0], [1]], [1, 1])).toThrow(expect.objectContaining({ code: 'ONE_CLASS', field: 'outcomes' }));
    expect(() => LogisticRegression.fit([[0], [Number.NaN]], [0, 1])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'rows[1][0]' }));
    expect(() => LogisticRegression.fit([[0, 1], [1]], [0, 1])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'rows[1]' }));
    expect(() => LogisticRegression.fit([[0], [1]], [0, 1, 1])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'outcomes' }));
    expect(() => LogisticRegression.fit([], [])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'rows' }));
    expect(() => LogisticRegression.fit([[0], [1]], [0, 1], { l2: -1 })).toThrow(expect.objectContaining({ field: 'options.l2' }));
    expect(() => LogisticRegression.fit([[0], [1]], [0, 1], { lambda: 1 } as object)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.lambda' }));
    expect(() => LogisticRegression.fit([[0], [1]], [0, 1], { l2: 1, featureNames: ['a', 'b'] })).toThrow(expect.objectContaining({ field: 'options.featureNames' }));
    const model = LogisticRegression.fit([[0], [1], [2], [3]], [0, 1, 0, 1]);
    expect(() => model.predictProba([1, 2])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'row' }));
    expect(() => LogisticRegression.fromJSON({ kind: 'tree' })).toThrow(expect.objectContaining({ field: 'json' }));
  });
});
