import { describe, expect, it } from 'vitest';
import { DecisionTree } from '../../src/regime/DecisionTree.js';
import { scalingDecision } from '../../src/regime/scalingDecision.js';
import { scalingFactor } from '../../src/regime/scalingFactor.js';
import { SCALING_TEMPLATES } from '../../src/regime/scalingTemplates.js';

// x ≤ 2.5 → leaf {ADD_ALLOWED 2, NO_ADD 1}; x > 2.5 → leaf {ADD_NEUTRAL 3} (stump, worked by hand).
const tree = DecisionTree.fit([[1], [2], [2.2], [3], [4], [5]], ['ADD_ALLOWED', 'ADD_ALLOWED', 'NO_ADD', 'ADD_NEUTRAL', 'ADD_NEUTRAL', 'ADD_NEUTRAL'], {
  maxDepth: 1,
  featureNames: ['adx'],
});
const exitTree = DecisionTree.fit([[1], [4]], ['CONTINUATION', 'MEAN_REVERSION'], { maxDepth: 1, featureNames: ['adx'] });

describe('scalingDecision and scalingFactor', () => {
  it('maps the predicted regime to its template, with the leaf probabilities', () => {
    const d = scalingDecision(tree, [1.5], { exitTree });
    expect(d).toMatchObject({ scaling: 'ADD_ALLOWED', templateName: 'AGGRESSIVE', exitBias: 'CONTINUATION' });
    expect(d.probability).toBeCloseTo(2 / 3, 15);
    expect(d.probabilities).toEqual({ ADD_ALLOWED: 2 / 3, ADD_NEUTRAL: 0, NO_ADD: 1 / 3 });
    expect(d.template).toBe(SCALING_TEMPLATES.AGGRESSIVE);
    // Σ P · initialSize: 2/3 · 0.33 (AGGRESSIVE) + 1/3 · 0.5 (CONSERVATIVE)
    expect(d.expectedInitialSize).toBeCloseTo((2 / 3) * 0.33 + (1 / 3) * 0.5, 15);
  });

  it("gives the sizer the template's initial size as a factor with its reason", () => {
    const f = scalingFactor(scalingDecision(tree, [4]));
    expect(f).toEqual({ name: 'scaling', value: 0.5, reason: 'tree: ADD_NEUTRAL (p 1.00) → NORMAL: enter 0.5 of the full position, add 0.25 at +0.5R, exits at 1R, 2R, max 0.75' });
    const expected = scalingFactor(scalingDecision(tree, [1.5]), { weighting: 'expected' });
    expect(expected.value).toBeCloseTo(0.22 + 0.5 / 3, 14);
    expect(expected.reason).toContain('probability-weighted initial size 0.3867');
  });

  it('accepts custom templates for a regime', () => {
    const cautious = { initialSize: 0.25, adds: [], exits: [{ atR: 1, fraction: 1 }], maxPosition: 0.25 };
    const d = scalingDecision(tree, [1.5], { templates: { ADD_ALLOWED: cautious } });
    expect(d.templateName).toBe('custom ADD_ALLOWED');
    expect(scalingFactor(d).value).toBe(0.25);
  });

  it('rejects bad trees, rows, templates and decisions, naming the field', () => {
    const other = DecisionTree.fit([[1], [2]], ['up', 'down'], { maxDepth: 1 });
    const d = scalingDecision(tree, [1]);
    const cases: [() => unknown, string][] = [
      [() => scalingDecision({} as never, [1]), 'tree'],
      [() => scalingDecision(other, [1]), 'tree.classes[0]'],
      [() => scalingDecision(tree, [1], { exitTree: tree }), 'options.exitTree.classes[0]'],
      [() => scalingDecision(tree, [Number.NaN]), 'row[0]'],
      [() => scalingDecision(tree, [1], { templates: { ADD_ALLOWED: 'BOLD' as never } }), 'options.templates.ADD_ALLOWED'],
      [() => scalingDecision(tree, [1], { templates: { TRENDING: 'NORMAL' } as never }), 'options.templates.TRENDING'],
      [() => scalingFactor(null as never), 'decision'],
      [() => scalingFactor({ ...d, probability: 2 }), 'decision.probability'],
      [() => scalingFactor({ ...d, template: { ...d.template, initialSize: -1 } }), 'decision.template.initialSize'],
      [() => scalingFactor({ ...d, expectedInitialSize: Number.NaN }, { weighting: 'expected' }), 'decision.expectedInitialSize'],
      [() => scalingFactor(d, { weighting: 'mean' as never }), 'options.weighting'],
    ];
    for (const [call, field] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });
});
