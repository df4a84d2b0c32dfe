import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betSizeFromProbability, discreteSignal } from '../../src/index.js';
import { expectAllClose } from './close.js';

// Fixtures: scripts/fixtures/betsize.py → test/fixtures/betsize/afml.json.
const afml = JSON.parse(readFileSync(new URL('../fixtures/betsize/afml.json', import.meta.url), 'utf8'));
const oq = afml.openquant;
const snippets = afml.mlfinlabSnippets;

describe('betSizeFromProbability (AFML snippet 10.1)', () => {
  it("reproduces openquant's published prob_default (prob_dynamic_budget.json) to 1e-9", () => {
    const m = betSizeFromProbability(oq.events.prob, { numClasses: 2, side: oq.events.side });
    expectAllClose(m, oq.published.probDefault);
  });

  it("reproduces openquant's published prob_step with stepSize 0.1 (snippet 10.3)", () => {
    const m = betSizeFromProbability(oq.events.prob, { numClasses: 2, side: oq.events.side, stepSize: 0.1 });
    expectAllClose(m, oq.published.probStep);
  });

  it("matches mlfinlab test_ch10_snippets' six events, with and without side (scipy, afml.json mlfinlabSnippets)", () => {
    const { prob, side } = snippets.events;
    expectAllClose(betSizeFromProbability(prob, { numClasses: 2, side }), snippets.signal);
    expectAllClose(betSizeFromProbability(prob, { numClasses: 2 }), snippets.signalNoSide);
    expectAllClose(discreteSignal(snippets.signal, 0.1), snippets.discrete);
  });

  it('is 0 at the uninformed probability 1/K and odd in the side (property)', () => {
    expect(betSizeFromProbability([1 / 3], { numClasses: 3 })[0]).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 2, max: 10 }), (p, k) => {
        const [up] = betSizeFromProbability([p], { numClasses: k, side: [1] });
        const [down] = betSizeFromProbability([p], { numClasses: k, side: [-1] });
        return up === -down && Math.abs(up) <= 1 && Math.sign(up) === Math.sign(p - 1 / k);
      }),
      { seed: 10 },
    );
  });

  it('refuses probabilities outside (0, 1), fewer than two classes, mismatched sides and a step ≤ 0', () => {
    const ok = { numClasses: 2 };
    expect(() => betSizeFromProbability([0.5, 1], ok)).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'prob[1]' }));
    expect(() => betSizeFromProbability([0], ok)).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'prob[0]' }));
    expect(() => betSizeFromProbability([Number.NaN], ok)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'prob[0]' }));
    expect(() => betSizeFromProbability([], ok)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'prob' }));
    expect(() => betSizeFromProbability([0.6], { numClasses: 1 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.numClasses' }));
    expect(() => betSizeFromProbability([0.6], { numClasses: 2.5 })).toThrow(expect.objectContaining({ field: 'options.numClasses' }));
    expect(() => betSizeFromProbability([0.6, 0.7], { numClasses: 2, side: [1] })).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'options.side' }),
    );
    expect(() => betSizeFromProbability([0.6], { numClasses: 2, side: [2] })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.side[0]' }));
    expect(() => betSizeFromProbability([0.6], { numClasses: 2, stepSize: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.stepSize' }));
    expect(() => betSizeFromProbability([0.6], { numClasses: 2, steps: 1 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.steps' }));
    expect(() => betSizeFromProbability([0.6], undefined as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options' }));
  });
});

describe('discreteSignal (AFML snippet 10.3)', () => {
  it('rounds halves to even like pandas and clips to [−1, 1]', () => {
    // numpy.round([0.5, 1.5, -1.5, -0.5, 2.5]) = [0, 2, -2, -0, 2]; times 0.5, clipped: 0, 1, −1, 0, 1.
    expect(Array.from(discreteSignal([0.25, 0.75, -0.75, -0.25, 1.25], 0.5))).toEqual([0, 1, -1, 0, 1]);
    expect(Object.is(discreteSignal([-0.25], 0.5)[0], 0)).toBe(true); // never −0
  });

  it('refuses a step ≤ 0 and non-finite signals', () => {
    expect(() => discreteSignal([0.1], -0.1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'stepSize' }));
    expect(() => discreteSignal([0.1, Infinity], 0.1)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'signal[1]' }));
    expect(() => discreteSignal([], 0.1)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'signal' }));
  });
});
