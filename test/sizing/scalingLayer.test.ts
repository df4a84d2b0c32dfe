// The regime classifier's scaling template as a sizing layer, through the public API only.
import { describe, expect, it } from 'vitest';
import { createSizer, DecisionTree, scalingDecision, scalingFactor } from '../../src/index.js';

// A one-split tree on one feature: x ≤ 2.5 → NO_ADD (pure), x > 2.5 → { ADD_ALLOWED: 2, ADD_NEUTRAL: 1 }.
// (Gini by hand: the split at 2.5 leaves 0.5 × 4/9 = 0.222; 1.5 and 3.5 leave 0.417, 4.5 leaves 0.4, 0.5 leaves 0.533.)
const tree = DecisionTree.fit([[0], [1], [2], [3], [4], [5]], ['NO_ADD', 'NO_ADD', 'NO_ADD', 'ADD_ALLOWED', 'ADD_ALLOWED', 'ADD_NEUTRAL'], { maxDepth: 1, featureNames: ['x'] });
const decision = scalingDecision(tree, [4]);
const BINARY = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
// Quarter Kelly of the binary edge: 0.25 × (p − q/b), b = 0.032 / 0.018 (Thorp 2006): 0.25 × 0.296875.
const QUARTER_KELLY = 0.25 * (0.55 - 0.45 / (0.032 / 0.018));
const account = { balance: '100000', price: '250', lotStep: '1', edge: BINARY };

describe('the scaling template as a sizing layer', () => {
  it('enters the chosen template\'s initialSize of the full position, after the regime layer and before the bounds', () => {
    // The leaf says ADD_ALLOWED with probability 2/3 → AGGRESSIVE, whose initial size is 0.33 (the source design's numbers, issue 10).
    expect(decision).toMatchObject({ scaling: 'ADD_ALLOWED', templateName: 'AGGRESSIVE' });
    expect(decision.probability).toBeCloseTo(2 / 3, 15);
    const d = createSizer().size({ ...account, regime: 'TRENDING', banditWeight: 0.9, scaling: scalingFactor(decision) });
    expect(d.factors.map((f) => f.name)).toEqual(['base', 'regime', 'scaling', 'bandit', 'bounds']);
    const scaling = d.factors.find((f) => f.name === 'scaling')!;
    expect(scaling.value).toBe(0.33);
    expect(scaling.reason).toContain(scalingFactor(decision).reason);
    expect(scaling.reason).toMatch(/^entry share ×0\.33 of the full position: tree: ADD_ALLOWED \(p 0\.67\) → AGGRESSIVE/);
    // 0.25 × Kelly × TRENDING 1.4 × 0.33 × bandit 0.9 = 3.09 %, inside the basic tier's 0.2 %–5 %.
    expect(d.riskFraction).toBeCloseTo(QUARTER_KELLY * 1.4 * 0.33 * 0.9, 15);
  });

  it('takes the probability-weighted initial size with weighting: expected', () => {
    // Σ P(regime) × initialSize = 2/3 × 0.33 (AGGRESSIVE) + 1/3 × 0.5 (NORMAL) + 0 × 0.5 (CONSERVATIVE).
    const expected = (2 / 3) * 0.33 + (1 / 3) * 0.5;
    const d = createSizer().size({ ...account, scaling: scalingFactor(decision, { weighting: 'expected' }) });
    const scaling = d.factors.find((f) => f.name === 'scaling')!;
    expect(scaling.value).toBeCloseTo(expected, 15);
    expect(scaling.reason).toContain('probability-weighted initial size 0.3867');
    expect(d.riskFraction).toBeCloseTo(QUARTER_KELLY * expected, 15);
  });

  it('bounds the entry, not the full position: a full position above the tier\'s ceiling is scaled first', () => {
    // Kelly risk 0.7 − 0.3/2.5 = 0.58 (Thorp); a quarter is 14.5 %; × 0.5 (NORMAL's entry) = 7.25 %, capped at 5 %.
    const strong = { winProbability: 0.7, winReturn: 0.05, lossReturn: 0.02 };
    const d = createSizer().size({ balance: '100000', price: '250', edge: strong, scaling: { value: 0.5, reason: 'NORMAL template' } });
    expect(d.factors[0].value).toBeCloseTo(0.145, 15);
    expect(d.riskFraction).toBe(0.05);
    expect(d.factors.at(-1)!.value).toBeCloseTo(0.05 / 0.0725, 14);
  });

  it('takes a bare initial size, with a plain reason', () => {
    const d = createSizer().size({ ...account, scaling: 0.5 });
    expect(d.factors[1]).toEqual({ name: 'scaling', value: 0.5, reason: 'entry share ×0.5 of the full position: the scaling template\'s initial size' });
    expect(d.riskFraction).toBeCloseTo(QUARTER_KELLY * 0.5, 15);
  });
});
