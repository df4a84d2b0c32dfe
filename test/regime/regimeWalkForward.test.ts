import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClosesCsv } from '../../src/data/parseClosesCsv.js';
import { parseOhlcvCsv, type OhlcvColumns } from '../../src/data/parseOhlcvCsv.js';
import { managePosition } from '../../src/regime/managePosition.js';
import { regimeWalkForward, type RegimeWalkForwardResult } from '../../src/regime/regimeWalkForward.js';
import { SCALING_REGIME_TEMPLATES } from '../../src/regime/scalingRegime.js';
import { SCALING_TEMPLATES } from '../../src/regime/scalingTemplates.js';
import { tradePath } from '../../src/regime/tradePath.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const load = (file: string) => parseOhlcvCsv(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
const sp500 = load('sp500_2000-2020_daily_ohlcv.csv');
const goog = load('goog_2004-2008_daily_ohlcv.csv');
const dow = parseClosesCsv(readFileSync(new URL('../../data/dowjones30_1991-2000_daily_close.csv', import.meta.url), 'utf8'));
const dowNames = ['AA', 'AXP', 'BA', 'GE', 'IBM', 'MSFT'];
const dowBars = dowNames.map((n) => dow.get(n) as OhlcvColumns);

const sp = regimeWalkForward([sp500, goog], { names: ['S&P 500', 'GOOG'], bootstrap: { resamples: 500, confidence: 0.95, seed: 1 } });
const dj = regimeWalkForward(dowBars, { names: dowNames, bootstrap: { resamples: 500, confidence: 0.95, seed: 1 } });

/** Σ and the deepest fall of the running sum from its peak (the start a peak): additive curve statistics by brute force. */
function sumAndDrawdown(rs: readonly number[]): [number, number] {
  let level = 0;
  let peak = 0;
  let dd = 0;
  for (const r of rs) {
    level += r;
    peak = Math.max(peak, level);
    dd = Math.max(dd, peak - level);
  }
  return [level, dd];
}

describe.each([
  ['S&P 500 + GOOG', sp],
  ['six Dow stocks', dj],
] as [string, RegimeWalkForwardResult][])('regimeWalkForward on %s', (_, r) => {
  it('puts the hindsight oracle at or above the model and the baseline on every held-out trade', () => {
    for (const d of r.decisions) {
      expect(d.r.oracle).toBeGreaterThanOrEqual(d.r.model);
      expect(d.r.oracle).toBeGreaterThanOrEqual(d.r.baseline);
    }
    expect(r.oracle.totalR).toBeGreaterThanOrEqual(r.model.totalR);
    expect(r.oracle.totalR).toBeGreaterThanOrEqual(r.baseline.totalR);
  });

  it('trains only on trades closed before the split and tests only trades signalled after it', () => {
    expect(r.decisions.every((d) => d.signalDate >= r.splitDate)).toBe(true);
    expect(r.trainTrades + r.testTrades + r.straddling + r.notWarm).toBeGreaterThan(r.testTrades);
    expect(Object.values(r.labelCounts.train).reduce((a, b) => a + b, 0)).toBe(r.trainTrades);
    expect(r.decisions.length).toBe(r.testTrades);
    expect(r.model.trades).toBe(r.testTrades);
    expect(Number.isInteger(r.model.trades)).toBe(true);
  });

  it('computes each row from the per-trade R (totals and drawdowns by brute force)', () => {
    for (const key of ['model', 'baseline', 'oracle', 'full'] as const) {
      const rs = r.decisions.map((d) => d.r[key]);
      const [total, dd] = sumAndDrawdown(rs);
      expect(r[key].totalR).toBeCloseTo(total, 9);
      expect(r[key].maxDrawdownR).toBeCloseTo(dd, 9);
      expect(r[key].meanR).toBeCloseTo(total / rs.length, 9);
      expect(r[key].hitRate).toBeCloseTo(rs.filter((x) => x > 0).length / rs.filter((x) => x !== 0).length, 12);
    }
    expect(r.fixed.NORMAL.totalR).toBeCloseTo(r.baseline.totalR, 12);
  });

  it('scores the tree against the hindsight labels and the majority answer', () => {
    expect(r.accuracy).toBeCloseTo(r.decisions.filter((d) => d.predicted === d.label).length / r.decisions.length, 15);
    expect(r.majorityRate).toBeCloseTo(r.decisions.filter((d) => d.label === r.majorityClass).length / r.decisions.length, 15);
    expect(r.rules).toMatch(/^if \w+ <= /);
    expect(r.cv.scores.map((s) => s.depth)).toEqual([1, 2, 3, 4, 5]);
    expect(r.tree.depth).toBeLessThanOrEqual(r.maxDepth);
  });

  it("brackets the model − baseline mean R with its paired bootstrap interval, and reports each part of the success test", () => {
    const mean = r.decisions.reduce((a, d) => a + d.r.model - d.r.baseline, 0) / r.decisions.length;
    expect(r.modelMinusBaseline.meanR).toBeCloseTo(mean, 12);
    const [lo, hi] = r.modelMinusBaseline.interval as [number, number];
    expect(lo).toBeLessThanOrEqual(hi);
    // The Sharpe comparison pairs the two rules' own R series (they differ by more than a size),
    // annualised as the rows are: its difference is the rows' difference.
    const s = r.modelMinusBaselineSharpe;
    expect(s.metric).toBe('sharpe');
    expect(s.difference).toBeCloseTo((r.model.sharpe as number) - (r.baseline.sharpe as number), 12);
    expect(s.resamples).toBe(500);
    expect(s.interval![0]).toBeLessThanOrEqual(s.interval![1]);
    expect(r.checks.beatsBaseline).toBe(r.model.totalR > r.baseline.totalR);
    expect(r.checks.belowOracle).toBe(r.model.totalR < r.oracle.totalR);
    expect(r.checks.holds).toBe(r.checks.beatsBaseline && r.checks.belowOracle && r.checks.betterSharpe && r.checks.acrossSymbols);
  });
});

