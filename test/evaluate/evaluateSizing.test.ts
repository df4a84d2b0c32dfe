import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSizing } from '../../src/evaluate/evaluateSizing.js';
import { close, EMPYRICAL_CASES } from './fixture.js';

const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));

describe('evaluateSizing', () => {
  // Hand-worked: account returns aᵢ = sizes × returns = 0.1, −0.1, 0.02, −0.01.
  const returns = [0.1, -0.05, 0.02, -0.02];
  const sizes = [1, 2, 1, 0.5];

  it('measures a compounding account worked by hand', () => {
    const e = evaluateSizing(returns, sizes, { periodsPerYear: 4 });
    // Equity 1.1, 0.99, 1.0098, 0.999702.
    expect(e.totalReturn).toBeCloseTo(-0.000298, 15);
    expect(e.meanReturn).toBeCloseTo(0.0025, 15); // 0.01 ÷ 4
    expect(e.maxDrawdown).toBeCloseTo(0.1, 14); // 1.1 → 0.99
    // Deviations from 0.0025: 0.0975, −0.1025, 0.0175, −0.0125; Σ² = 0.00950625 + 0.01050625 + 0.00030625 + 0.00015625 = 0.020475; sd = √(0.020475/3).
    expect(e.sharpe).toBeCloseTo((0.0025 / Math.sqrt(0.020475 / 3)) * 2, 12);
    // Downside deviation √((0.1² + 0.01²)/4) = √0.002525, over all four trades.
    expect(e.sortino).toBeCloseTo((0.0025 / Math.sqrt(0.002525)) * 2, 12);
    // Four trades at four a year: one year, so CAGR = total return.
    expect(e.cagr).toBeCloseTo(-0.000298, 14);
    expect(e).toMatchObject({ trades: 4, periods: 4, wins: 2, losses: 2, winRate: 0.5, compound: true, ruinedAt: null, predicted: null });
    expect(e.winLossRatio).toBeCloseTo(0.06 / 0.055, 14); // mean win (0.1 + 0.02)/2 ÷ mean loss (0.1 + 0.01)/2
    expect(e.profitFactor).toBeCloseTo(0.12 / 0.11, 14);
    expect(e.meanSize).toBe(1.125);
  });

  it('puts sizes in quantile buckets with the trades\' hit rate and mean returns', () => {
    // Sorted sizes 0.5, 1, 1, 2; quantiles (h = 3p, linear): 0.5, 0.875, 1, 1.25, 2.
    const e = evaluateSizing(returns, sizes);
    expect(e.sizeBuckets).toEqual([
      { lower: 0.5, upper: 0.875, count: 1, share: 0.25, winRate: 0, meanReturn: -0.02, meanAccountReturn: -0.01 }, // size 0.5
      { lower: 0.875, upper: 1, count: 0, share: 0, winRate: null, meanReturn: null, meanAccountReturn: null },
      { lower: 1, upper: 1.25, count: 2, share: 0.5, winRate: 1, meanReturn: expect.closeTo(0.06, 15), meanAccountReturn: expect.closeTo(0.06, 15) }, // sizes 1, 1
      { lower: 1.25, upper: 2, count: 1, share: 0.25, winRate: 0, meanReturn: -0.05, meanAccountReturn: -0.1 }, // size 2 (the last bucket is closed)
    ]);
  });

  it('takes explicit bucket edges, and merges tied quantiles into one bucket', () => {
    const e = evaluateSizing(returns, sizes, { sizeBuckets: [0, 1, 3] });
    expect(e.sizeBuckets.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0, 1, 1], // 0.5
      [1, 3, 3], // 1, 1, 2
    ]);
    const constant = evaluateSizing(returns, [1, 1, 1, 1], { sizeBuckets: 10 });
    expect(constant.sizeBuckets).toEqual([{ lower: 1, upper: 1, count: 4, share: 1, winRate: 0.5, meanReturn: expect.closeTo(0.0125, 15), meanAccountReturn: expect.closeTo(0.0125, 15) }]);
  });

  it('adds R-multiples in additive mode (hand-worked)', () => {
    // x = size × R = 2, −1, −0.5, 4.5, 0 (size 0: flat). Cumulative 2, 1, 0.5, 5, 5: drawdown 2 → 0.5 = 1.5 R.
    const e = evaluateSizing([2, -1, -1, 3, -1], [1, 1, 0.5, 1.5, 0], { compound: false });
    expect(e.totalReturn).toBe(5);
    expect(e.meanReturn).toBe(1);
    expect(e.maxDrawdown).toBe(1.5);
    expect(e.cagr).toBeNull();
    // Per trade (no annualisation): deviations 1, −2, −1.5, 3.5, −1, Σ² = 20.5, sd = √(20.5/4).
    expect(e.sharpe).toBeCloseTo(1 / Math.sqrt(20.5 / 4), 14);
    expect(e.sortino).toBeCloseTo(1 / Math.sqrt((1 + 0.25) / 5), 14); // = 2
    expect(e).toMatchObject({ wins: 2, losses: 2, winRate: 0.5, periodsPerYear: null, years: null });
    expect(e.winLossRatio).toBeCloseTo(3.25 / 0.75, 14); // mean win (2 + 4.5)/2 ÷ mean loss (1 + 0.5)/2
    expect(e.profitFactor).toBeCloseTo(6.5 / 1.5, 14);
  });

  it('ends the account at ruin but describes the rule over every trade', () => {
    // a = 0.1, then 2 × −0.6 = −1.2: ruin at trade 1; trades 2 and 3 are not taken.
    const e = evaluateSizing([0.1, -0.6, 0.3, 0.2], [1, 2, 1, 1], { years: 1 });
    expect(e).toMatchObject({ trades: 4, periods: 2, ruinedAt: 1, totalReturn: -1, maxDrawdown: 1, cagr: -1, wins: 1, losses: 1 });
    expect(e.winLossRatio).toBeCloseTo(0.1, 15); // the ruinous loss counts as −100 %
    expect(e.meanSize).toBe(1.25); // all four sizes
    expect(e.sizeBuckets.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('compares predicted with realised edge (hand-worked)', () => {
    const e = evaluateSizing([0.02, -0.01, 0.03, -0.02, 0], [1, 1, 1, 1, 1], {
      predicted: { probability: [0.6, 0.6, 0.7, 0.3, 0.55], expectancy: [0.01, 0.01, 0.012, -0.002, 0.004] },
    });
    // Probability over the four decided trades (the breakeven one is neither a win nor a loss).
    const p = e.predicted?.probability;
    expect(p?.trades).toBe(4);
    expect(p?.meanPredicted).toBeCloseTo(2.2 / 4, 15);
    expect(p?.realisedWinRate).toBe(0.5);
    expect(p?.brier).toBeCloseTo((0.16 + 0.36 + 0.09 + 0.09) / 4, 15); // (0.6−1)², (0.6−0)², (0.7−1)², (0.3−0)²
    expect(p?.bins).toEqual([
      { lower: 0.3, upper: 0.4, count: 1, meanPredicted: 0.3, observedRate: 0 },
      { lower: 0.6, upper: 0.7, count: 2, meanPredicted: 0.6, observedRate: 0.5 },
      { lower: 0.7, upper: 0.8, count: 1, meanPredicted: 0.7, observedRate: 1 },
    ]);
    // Expectancy over all five: predicted 0.034/5, realised 0.02/5.
    expect(e.predicted?.expectancy?.meanPredicted).toBeCloseTo(0.0068, 15);
    expect(e.predicted?.expectancy?.realised).toBeCloseTo(0.004, 15);
    expect(e.predicted?.expectancy?.difference).toBeCloseTo(-0.0028, 15);
  });

  it('has null, never NaN, where a statistic is undefined', () => {
    const one = evaluateSizing([0.05], [1]);
    expect(one).toMatchObject({ sharpe: null, sortino: null, cagr: null, winLossRatio: null, profitFactor: null, winRate: 1 });
    const skipped = evaluateSizing([0.05, -0.02], [0, 0]);
    expect(skipped).toMatchObject({ totalReturn: 0, winRate: null, winLossRatio: null, profitFactor: null, sharpe: null, sortino: null, wins: 0, losses: 0 });
    const lossesOnly = evaluateSizing([-0.05, -0.02], [1, 1]);
    expect(lossesOnly).toMatchObject({ winRate: 0, profitFactor: 0, winLossRatio: null });
  });

  it.each(EMPYRICAL_CASES.map((c) => [c.name, c] as const))('matches the empyrical formulas (numpy fixture): %s', (_, c) => {
    const e = evaluateSizing(c.returns, c.sizes, { compound: c.compound, ...c.options });
    for (const key of ['totalReturn', 'meanReturn', 'maxDrawdown', 'sharpe', 'sortino', 'winRate', 'winLossRatio', 'profitFactor'] as const) {
      expect(close(e[key], c.expected[key]), `${key}: ${e[key]} vs ${c.expected[key]}`).toBe(true);
    }
    if (c.expected.cagr === null) expect(e.cagr).toBeNull();
    else expect(close(e.cagr, c.expected.cagr)).toBe(true);
  });

  const series = fc.array(fc.integer({ min: -300, max: 300 }).map((k) => k / 1000), { minLength: 2, maxLength: 40 });

  it('keeps Sharpe and Sortino when every size is scaled by the same factor (no ruin)', () => {
    fc.assert(
      fc.property(series, fc.double({ min: 0.1, max: 3, noNaN: true }), (r, c) => {
        // |c·r| ≤ 0.9: never ruined.
        const one = evaluateSizing(r, r.map(() => 1));
        const scaled = evaluateSizing(r, r.map(() => c));
        if (one.sharpe === null) expect(scaled.sharpe).toBeNull();
        else expect(scaled.sharpe).toBeCloseTo(one.sharpe, 8);
        if (one.sortino === null) expect(scaled.sortino).toBeNull();
        else expect(scaled.sortino).toBeCloseTo(one.sortino, 8);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('adds up in additive mode, and its buckets partition the trades', () => {
    fc.assert(
      fc.property(series, fc.array(fc.integer({ min: 0, max: 8 }).map((k) => k / 4), { minLength: 40, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (r, s, k) => {
        const sizes = s.slice(0, r.length);
        const e = evaluateSizing(r, sizes, { compound: false, sizeBuckets: k });
        const total = r.reduce((sum, x, i) => sum + x * sizes[i], 0);
        expect(e.totalReturn).toBeCloseTo(total, 12);
        expect(e.maxDrawdown).toBeGreaterThanOrEqual(0);
        expect(e.sizeBuckets.length).toBeLessThanOrEqual(k);
        expect(e.sizeBuckets.reduce((n, b) => n + b.count, 0)).toBe(r.length);
        expect(e.sizeBuckets.reduce((n, b) => n + b.share, 0)).toBeCloseTo(1, 12);
        for (const b of e.sizeBuckets) expect(b.lower).toBeLessThanOrEqual(b.upper);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('rejects bad input, naming the field', () => {
    bad(() => evaluateSizing([], []), 'EMPTY_INPUT', 'returns');
    bad(() => evaluateSizing(undefined as never, [1]), 'INVALID_TYPE', 'returns');
    bad(() => evaluateSizing([0.1, Number.NaN], [1, 1]), 'NON_FINITE', 'returns[1]');
    bad(() => evaluateSizing([0.1, Infinity], [1, 1]), 'NON_FINITE', 'returns[1]');
    bad(() => evaluateSizing([-Infinity], [1]), 'NON_FINITE', 'returns[0]');
    bad(() => evaluateSizing([2e6], [1]), 'OUT_OF_RANGE', 'returns[0]'); // beyond MAX_TRADE_RETURN
    bad(() => evaluateSizing([0.1, 0.2], [1]), 'LENGTH_MISMATCH', 'sizes');
    bad(() => evaluateSizing([0.1], []), 'EMPTY_INPUT', 'sizes');
    bad(() => evaluateSizing([0.1, 0.2], [1, -0.5]), 'OUT_OF_RANGE', 'sizes[1]');
    bad(() => evaluateSizing([0.1, 0.2], [1, Number.NaN]), 'NON_FINITE', 'sizes[1]');
    bad(() => evaluateSizing([0.1], [2e6]), 'OUT_OF_RANGE', 'sizes[0]'); // beyond MAX_SIZE
    bad(() => evaluateSizing([0.1], ['1'] as never), 'INVALID_TYPE', 'sizes[0]');
    bad(() => evaluateSizing([0.1], [1], { compund: false } as never), 'UNKNOWN_KEY', 'options.compund');
    bad(() => evaluateSizing([0.1], [1], null as never), 'INVALID_TYPE', 'options');
    bad(() => evaluateSizing([0.1], [1], { compound: 1 as never }), 'INVALID_TYPE', 'options.compound');
    bad(() => evaluateSizing([0.1], [1], { periodsPerYear: 0 }), 'OUT_OF_RANGE', 'options.periodsPerYear');
    bad(() => evaluateSizing([0.1], [1], { years: -1 }), 'OUT_OF_RANGE', 'options.years');
    bad(() => evaluateSizing([0.1], [1], { years: Number.NaN }), 'NON_FINITE', 'options.years');
    bad(() => evaluateSizing([0.1], [1], { periodsPerYear: 5e-324 }), 'OUT_OF_RANGE', 'options.periodsPerYear'); // a span of Infinity years
    bad(() => evaluateSizing([0.1, 0.2], [1, 1], { years: 5e-324 }), 'OUT_OF_RANGE', 'options.years'); // Infinity periods a year
    // Bucket specs.
    bad(() => evaluateSizing([0.1], [1], { sizeBuckets: 0 }), 'OUT_OF_RANGE', 'options.sizeBuckets');
    bad(() => evaluateSizing([0.1], [1], { sizeBuckets: 2.5 }), 'OUT_OF_RANGE', 'options.sizeBuckets');
    bad(() => evaluateSizing([0.1], [1], { sizeBuckets: Number.NaN }), 'NON_FINITE', 'options.sizeBuckets');
    bad(() => evaluateSizing([0.1], [1], { sizeBuckets: [1] }), 'OUT_OF_RANGE', 'options.sizeBuckets');
    bad(() => evaluateSizing([0.1], [1], { sizeBuckets: [0, 2, 2] }), 'OUT_OF_RANGE', 'options.sizeBuckets[2]');
    bad(() => evaluateSizing([0.1], [1], { sizeBuckets: [0, Infinity] }), 'NON_FINITE', 'options.sizeBuckets[1]');
    bad(() => evaluateSizing([0.1], [3], { sizeBuckets: [0, 1, 2] }), 'OUT_OF_RANGE', 'options.sizeBuckets'); // 3 is not covered
    bad(() => evaluateSizing([0.1], [1], { sizeBuckets: 'quartiles' as never }), 'INVALID_TYPE', 'options.sizeBuckets');
    // Predicted.
    bad(() => evaluateSizing([0.1], [1], { predicted: 0.6 as never }), 'INVALID_TYPE', 'options.predicted');
    bad(() => evaluateSizing([0.1], [1], { predicted: {} }), 'EMPTY_INPUT', 'options.predicted');
    bad(() => evaluateSizing([0.1], [1], { predicted: { prob: [0.5] } as never }), 'UNKNOWN_KEY', 'options.predicted.prob');
    bad(() => evaluateSizing([0.1, 0.2], [1, 1], { predicted: { probability: [0.5] } }), 'LENGTH_MISMATCH', 'options.predicted.probability');
    bad(() => evaluateSizing([0.1], [1], { predicted: { probability: [1.2] } }), 'INVALID_PROBABILITY', 'options.predicted.probability[0]');
    bad(() => evaluateSizing([0.1], [1], { predicted: { expectancy: [Number.NaN] } }), 'NON_FINITE', 'options.predicted.expectancy[0]');
    bad(() => evaluateSizing([0.1], [1], { probabilityBins: 0 }), 'OUT_OF_RANGE', 'options.probabilityBins');
    // A compounded total beyond a double: 1000 trades of +1,000,000 %.
    bad(() => evaluateSizing(new Array(1000).fill(1e4), new Array(1000).fill(1)), 'OUT_OF_RANGE', 'returns');
  });
});
