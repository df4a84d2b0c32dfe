import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOhlcvCsv, type OhlcvColumns } from '../../src/data/parseOhlcvCsv.js';
import { SizewiseError } from '../../src/errors.js';
import { ready } from '../../src/runtime/wasm.js';
import { marketFeatures } from '../../src/rl/marketFeatures.js';
import { qLearningWalkForward } from '../../src/rl/qLearningWalkForward.js';
import { regimeLabel } from '../../src/rl/regimeLabel.js';
import { tradeSamples, type TradeSample } from '../../src/rl/tradeSamples.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const sp500 = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));

function prefix(bars: OhlcvColumns, end: number): OhlcvColumns {
  return {
    date: bars.date.slice(0, end),
    open: bars.open.slice(0, end),
    high: bars.high.slice(0, end),
    low: bars.low.slice(0, end),
    close: bars.close.slice(0, end),
    volume: bars.volume.slice(0, end),
  };
}

beforeAll(() => ready());

describe('marketFeatures', () => {
  it('never looks ahead: the features at bar t are the same computed from bars 0…t only', () => {
    const full = marketFeatures(sp500);
    fc.assert(
      fc.property(fc.integer({ min: 101, max: sp500.close.length - 1 }), (t) => {
        const cut = marketFeatures(prefix(sp500, t + 1));
        for (const key of ['volatility', 'trend', 'momentum', 'atr'] as const) expect(cut[key][t]).toBe(full[key][t]);
      }),
      { numRuns: 25, seed: 5 },
    );
  });

  it('computes the efficiency ratio by hand: |3 − 1| / (1 + 1 + 1 + 1) = 0.5', () => {
    const close = Float64Array.from([1, 2, 1, 2, 3]);
    const bars = { date: ['a', 'b', 'c', 'd', 'e'], open: close, high: close, low: close, close, volume: close };
    const f = marketFeatures(bars, { atrPeriod: 1, longAtrPeriod: 1, trendPeriod: 4, momentumPeriod: 4 });
    expect(f.trend[4]).toBeCloseTo(0.5, 15);
    expect(Number.isNaN(f.trend[3])).toBe(true); // not warm
    // momentum = (3/1 − 1) / (ATR/close · √4), ATR(1) = true range of the last bar = |3 − 2| = 1
    expect(f.momentum[4]).toBeCloseTo(2 / ((1 / 3) * 2), 14);
  });

  it('rejects an unknown option', () => {
    expect(() => marketFeatures(sp500, { atrPeriode: 3 } as never)).toThrow(SizewiseError);
  });
});

describe('regimeLabel', () => {
  it('puts risk before direction, then separates quiet from choppy', () => {
    // Market regime names (src/regime/marketRegime.ts): VOLATILE → HIGH_VOL, CONSOLIDATING → LOW_VOL, CHOPPY → MEAN_REVERTING.
    expect(regimeLabel({ volatility: 1.3, trend: 0.9 })).toBe('HIGH_VOL');
    expect(regimeLabel({ volatility: 1.0, trend: 0.5 })).toBe('TRENDING');
    expect(regimeLabel({ volatility: 0.7, trend: 0.1 })).toBe('LOW_VOL');
    expect(regimeLabel({ volatility: 1.0, trend: 0.1 })).toBe('MEAN_REVERTING');
  });

  it('rejects NaN features', () => {
    expect(() => regimeLabel({ volatility: Number.NaN, trend: 0 })).toThrow(expect.objectContaining({ field: 'features.volatility' }));
  });
});

describe('tradeSamples on the S&P 500 reference trades', () => {
  const trades = breakoutTrades(sp500);
  const samples = tradeSamples(sp500, trades);

  it('keeps every trade whose signal bar is past the 100-bar warm-up, in order', () => {
    expect(samples.length).toBe(trades.filter((t) => t.entryIndex - 1 >= 100).length);
    for (const s of samples) expect(s.signalIndex).toBe(s.trade.entryIndex - 1);
  });

  it('reads the state from bars up to the signal only, and the drawdown from trades closed before it', () => {
    for (const s of samples.filter((_, i) => i % 10 === 0)) {
      const again = tradeSamples(prefix(sp500, s.signalIndex + 1), [s.trade]);
      expect(again[0].state.volatility).toBe(s.state.volatility);
      expect(again[0].state.trend).toBe(s.state.trend);
      expect(again[0].state.momentum).toBe(s.state.momentum);
      expect(again[0].state.confidence).toBe(s.state.confidence);
      // brute force: peak-to-now of the 1.0× equity over trades closed before the signal bar
      let equity = 1;
      let peak = 1;
      for (const t of trades) if (t.exitIndex <= s.signalIndex) peak = Math.max(peak, (equity *= 1 + t.returnFraction));
      expect(s.state.drawdown).toBeCloseTo(1 - equity / peak, 14);
    }
  });
});

