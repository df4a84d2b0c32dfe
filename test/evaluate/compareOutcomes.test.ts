import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareOutcomes } from '../../src/evaluate/compareOutcomes.js';
import { compareSizing } from '../../src/evaluate/compareSizing.js';
import { MAX_PERIOD_RETURN } from '../../src/evaluate/limits.js';
import { exactDifferences, exactQuantile, metric } from '../support/exactPairedBootstrap.js';

const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));

describe('compareOutcomes', () => {
  // R-multiples of five trades managed two ways: B banks part early (a smaller win on trades
  // 0 and 4, a smaller loss on trade 3): not a constant multiple of A on any common return.
  const a = [2.4, -1, 0.3, -1, 1.8];
  const b = [1.2, -1, 0.6, -0.4, 1.1];

  it.each(['meanReturn', 'sharpe'] as const)('approaches the exact paired bootstrap of all 5⁵ resamples (%s, R-multiples)', (name) => {
    const B = 20_000;
    const c = compareOutcomes(a, b, { metric: name, compound: false, resamples: B, confidence: 0.9, seed: 11 });
    const exact = exactDifferences(name, a, b);
    expect(c.difference).toBeCloseTo((metric(name, a) as number) - (metric(name, b) as number), 14);
    // A sample p-quantile of the defined draws lies between the exact quantiles at p ∓ 4·√(p(1 − p)/B).
    for (const [p, got] of [[0.05, c.interval?.[0]], [0.95, c.interval?.[1]]] as const) {
      const delta = 4 * Math.sqrt((p * (1 - p)) / c.definedResamples);
      expect(got).toBeGreaterThanOrEqual(exactQuantile(exact.diffs, p - delta));
      expect(got).toBeLessThanOrEqual(exactQuantile(exact.diffs, p + delta));
    }
    expect(Math.abs((c.fractionABetter as number) - exact.aBetter)).toBeLessThanOrEqual(4 * Math.sqrt((exact.aBetter * (1 - exact.aBetter)) / c.definedResamples) + 1e-12);
    // Sharpe is undefined when every draw is the same trade: 5 of 3125 tuples.
    expect(Math.abs(c.definedResamples / B - exact.defined)).toBeLessThanOrEqual(4 * Math.sqrt((exact.defined * (1 - exact.defined)) / B) + 1e-12);
  });

  it('is compareSizing on the account returns size × return, number for number', () => {
    const returns = fc.array(fc.integer({ min: -300, max: 300 }).map((k) => k / 1000), { minLength: 2, maxLength: 30 });
    const sizes = (n: number) => fc.array(fc.integer({ min: 0, max: 12 }).map((k) => k / 4), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        returns.chain((r) => fc.tuple(fc.constant(r), sizes(r.length), sizes(r.length))),
        fc.constantFrom('sharpe', 'sortino', 'totalReturn', 'meanReturn', 'cagr', 'maxDrawdown', 'winRate', 'winLossRatio', 'profitFactor' as const),
        fc.boolean(),
        ([r, sa, sb], m, compound) => {
          const options = { metric: m, compound, resamples: 64, seed: 5, years: 2 };
          expect(compareOutcomes(sa.map((s, i) => s * r[i]), sb.map((s, i) => s * r[i]), options)).toEqual(compareSizing(r, sa, sb, options));
        },
      ),
      { numRuns: 60, seed: 8 },
    );
  });

  it('finds no difference between identical outcomes and mirrors the result when A and B are swapped', () => {
    const same = compareOutcomes(a, a, { metric: 'sharpe', compound: false, resamples: 200 });
    expect(same.difference).toBe(0);
    expect(same.interval).toEqual([0, 0]);
    expect(same.fractionABetter).toBe(0);
    const ab = compareOutcomes(a, b, { metric: 'meanReturn', compound: false, resamples: 500, seed: 2 });
    const ba = compareOutcomes(b, a, { metric: 'meanReturn', compound: false, resamples: 500, seed: 2 });
    expect(ba.difference).toBeCloseTo(-(ab.difference as number), 15);
    expect(ba.interval?.[0]).toBeCloseTo(-(ab.interval?.[1] as number), 15);
    expect(ba.interval?.[1]).toBeCloseTo(-(ab.interval?.[0] as number), 15);
  });

  it('rejects bad input, naming the field', () => {
    bad(() => compareOutcomes('x' as never, b), 'INVALID_TYPE', 'outcomesA');
    bad(() => compareOutcomes([], []), 'EMPTY_INPUT', 'outcomesA');
    bad(() => compareOutcomes(a, b.slice(1)), 'LENGTH_MISMATCH', 'outcomesB');
    bad(() => compareOutcomes([1, Number.NaN], [1, 2]), 'NON_FINITE', 'outcomesA[1]');
    bad(() => compareOutcomes([1, 2], [1, -Infinity]), 'NON_FINITE', 'outcomesB[1]');
    bad(() => compareOutcomes([1, 2 * MAX_PERIOD_RETURN], [1, 2]), 'OUT_OF_RANGE', 'outcomesA[1]');
    bad(() => compareOutcomes(a, b, { metric: 'alpha' as never }), 'UNKNOWN_VALUE', 'options.metric');
    bad(() => compareOutcomes(a, b, { resamples: 0 }), 'OUT_OF_RANGE', 'options.resamples');
    bad(() => compareOutcomes(a, b, { confidence: 1 }), 'OUT_OF_RANGE', 'options.confidence');
    bad(() => compareOutcomes(a, b, { compound: 'no' as never }), 'INVALID_TYPE', 'options.compound');
    bad(() => compareOutcomes(a, b, { seeds: 3 } as never), 'UNKNOWN_KEY', 'options.seeds');
  });
});
