import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OhlcvColumns } from '../../src/data/parseOhlcvCsv.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { kellyFromStats } from '../../src/kelly/kellyFromStats.js';
import { MARKET_FEATURE_SOURCE, type FeatureSource } from '../../src/probability/FeatureSource.js';
import { LogisticRegression } from '../../src/probability/LogisticRegression.js';
import { REGIME_FEATURE_SOURCE } from '../../src/probability/regimeFeatureSource.js';
import { probabilityWalkForward } from '../../src/probability/probabilityWalkForward.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const load = (file: string) => parseOhlcvCsv(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
const series = [
  { name: 'S&P 500', bars: load('sp500_2000-2020_daily_ohlcv.csv') },
  { name: 'GOOG', bars: load('goog_2004-2008_daily_ohlcv.csv') },
];

/**
 * A positive control: a "feature" that peeks at the next 10 closes (a leak no real model
 * has). With it the pipeline must find skill; with the honest features it need not.
 */
const PEEKING: FeatureSource = {
  names: ['next10'],
  columns: (bars: OhlcvColumns) => [Float64Array.from(bars.close, (_, t) => (t + 11 < bars.close.length ? bars.close[t + 11] / bars.open[t + 1] - 1 : 0))],
};

/** A feature of pure noise: seeded uniform draws (mulberry32), unrelated to any trade. */
function noise(seed: number): FeatureSource {
  return {
    names: ['noise'],
    columns: (bars: OhlcvColumns) => {
      let a = seed >>> 0;
      return [
        Float64Array.from(bars.close, () => {
          a = (a + 0x6d2b79f5) >>> 0;
          let t = Math.imul(a ^ (a >>> 15), 1 | a);
          t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        }),
      ];
    },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('probabilityWalkForward', () => {
  const result = probabilityWalkForward(series);

  it('reads the regime features by default, the agent\'s when asked', () => {
    expect(result.featureNames).toEqual(REGIME_FEATURE_SOURCE.names);
    expect(probabilityWalkForward(series, { features: MARKET_FEATURE_SOURCE }).featureNames).toEqual(MARKET_FEATURE_SOURCE.names);
  });

  it('returns a row per sizing rule, the tree\'s beside the logistic regression\'s, and a tree within its depth and leaf size', () => {
    expect(result.sizing.map((r) => r.name)).toEqual(['flat', 'uncalibrated', 'calibrated', 'treeUncalibrated', 'treeCalibrated', 'ensemble']);
    expect(Object.keys(result.weights).sort()).toEqual(['baseRate', 'logistic', 'tree']);
    expect(result.tree.classes).toEqual(['loss', 'win']);
    expect(result.tree.featureNames).toEqual(REGIME_FEATURE_SOURCE.names);
    expect(result.tree.depth).toBeLessThanOrEqual(3);
    const sum = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);
    expect(sum(result.tree.nodes[0].counts)).toBe(result.trainTrades);
    for (const node of result.tree.nodes) if (!('feature' in node)) expect(sum(node.counts)).toBeGreaterThanOrEqual(50);
    const columns = new Map(series.map((s) => [s.name, REGIME_FEATURE_SOURCE.columns(s.bars)]));
    for (const t of result.trades) {
      // The tree's raw probability is the final tree's leaf win rate at the trade's signal-bar features; calibration maps it.
      const s = series.find((x) => x.name === t.series)!;
      const signal = breakoutTrades(s.bars).find((x) => x.entryDate === t.entryDate)!.entryIndex - 1;
      expect(t.treeRaw).toBe(result.tree.predictProba(columns.get(t.series)!.map((c) => c[signal])).win);
      expect(t.treeCalibrated).toBeCloseTo(result.treeCalibrator.predict(t.treeRaw), 15);
      for (const p of [t.raw, t.calibrated, t.treeRaw, t.treeCalibrated, t.baseRate, t.ensemble]) expect(p >= 0 && p <= 1).toBe(true);
    }
  });

  it('leaves out every trade with a non-finite feature at its signal bar: no NaN reaches either model', () => {
    // The regime features with holes punched in: every 7th bar's ADX is NaN.
    const holed: FeatureSource = {
      names: REGIME_FEATURE_SOURCE.names,
      columns: (bars) => {
        const columns = REGIME_FEATURE_SOURCE.columns(bars).map((c) => Float64Array.from(c));
        for (let t = 0; t < columns[0].length; t += 7) columns[0][t] = Number.NaN;
        return columns;
      },
    };
    // Counted again here: trades whose signal bar (the bar before entry) has any NaN feature.
    const unusable = series.reduce((n, s) => {
      const columns = holed.columns(s.bars);
      return n + breakoutTrades(s.bars).filter((t) => columns.some((c) => !Number.isFinite(c[t.entryIndex - 1]))).length;
    }, 0);
    const fits = vi.spyOn(LogisticRegression, 'fit');
    const r = probabilityWalkForward(series, { features: holed });
    expect(r.warmingUp).toBe(unusable);
    expect(r.warmingUp).toBeGreaterThan(result.warmingUp);
    expect(fits).toHaveBeenCalledTimes(6); // 5 folds and the final model
    for (const [rows] of fits.mock.calls) for (const row of rows) expect(Array.from(row).every(Number.isFinite)).toBe(true);
    // The tree rejects NaN outright (DecisionTree's rule); its root holds every training trade.
    expect(r.tree.nodes[0].counts.reduce((a, b) => a + b, 0)).toBe(r.trainTrades);
  });

  it('accounts for every trade: trained, held out, straddling the split or before the features are warm', () => {
    const total = series.reduce((n, s) => n + breakoutTrades(s.bars).length, 0);
    expect(result.trainTrades + result.heldOutTrades + result.straddling + result.warmingUp).toBe(total);
    expect(result.trades.length).toBe(result.heldOutTrades);
  });

  it('cuts every series at one date of the union calendar: no trade trains that closed after a held-out trade was signalled', () => {
    // The split written out again: 70 % of the way through every date any series has.
    const calendar = [...new Set(series.flatMap((s) => s.bars.date))].sort();
    const split = calendar[Math.floor(calendar.length * 0.7)];
    expect(result.splitDate).toBe(split);
    const lastTrainingClose = series
      .flatMap((s) => breakoutTrades(s.bars))
      .filter((t) => t.closedAt < split)
      .reduce((last, t) => (t.closedAt > last ? t.closedAt : last), '');
    // S&P 500 2000–2020 with GOOG 2004–2008: a split at 70 % of each series' own bars held out
    // GOOG's 2007–2008 trades while training on S&P 500 trades up to 2014 (look-ahead).
    expect(result.trades.length).toBeGreaterThan(0);
    for (const t of result.trades) expect(t.entryDate > lastTrainingClose).toBe(true);
  });

  it('sizes flat at kellyFraction × Kelly of the training trades, and every rule within [0, maxExposure]', () => {
    const flat = result.sizing.find((r) => r.name === 'flat')!;
    const expected = Math.min(3, 0.25 * kellyFromStats(result.trainEdge).exposure);
    for (const x of flat.exposures) expect(x).toBe(expected);
    for (const row of result.sizing) for (const x of row.exposures) expect(x >= 0 && x <= 3).toBe(true);
    expect(Object.values(result.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    // Each rule is evaluated on the held-out trades with its probabilities as the predicted edge.
    for (const row of result.sizing) {
      expect(row.evaluation.trades).toBe(result.heldOutTrades);
      expect(row.evaluation.meanSize).toBeCloseTo(row.exposures.reduce((a, b) => a + b, 0) / row.exposures.length, 12);
      expect(row.versusFlat === null).toBe(row.name === 'flat');
    }
  });

  it('is deterministic', () => {
    const again = probabilityWalkForward(series);
    expect(again.sizing.map((r) => [r.name, r.exposures, r.evaluation, r.versusFlat])).toEqual(result.sizing.map((r) => [r.name, r.exposures, r.evaluation, r.versusFlat]));
    expect(again.heldOut).toEqual(result.heldOut);
    expect(again.outOfFold).toEqual(result.outOfFold);
    expect(again.trades).toEqual(result.trades);
    expect(again.weights).toEqual(result.weights);
    expect(again.tree.toJSON()).toEqual(result.tree.toJSON());
    expect(again.treeCalibratedVsUncalibrated).toEqual(result.treeCalibratedVsUncalibrated);
  });

  it('finds skill where there is some (a peeking feature): calibrated Brier well below the base rate, calibrated sizing beats flat', () => {
    // 82 training trades here: too few for two leaves of the default 50, so leaves of 10.
    const r = probabilityWalkForward(series, { features: PEEKING, calibration: 'isotonic', treeMinSamplesLeaf: 10 });
    expect(r.trainTrades).toBeLessThan(100);
    expect(r.brier.calibratedVsBaseRate.z).toBeLessThan(-3);
    const calibrated = r.sizing.find((s) => s.name === 'calibrated')!;
    // compareSizing's paired bootstrap: the calibrated sizes' Sharpe ratio beats flat's with the interval above 0.
    expect(calibrated.versusFlat!.interval![0]).toBeGreaterThan(0);
    expect(r.weights.logistic).toBeGreaterThan(r.weights.baseRate);
    // The tree, cross-fitted on the same folds, finds it too.
    expect(r.brier.treeCalibratedVsBaseRate.z).toBeLessThan(-3);
    expect(r.sizing.find((s) => s.name === 'treeCalibrated')!.versusFlat!.interval![0]).toBeGreaterThan(0);
    expect(r.weights.tree).toBeGreaterThan(r.weights.baseRate);
  });

  it("scores each fold with trees that never saw it: a deep tree on pure noise memorises its training trades, yet its out-of-fold Brier is no better than the base rate's", () => {
    const r = probabilityWalkForward(series, { features: noise(7), treeDepth: 20, treeMinSamplesLeaf: 1 });
    const w = r.trainEdge.winRate;
    // In sample, the final tree's leaves are nearly pure: Brier = Σ leaf count · share · (1 − share) / n.
    let inSample = 0;
    for (const node of r.tree.nodes) {
      if ('feature' in node) continue;
      const [losses, wins] = node.counts;
      inSample += (losses * wins) / (losses + wins);
    }
    inSample /= r.trainTrades;
    expect(inSample).toBeLessThan(0.5 * w * (1 - w));
    // Out of fold, noise has nothing to give: no better than always saying the win rate, w(1 − w).
    expect(r.outOfFold.treeRaw.brier).toBeGreaterThan(w * (1 - w));
  });

  it('rejects bad input naming the field', () => {
    expect(() => probabilityWalkForward([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'series' }));
    expect(() => probabilityWalkForward([null as never])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'series[0]' }));
    const undated = { ...series[1].bars, date: series[1].bars.date.map((d, i) => (i === 4 ? '5 Jan 2004' : d)) };
    expect(() => probabilityWalkForward([series[0], { name: 'GOOG', bars: undated }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'series[1].bars.date[4]' }));
    // A bar whose close is above its high: the regime features refuse it, naming the series.
    const broken = { ...series[1].bars, close: Float64Array.from(series[1].bars.close, (c, i) => (i === 50 ? series[1].bars.high[50] + 1 : c)) };
    expect(() => probabilityWalkForward([series[0], { name: 'GOOG', bars: broken }])).toThrow(expect.objectContaining({ field: expect.stringMatching(/^series\[1\]\.bars\./) }));
    expect(() => probabilityWalkForward(series, { trainFraction: 1 })).toThrow(expect.objectContaining({ field: 'options.trainFraction' }));
    expect(() => probabilityWalkForward(series, { folds: 1 })).toThrow(expect.objectContaining({ field: 'options.folds' }));
    expect(() => probabilityWalkForward(series, { calibration: 'beta' as 'platt' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.calibration' }));
    expect(() => probabilityWalkForward(series, { kellyFraction: 0 })).toThrow(expect.objectContaining({ field: 'options.kellyFraction' }));
    expect(() => probabilityWalkForward(series, { features: {} as FeatureSource })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.features' }));
    expect(() => probabilityWalkForward(series, { features: { names: ['a'], columns: () => [] } })).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'options.features' }));
    expect(() => probabilityWalkForward(series, { treeDepth: 0 })).toThrow(expect.objectContaining({ field: 'options.treeDepth' }));
    expect(() => probabilityWalkForward(series, { treeMinSamplesLeaf: 1.5 })).toThrow(expect.objectContaining({ field: 'options.treeMinSamplesLeaf' }));
    expect(() => probabilityWalkForward(series, { seed: -1 })).toThrow(expect.objectContaining({ field: 'options.seed' }));
    expect(() => probabilityWalkForward(series, { resamples: 10 })).toThrow(expect.objectContaining({ field: 'options.resamples' }));
    expect(() => probabilityWalkForward(series, { seeds: 1 } as object)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.seeds' }));
  });
});