describe('the walk-forward evaluation', () => {
  const samples = tradeSamples(sp500, breakoutTrades(sp500));

  it('trains only on trades closed before the split and evaluates only signals after it', async () => {
    const r = await qLearningWalkForward(sp500, samples);
    const split = Math.floor(sp500.close.length * 0.7);
    expect(r.splitDate).toBe(sp500.date[split]);
    expect(r.trainTrades).toBe(samples.filter((s) => s.trade.exitIndex < split).length);
    expect(r.heldOutTrades).toBe(samples.filter((s) => s.signalIndex >= split).length);
    expect(r.trainTrades + r.heldOutTrades + r.straddling).toBe(samples.length);
    expect(r.multipliers.length).toBe(r.heldOutTrades);
    expect(r.constant.averageMultiplier).toBe(1);
    expect(r.constantAtAverage.sharpe).toBeCloseTo(r.constant.sharpe as number, 10);
    r.agent.dispose();
  });

  it('trains the same agent when it reports progress (epochs in slices, one replay stream)', async () => {
    const whole = await qLearningWalkForward(sp500, samples, { epochs: 37 });
    const reports: number[] = [];
    const sliced = await qLearningWalkForward(sp500, samples, { epochs: 37, onProgress: (done, total) => reports.push(done / total) });
    expect(sliced.agent.table()).toEqual(whole.agent.table());
    expect(sliced.multipliers).toEqual(whole.multipliers);
    expect(reports.length).toBe(37); // ⌈37 / 50⌉ = 1 epoch per slice
    expect(reports[reports.length - 1]).toBe(1);
    whole.agent.dispose();
    sliced.agent.dispose();
  });

  it('rejects a split that leaves nothing to evaluate, naming options.trainFraction', async () => {
    const split = Math.floor(sp500.close.length * 0.7);
    const before = samples.filter((s) => s.signalIndex < split);
    await expect(qLearningWalkForward(sp500, before)).rejects.toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'options.trainFraction' }));
  });

  it('sizes the replay buffer to trades × actions, keeping a caller\'s size', async () => {
    const r = await qLearningWalkForward(sp500, samples, { epochs: 1 });
    expect(r.agent.replayCapacity).toBe(r.trainTrades * 6); // six default multipliers
    expect(r.agent.metrics().replaySize).toBe(r.trainTrades * 6);
    r.agent.dispose();
    const mine = await qLearningWalkForward(sp500, samples, { epochs: 1, agent: { replay: 50 } });
    expect(mine.agent.replayCapacity).toBe(50);
    mine.agent.dispose();
    // 4 000 actions × (the training trades + four copies as extra samples) exceed the 2²⁰ limit:
    // the buffer is capped, not an error on a field the caller never set.
    const many = Array.from({ length: 4_000 }, (_, i) => 0.5 + i / 4_000);
    const split = Math.floor(sp500.close.length * 0.7);
    const extra = Array.from({ length: 4 }, () => samples.filter((s) => s.trade.exitIndex < split)).flat();
    const big = await qLearningWalkForward(sp500, samples, { epochs: 1, extra, agent: { actions: many } });
    expect(big.extraTrainTrades * 4_000 + r.trainTrades * 4_000).toBeGreaterThan(1 << 20);
    expect(big.agent.replayCapacity).toBe(1 << 20);
    expect(big.agent.metrics().replaySize).toBe(1 << 20);
    big.agent.dispose();
  });

  it('is frozen before the held-out part: changing held-out outcomes changes no multiplier', async () => {
    const split = Math.floor(sp500.close.length * 0.7);
    const flipped: TradeSample[] = samples.map((s) =>
      s.signalIndex >= split ? { ...s, outcome: { ...s.outcome, returnFraction: -s.outcome.returnFraction, rMultiple: -(s.outcome.rMultiple ?? 0) } } : s,
    );
    const a = await qLearningWalkForward(sp500, samples);
    const b = await qLearningWalkForward(sp500, flipped);
    expect(b.multipliers).toEqual(a.multipliers);
    expect(b.agent.table()).toEqual(a.agent.table());
    a.agent.dispose();
    b.agent.dispose();
  });
});

describe('marketFeatures input checks', () => {
  it('names a bad bars object or price instead of throwing a TypeError', () => {
    const fails = (bars: unknown, field: string, code: string) =>
      expect(() => marketFeatures(bars as OhlcvColumns)).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));
    const close = Float64Array.of(10, 11, 12);
    fails(null, 'bars', 'INVALID_TYPE');
    fails({ high: close, low: close }, 'bars.close', 'INVALID_TYPE');
    fails({ high: close, low: close, close: Float64Array.of(10, Number.NaN, 12) }, 'bars.close[1]', 'NON_FINITE');
    fails({ high: close, low: close, close: Float64Array.of(10, 0, 12) }, 'bars.close[1]', 'OUT_OF_RANGE');
    fails({ high: close.subarray(0, 2), low: close, close }, 'bars.high', 'LENGTH_MISMATCH');
    fails({ high: Float64Array.of(10, 10, 12), low: Float64Array.of(10, 11, 12), close }, 'bars.high[1]', 'OUT_OF_RANGE');
  });
});
