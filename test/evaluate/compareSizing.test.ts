import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SizingMetric } from '../../src/evaluate/compareOutcomes.js';
import { compareSizing } from '../../src/evaluate/compareSizing.js';
import { exactDifferences, exactQuantile, metric } from '../support/exactPairedBootstrap.js';

const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));

describe('compareSizing', () => {
  const r = [0.03, -0.02, 0.05, -0.01, 0.02];
  const sa = [1, 1, 1, 1, 1];
  const sb = [0.5, 1.5, 2, 0.5, 1];

  it.each(['meanReturn', 'totalReturn'] as const)('approaches the exact bootstrap distribution of all 5⁵ resamples (%s)', (name) => {
    const B = 20_000;
    const c = compareSizing(r, sa, sb, { metric: name, resamples: B, confidence: 0.9, seed: 5 });
    const exact = exactDifferences(name, sa.map((s, i) => s * r[i]), sb.map((s, i) => s * r[i]));
    // The difference on the trades as given, against the independent formula.
    expect(c.difference).toBeCloseTo((metric(name, sa.map((s, i) => s * r[i])) as number) - (metric(name, sb.map((s, i) => s * r[i])) as number), 14);
    // A sample p-quantile of B draws lies between the exact quantiles at p ∓ 4·√(p(1 − p)/B)
    // (the binomial count of draws below it is within 4 standard errors).
    for (const [p, got] of [[0.05, c.interval?.[0]], [0.95, c.interval?.[1]]] as const) {
      const delta = 4 * Math.sqrt((p * (1 - p)) / B);
      expect(got).toBeGreaterThanOrEqual(exactQuantile(exact.diffs, p - delta));
      expect(got).toBeLessThanOrEqual(exactQuantile(exact.diffs, p + delta));
    }
    // The share of resamples where A is better, within 4 standard errors of the exact probability.
    expect(Math.abs((c.fractionABetter as number) - exact.aBetter)).toBeLessThanOrEqual(4 * Math.sqrt((exact.aBetter * (1 - exact.aBetter)) / B) + 1e-12);
    expect(c.definedResamples).toBe(B);
  });

  it('leaves out resamples where the metric is undefined, and still approaches the exact distribution (Sharpe, all 4⁴ resamples)', () => {
    const r4 = [0.04, -0.03, 0.02, -0.01];
    const a4 = [1, 1, 1, 1];
    const b4 = [2, 0.5, 1, 1];
    const B = 20_000;
    const c = compareSizing(r4, a4, b4, { metric: 'sharpe', resamples: B, confidence: 0.8, seed: 9 });
    const exact = exactDifferences('sharpe', a4.map((s, i) => s * r4[i]), b4.map((s, i) => s * r4[i]));
    // Undefined when all four draws are the same trade: 4 of 256 tuples.
    expect(exact.defined).toBeCloseTo(252 / 256, 15);
    expect(Math.abs(c.definedResamples / B - exact.defined)).toBeLessThanOrEqual(4 * Math.sqrt((exact.defined * (1 - exact.defined)) / B));
    for (const [p, got] of [[0.1, c.interval?.[0]], [0.9, c.interval?.[1]]] as const) {
      const delta = 4 * Math.sqrt((p * (1 - p)) / c.definedResamples);
      expect(got).toBeGreaterThanOrEqual(exactQuantile(exact.diffs, p - delta));
      expect(got).toBeLessThanOrEqual(exactQuantile(exact.diffs, p + delta));
    }
  });

  it('reports the worked example of its documentation', () => {
    // B − A per trade is 0.5·|r| on the winners and losers sized apart, 0 on the last: A never wins.
    const c = compareSizing([0.02, -0.01, 0.03, -0.02, 0.01], [1, 1, 1, 1, 1], [1.5, 0.5, 1.5, 0.5, 1], { metric: 'meanReturn' });
    expect(c.difference).toBeCloseTo(-0.008, 15); // −(0.01 + 0.005 + 0.015 + 0.01) ÷ 5
    expect(c.fractionABetter).toBe(0);
    expect(c).toMatchObject({ metric: 'meanReturn', resamples: 2000, confidence: 0.95, seed: 1 });
    expect(c.interval?.[1]).toBeLessThanOrEqual(0);
  });

  it('uses the Sharpe ratio by default, and treats a lower drawdown as better', () => {
    expect(compareSizing(r, sa, sb, { resamples: 10 }).metric).toBe('sharpe');
    // Half the size on every trade: never a deeper drawdown, strictly shallower whenever a resample has a loss.
    const half = compareSizing(r, sa.map((s) => s / 2), sa, { metric: 'maxDrawdown', resamples: 500, seed: 3 });
    expect(half.difference).toBeLessThan(0);
    expect(half.fractionABetter).toBeGreaterThan(0.9);
  });

  const returns = fc.array(fc.integer({ min: -200, max: 200 }).map((k) => k / 1000), { minLength: 2, maxLength: 25 });
  const sizes = (n: number) => fc.array(fc.integer({ min: 0, max: 12 }).map((k) => k / 4), { minLength: n, maxLength: n });
  const metrics = fc.constantFrom<SizingMetric>('sharpe', 'sortino', 'totalReturn', 'meanReturn', 'maxDrawdown', 'winRate', 'profitFactor');

  it('finds no difference between identical rules: 0 and the interval [0, 0]', () => {
    fc.assert(
      fc.property(returns.chain((rs) => fc.tuple(fc.constant(rs), sizes(rs.length))), metrics, fc.integer({ min: 0, max: 1000 }), ([rs, s], m, seed) => {
        const c = compareSizing(rs, s, s, { metric: m, resamples: 50, seed });
        if (c.a !== null) expect(c.difference).toBe(0);
        if (c.interval !== null) expect(c.interval).toEqual([0, 0]);
        if (c.fractionABetter !== null) expect(c.fractionABetter).toBe(0);
      }),
      { numRuns: 100, seed: 21 },
    );
  });

  it('negates the difference and mirrors the interval when A and B are swapped', () => {
    fc.assert(
      fc.property(
        returns.chain((rs) => fc.tuple(fc.constant(rs), sizes(rs.length), sizes(rs.length))),
        metrics,
        fc.constantFrom(0.5, 0.9, 0.95),
        ([rs, a, b], m, confidence) => {
          const ab = compareSizing(rs, a, b, { metric: m, resamples: 101, confidence, seed: 4 });
          const ba = compareSizing(rs, b, a, { metric: m, resamples: 101, confidence, seed: 4 });
          if (ab.difference === null) expect(ba.difference).toBeNull();
          else expect(-(ba.difference as number) === ab.difference).toBe(true); // −(b − a) = a − b exactly (−0 === 0)
          expect(ba.definedResamples).toBe(ab.definedResamples);
          if (ab.interval === null) expect(ba.interval).toBeNull();
          else {
            expect(ba.interval?.[0]).toBeCloseTo(-ab.interval[1], 12);
            expect(ba.interval?.[1]).toBeCloseTo(-ab.interval[0], 12);
            expect((ab.fractionABetter as number) + (ba.fractionABetter as number)).toBeLessThanOrEqual(1 + 1e-12); // ties count for neither
          }
        },
      ),
      { numRuns: 100, seed: 22 },
    );
  });

  it('gives the same result for the same seed', () => {
    fc.assert(
      fc.property(returns.chain((rs) => fc.tuple(fc.constant(rs), sizes(rs.length), sizes(rs.length))), fc.integer({ min: 0, max: 0xffff_ffff }), ([rs, a, b], seed) => {
        const options = { metric: 'meanReturn' as const, resamples: 64, seed };
        expect(compareSizing(rs, a, b, options)).toEqual(compareSizing(rs, a, b, options));
      }),
      { numRuns: 50, seed: 23 },
    );
  });

  it('rejects bad input, naming the field', () => {
    bad(() => compareSizing([], [], []), 'EMPTY_INPUT', 'returns');
    bad(() => compareSizing([0.1, Number.NaN], [1, 1], [1, 1]), 'NON_FINITE', 'returns[1]');
    bad(() => compareSizing([0.1, -Infinity], [1, 1], [1, 1]), 'NON_FINITE', 'returns[1]');
    bad(() => compareSizing([0.1, 0.2], [1], [1, 1]), 'LENGTH_MISMATCH', 'sizesA');
    bad(() => compareSizing([0.1, 0.2], [1, 1], [1, 1, 1]), 'LENGTH_MISMATCH', 'sizesB');
    bad(() => compareSizing([0.1, 0.2], [1, 1], [1, -1]), 'OUT_OF_RANGE', 'sizesB[1]');
    bad(() => compareSizing([0.1, 0.2], [Infinity, 1], [1, 1]), 'NON_FINITE', 'sizesA[0]');
    bad(() => compareSizing([0.1], [1], [1], { metric: 'calmar' as never }), 'UNKNOWN_VALUE', 'options.metric');
    bad(() => compareSizing([0.1], [1], [1], { resamples: 0 }), 'OUT_OF_RANGE', 'options.resamples');
    bad(() => compareSizing([0.1], [1], [1], { resamples: 10.5 }), 'OUT_OF_RANGE', 'options.resamples');
    bad(() => compareSizing([0.1], [1], [1], { resamples: 1e7 }), 'OUT_OF_RANGE', 'options.resamples');
    bad(() => compareSizing([0.1], [1], [1], { confidence: 1 }), 'OUT_OF_RANGE', 'options.confidence');
    bad(() => compareSizing([0.1], [1], [1], { confidence: Number.NaN }), 'NON_FINITE', 'options.confidence');
    bad(() => compareSizing([0.1], [1], [1], { seed: -1 }), 'OUT_OF_RANGE', 'options.seed');
    bad(() => compareSizing([0.1], [1], [1], { seed: 2 ** 32 }), 'OUT_OF_RANGE', 'options.seed');
    bad(() => compareSizing([0.1], [1], [1], { compound: 'no' as never }), 'INVALID_TYPE', 'options.compound');
    bad(() => compareSizing([0.1], [1], [1], { periodsPerYear: -2 }), 'OUT_OF_RANGE', 'options.periodsPerYear');
    bad(() => compareSizing([0.1], [1], [1], { resample: 10 } as never), 'UNKNOWN_KEY', 'options.resample');
    // Returns of +1,000,000 % on 75 of 80 trades: finite as given (≈ 1e300), beyond a double in a resample with more of them.
    const huge = Array.from({ length: 80 }, (_, i) => (i < 75 ? 1e4 : 0));
    bad(() => compareSizing(huge, huge.map(() => 1), huge.map(() => 1), { metric: 'totalReturn', resamples: 2000 }), 'OUT_OF_RANGE', 'returns');
    // A ratio needs no compounded total: the same trades compare by Sharpe without overflow.
    expect(compareSizing(huge, huge.map(() => 1), huge.map(() => 1), { metric: 'sharpe', resamples: 200 }).difference).toBe(0);
  });
});