describe('regimeWalkForward', () => {
  it('manages the held-out S&P 500 trades with the baseline template exactly as managePosition does on their paths', () => {
    const held = breakoutTrades(sp500).filter((t) => sp500.date[t.entryIndex - 1] >= sp.splitDate);
    const ours = sp.decisions.filter((d) => d.symbol === 'S&P 500');
    expect(ours.length).toBe(held.length);
    held.forEach((t, i) => {
      expect(ours[i].r.baseline).toBe(managePosition(tradePath(sp500, t), SCALING_TEMPLATES.NORMAL).rMultiple);
      const template = SCALING_TEMPLATES[SCALING_REGIME_TEMPLATES[ours[i].predicted]];
      expect(ours[i].r.model).toBe(managePosition(tradePath(sp500, t), template, ours[i].exitBias === undefined ? {} : { exitBias: ours[i].exitBias }).rMultiple);
    });
  });

  it('drops volumeRatio for a closes-only series and judges each symbol', () => {
    expect(dj.droppedFeatures.map((d) => d.name)).toEqual(['volumeRatio']);
    expect(dj.featureNames).not.toContain('volumeRatio');
    expect(dj.perSymbol.map((s) => s.name)).toEqual(dowNames);
    expect(dj.checks.symbolsJudged).toBe(dj.perSymbol.filter((s) => s.trades >= 5).length);
  });

  it('never tunes on the held-out part: changing the prices after the split changes no tree', () => {
    const split = sp500.date.indexOf(sp.splitDate);
    const shaken = { ...sp500, open: sp500.open.slice(), high: sp500.high.slice(), low: sp500.low.slice(), close: sp500.close.slice() };
    for (let i = split; i < sp500.close.length; i++) {
      const k = 1 + 0.2 * Math.sin(i); // a different path after the split, OHLC order kept
      shaken.open[i] *= k;
      shaken.high[i] *= k;
      shaken.low[i] *= k;
      shaken.close[i] *= k;
    }
    const again = regimeWalkForward([shaken, goog], { names: ['S&P 500', 'GOOG'], bootstrap: { resamples: 10, confidence: 0.95, seed: 1 } });
    expect(again.splitDate).toBe(sp.splitDate);
    expect(again.tree.toJSON()).toEqual(sp.tree.toJSON());
    expect(again.exitTree?.toJSON()).toEqual(sp.exitTree?.toJSON());
    expect(again.cv).toEqual(sp.cv);
  });

  it('takes user trades and options, and a fixed depth', () => {
    const trades = breakoutTrades(sp500, { entryPeriod: 55, exitPeriod: 20 });
    const r = regimeWalkForward(sp500, { trades: [trades], maxDepth: 2, exitBias: false, minSamplesLeaf: 3, bootstrap: { resamples: 10, confidence: 0.9, seed: 2 } });
    expect(r.maxDepth).toBe(2);
    expect(r.exitTree).toBeNull();
    expect(r.decisions.every((d) => d.exitBias === undefined)).toBe(true);
    const same = regimeWalkForward(sp500, { strategy: { entryPeriod: 55, exitPeriod: 20 }, maxDepth: 2, exitBias: false, minSamplesLeaf: 3, bootstrap: { resamples: 10, confidence: 0.9, seed: 2 } });
    expect(same.model).toEqual(r.model);
  });

  it('reports progress often (every 5 % of the work at most) and in order, with the same result as without it', () => {
    const options = { names: ['S&P 500', 'GOOG'], bootstrap: { resamples: 500, confidence: 0.95, seed: 1 } };
    const calls: [number, number][] = [];
    const reported = regimeWalkForward([sp500, goog], { ...options, onProgress: (done, total) => calls.push([done, total]) });
    // The same walk-forward, call for call: every field (the trees compared as their JSON).
    const { tree, exitTree, ...rest } = reported;
    const { tree: tree0, exitTree: exitTree0, ...rest0 } = sp;
    expect(rest).toEqual(rest0);
    expect(tree.toJSON()).toEqual(tree0.toJSON());
    expect(exitTree?.toJSON()).toEqual(exitTree0?.toJSON());
    // Thousandths of the work, never backwards, at most 50 apart, ending at the total.
    expect(calls.every(([, total]) => total === 1000)).toBe(true);
    const done = [0, ...calls.map(([d]) => d)];
    for (let i = 1; i < done.length; i++) expect(done[i] - done[i - 1]).toBeGreaterThanOrEqual(0);
    expect(Math.max(...done.slice(1).map((d, i) => d - done[i]))).toBeLessThanOrEqual(50);
    expect(done[done.length - 1]).toBe(1000);
    // A call per series' features and per trade sampled, per fold and final fit of each tree, per held-out trade, per bootstrap.
    const trades = breakoutTrades(sp500).length + breakoutTrades(goog).length;
    const trees = reported.exitTree === null ? 1 : 2;
    const folds = reported.cv.scores[0].accuracies.length + (reported.exitCv?.scores[0].accuracies.length ?? 0);
    expect(calls.length).toBe(2 + trades + 1 + folds + trees + reported.testTrades + 2); // + each series' features, + the end of sampling
  });

  it('rejects bad input, naming the field', () => {
    const badClose = { ...sp500, close: Float64Array.from(sp500.close, (v, i) => (i === 9 ? Number.NaN : v)) };
    const t = breakoutTrades(sp500);
    const cases: [() => unknown, string][] = [
      [() => regimeWalkForward([sp500, badClose]), 'bars[1].close[9]'],
      [() => regimeWalkForward([]), 'bars'],
      [() => regimeWalkForward({ ...sp500, date: sp500.date.map((d, i) => (i === 5 ? '2000/01/10' : d)) }), 'bars.date[5]'],
      [() => regimeWalkForward(sp500, { trainFraction: 1 }), 'options.trainFraction'],
      [() => regimeWalkForward(sp500, { splitDate: '2030-01-01' }), 'options.splitDate'],
      [() => regimeWalkForward(sp500, { splitDate: 'soon' }), 'options.splitDate'],
      [() => regimeWalkForward(sp500, { splitDate: '2000-03-01' }), 'options.splitDate'], // too few to train
      [() => regimeWalkForward(sp500, { names: ['a', 'b'] }), 'options.names'],
      [() => regimeWalkForward(sp500, { trades: [[{ ...t[3], stopPrice: t[3].entryPrice + 1 }]] }), 'options.trades[0][0].stopPrice'],
      [() => regimeWalkForward(sp500, { strategy: { entryPeriod: 1 } }), 'options.strategy.entryPeriod'],
      [() => regimeWalkForward(sp500, { features: ['adx', 'mood' as never] }), 'options.features[1]'],
      [() => regimeWalkForward(sp500, { featureOptions: { adxPeriod: -1 } }), 'options.featureOptions.adxPeriod'],
      [() => regimeWalkForward(sp500, { label: { template: 'CONSERVATIVE' } }), 'options.label.template'],
      [() => regimeWalkForward(sp500, { templates: { NO_ADD: 'TIMID' as never } }), 'options.templates.NO_ADD'],
      [() => regimeWalkForward(sp500, { baseline: 'MEDIUM' as never }), 'options.baseline'],
      [() => regimeWalkForward(sp500, { maxDepth: 0 }), 'options.maxDepth'],
      [() => regimeWalkForward(sp500, { bootstrap: { resamples: 0, confidence: 0.95, seed: 1 } }), 'options.bootstrap.resamples'],
      [() => regimeWalkForward(sp500, { exitBias: 'yes' as never }), 'options.exitBias'],
      [() => regimeWalkForward(sp500, { depth: 3 } as never), 'options.depth'],
      [() => regimeWalkForward(sp500, { onProgress: 'bar' as never }), 'options.onProgress'],
    ];
    for (const [call, field] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });
});
