import { describe, expect, it } from 'vitest';
import { ensembleProbability } from '../../src/probability/ensembleProbability.js';
import { modelWeights } from '../../src/probability/modelWeights.js';

describe('modelWeights', () => {
  const history = [
    { model: 'a', probability: 0.8, outcome: 1 },
    { model: 'a', probability: 0.3, outcome: 0 },
    { model: 'b', probability: 0.6, outcome: true },
    { model: 'b', probability: 0.6, outcome: false },
  ];

  it('inverse Brier: weights ∝ 1/Brier, summing to 1 (by hand)', () => {
    // Brier a = (0.04 + 0.09)/2 = 0.065; b = (0.16 + 0.36)/2 = 0.26 → 1/0.065 : 1/0.26 = 4 : 1.
    const w = modelWeights(history);
    expect(w.a).toBeCloseTo(0.8, 14);
    expect(w.b).toBeCloseTo(0.2, 14);
  });

  it('log score: a softmax of n × mean log-likelihood (Bayesian model averaging at temperature 1), by hand', () => {
    const la = Math.log(0.8) + Math.log(0.7);
    const lb = Math.log(0.6) + Math.log(0.4);
    const w = modelWeights(history, { method: 'logScore' });
    expect(w.a).toBeCloseTo(Math.exp(la) / (Math.exp(la) + Math.exp(lb)), 14);
    const flat = modelWeights(history, { method: 'logScore', temperature: 4 });
    expect(flat.a).toBeCloseTo(Math.exp(la / 4) / (Math.exp(la / 4) + Math.exp(lb / 4)), 14);
    expect(flat.a).toBeLessThan(w.a);
  });

  it('gives a model with a Brier score of 0 all the weight, and survives certain wrong forecasts under the log score', () => {
    expect(modelWeights([{ model: 'x', probability: 1, outcome: 1 }, { model: 'y', probability: 0.5, outcome: 1 }])).toEqual({ x: 1, y: 0 });
    const w = modelWeights([{ model: 'x', probability: 0, outcome: 1 }, { model: 'y', probability: 0.5, outcome: 1 }], { method: 'logScore' });
    expect(w.y).toBeCloseTo(1, 12);
    expect(Number.isFinite(w.x)).toBe(true);
  });

  it('rejects bad input naming the field', () => {
    expect(() => modelWeights([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'history' }));
    expect(() => modelWeights([{ model: 'a', probability: 1.5, outcome: 1 }])).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'history[0].probability' }));
    expect(() => modelWeights([{ model: 'a', probability: 0.5, outcome: 2 }])).toThrow(expect.objectContaining({ field: 'history[0].outcome' }));
    expect(() => modelWeights([{ model: '', probability: 0.5, outcome: 1 }])).toThrow(expect.objectContaining({ field: 'history[0].model' }));
    expect(() => modelWeights([{ model: 'a', probability: 0.5, outcome: 1, extra: 1 } as never])).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'history[0].extra' }));
    expect(() => modelWeights([null as never])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'history[0]' }));
    expect(() => modelWeights(history, { method: 'stacking' as 'logScore' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.method' }));
    expect(() => modelWeights(history, { temperature: 0 })).toThrow(expect.objectContaining({ field: 'options.temperature' }));
    expect(() => modelWeights('x' as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'history' }));
  });
});

describe('ensembleProbability', () => {
  it('is the weighted mean, with the weighted standard deviation as spread (by hand)', () => {
    const e = ensembleProbability({ logit: 0.62, tree: 0.54 }, { logit: 0.75, tree: 0.25 });
    expect(e.probability).toBeCloseTo(0.6, 15);
    expect(e.spread).toBeCloseTo(Math.sqrt(0.75 * 0.02 ** 2 + 0.25 * 0.06 ** 2), 15);
    expect(e.models).toBe(2);
  });

  it('renormalises over the models that predicted and has no spread when they agree', () => {
    const e = ensembleProbability({ a: 0.7, b: 0.7 }, { a: 2, b: 6, c: 100 });
    expect(e.probability).toBeCloseTo(0.7, 15);
    expect(e.spread).toBeCloseTo(0, 15);
  });

  it('rejects bad input naming the field', () => {
    expect(() => ensembleProbability({}, { a: 1 })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'predictions' }));
    expect(() => ensembleProbability({ a: 1.1 }, { a: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'predictions.a' }));
    expect(() => ensembleProbability({ a: Number.NaN }, { a: 1 })).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'predictions.a' }));
    expect(() => ensembleProbability({ a: 0.5 }, { b: 1 })).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'predictions.a' }));
    expect(() => ensembleProbability({ a: 0.5, b: 0.4 }, { a: 0, b: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'weights' }));
    expect(() => ensembleProbability({ a: 0.5 }, { a: -1 })).toThrow(expect.objectContaining({ field: 'weights.a' }));
    expect(() => ensembleProbability({ a: 0.5 }, { a: 1, b: Number.NaN })).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'weights.b' }));
    expect(() => ensembleProbability(null as never, { a: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'predictions' }));
    expect(() => ensembleProbability({ a: 0.5 }, [1] as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'weights' }));
  });
});
