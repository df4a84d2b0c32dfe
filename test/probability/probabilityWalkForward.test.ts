import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OhlcvColumns } from '../../src/data/parseOhlcvCsv.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { kellyFromStats } from '../../src/kelly/kellyFromStats.js';
import type { FeatureSource } from '../../src/probability/FeatureSource.js';
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

describe('probabilityWalkForward', () => {
  const result = probabilityWalkForward(series);

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
    expect(again.sizing.map((r) => [r.evaluation, r.versusFlat])).toEqual(result.sizing.map((r) => [r.evaluation, r.versusFlat]));
    expect(again.heldOut).toEqual(result.heldOut);
  });

  it('finds skill where there is some (a peeking feature): calibrated Brier well below the base rate, calibrated sizing beats flat', () => {
    const r = probabilityWalkForward(series, { features: PEEKING, calibration: 'isotonic' });
    expect(r.brier.calibratedVsBaseRate.z).toBeLessThan(-3);
    const calibrated = r.sizing.find((s) => s.name === 'calibrated')!;
    // compareSizing's paired bootstrap: the calibrated sizes' Sharpe ratio beats flat's with the interval above 0.
    expect(calibrated.versusFlat!.interval![0]).toBeGreaterThan(0);
    expect(r.weights.logistic).toBeGreaterThan(r.weights.baseRate);
  });

  it('rejects bad input naming the field', () => {
    expect(() => probabilityWalkForward([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'series' }));
    expect(() => probabilityWalkForward([null as never])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'series[0]' }));
    const undated = { ...series[1].bars, date: series[1].bars.date.map((d, i) => (i === 4 ? '5 Jan 2004' : d)) };
    expect(() => probabilityWalkForward([series[0], { name: 'GOOG', bars: undated }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'series[1].bars.date[4]' }));
    expect(() => probabilityWalkForward(series, { trainFraction: 1 })).toThrow(expect.objectContaining({ field: 'options.trainFraction' }));
    expect(() => probabilityWalkForward(series, { folds: 1 })).toThrow(expect.objectContaining({ field: 'options.folds' }));
    expect(() => probabilityWalkForward(series, { calibration: 'beta' as 'platt' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.calibration' }));
    expect(() => probabilityWalkForward(series, { kellyFraction: 0 })).toThrow(expect.objectContaining({ field: 'options.kellyFraction' }));
    expect(() => probabilityWalkForward(series, { features: {} as FeatureSource })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.features' }));
    expect(() => probabilityWalkForward(series, { features: { names: ['a'], columns: () => [] } })).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'options.features' }));
    expect(() => probabilityWalkForward(series, { seed: -1 })).toThrow(expect.objectContaining({ field: 'options.seed' }));
    expect(() => probabilityWalkForward(series, { resamples: 10 })).toThrow(expect.objectContaining({ field: 'options.resamples' }));
    expect(() => probabilityWalkForward(series, { seeds: 1 } as object)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.seeds' }));
  });
});
