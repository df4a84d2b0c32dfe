import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { backtestSizing, type SizeTrade } from '../../src/evaluate/backtestSizing.js';
import { evaluateSizing } from '../../src/evaluate/evaluateSizing.js';
import { flatRisk } from '../../src/evaluate/flatRisk.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));
const unit: SizeTrade = () => ({ exposure: 1, riskFraction: 0.01 });

describe('backtestSizing', () => {
  it('marks one trade to each close and closes it at its exit price (the documented example)', () => {
    // 5 units (0.5 × 1000 ÷ 100) marked at 100 and 110, closed at 105.
    const r = backtestSizing({ close: [100, 100, 110, 105, 105, 120] }, [{ entryIndex: 1, exitIndex: 3, entryPrice: 100, exitPrice: 105 }], () => ({ exposure: 0.5, riskFraction: 0.01 }), {
      startEquity: 1000,
    });
    expect(Array.from(r.equity)).toEqual([1000, 1000, 1050, 1025, 1025, 1025]);
    expect(r.finalEquity).toBe(1025);
    expect(r.totalReturn).toBeCloseTo(0.025, 14);
    expect(r.maxDrawdown).toBeCloseTo(1 - 1025 / 1050, 14);
    expect(Array.from(r.sizes)).toEqual([0.5]);
    expect(r.returns[0]).toBeCloseTo(0.05, 15); // 105 ÷ 100 − 1
    expect(Array.from(r.riskFractions)).toEqual([0.01]);
    expect(r).toMatchObject({ tradesTaken: 1, meanRisk: 0.01, ruinedAt: null, periods: 5, periodsPerYear: 252 });
  });

  it('sizes each trade from the equity at its entry and the marked-to-market peak (hand-worked)', () => {
    const close = [100, 100, 120, 110, 100, 100, 90, 95];
    const trades = [
      { entryIndex: 1, exitIndex: 3, entryPrice: 100, exitPrice: 110 },
      { entryIndex: 5, exitIndex: 6, entryPrice: 100, exitPrice: 90 },
    ];
    const calls: [number, number, number][] = [];
    const r = backtestSizing({ close }, trades, (k, equity, peak) => (calls.push([k, equity, peak]), { exposure: 1, riskFraction: 0.02 }), { startEquity: 1000 });
    // Trade 0: 10 units, marked 1000, 1200, closed at 110 → 1100. Trade 1: 11 units, marked 1100, closed at 90 → 990.
    expect(calls).toEqual([
      [0, 1000, 1000],
      [1, 1100, 1200],
    ]);
    expect(Array.from(r.equity)).toEqual([1000, 1000, 1200, 1100, 1100, 1100, 990, 990]);
    expect(r.maxDrawdown).toBeCloseTo(1 - 990 / 1200, 14);
    // Daily returns 0, 0.2, −1/12, 0, 0, −0.1, 0: Sharpe = mean ÷ sample sd × √252.
    const d = [0, 0.2, -1 / 12, 0, 0, -0.1, 0];
    const mean = d.reduce((s, x) => s + x, 0) / 7;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / 6);
    expect(r.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(252), 12);
    expect(r.cagr).toBeCloseTo(0.99 ** (252 / 7) - 1, 12); // 7 bars = 7/252 years
    // The per-trade view of the same run: 1.1 × 0.9 − 1.
    expect(evaluateSizing(r.returns, r.sizes).totalReturn).toBeCloseTo(-0.01, 14);
    expect(r.totalReturn).toBeCloseTo(-0.01, 14);
  });

  it('stops at ruin: the curve stays at 0 and no further trade is sized', () => {
    // 30 units (3 × 1000 ÷ 100); the close of 60 marks 1000 − 30 × 40 = −200: ruin.
    let sized = 0;
    const r = backtestSizing(
      { close: [100, 100, 60, 50, 80, 90, 95] },
      [
        { entryIndex: 1, exitIndex: 4, entryPrice: 100, exitPrice: 80 },
        { entryIndex: 5, exitIndex: 6, entryPrice: 90, exitPrice: 95 },
      ],
      () => (sized++, { exposure: 3, riskFraction: 0.1 }),
      { startEquity: 1000 },
    );
    expect(Array.from(r.equity)).toEqual([1000, 1000, 0, 0, 0, 0, 0]);
    expect(r).toMatchObject({ finalEquity: 0, totalReturn: -1, maxDrawdown: 1, cagr: -1, ruinedAt: 2, tradesTaken: 1 });
    expect(sized).toBe(1);
  });

  it('has a null mean risk and a flat curve without trades', () => {
    const r = backtestSizing({ close: [100, 101, 102] }, [], unit, { startEquity: 10 });
    expect(Array.from(r.equity)).toEqual([10, 10, 10]);
    expect(r).toMatchObject({ meanRisk: null, tradesTaken: 0, totalReturn: 0, sharpe: null, sortino: null });
  });

  describe('on the S&P 500 reference trades', () => {
    const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
    const trades = breakoutTrades(bars);

    it('compounds flat risk as Π(1 + risk × R) over the trades (closed form)', () => {
      // At 1 % risk per stop distance, a trade returning R multiples of its risk moves equity by 1 % × R.
      const result = backtestSizing(bars, trades, flatRisk(trades, 0.01, { maxLeverage: 1e6 }), { startEquity: 100_000 });
      const expected = trades.reduce((w, t) => w * (1 + 0.01 * t.rMultiple), 100_000);
      expect(result.finalEquity).toBeCloseTo(expected, 6);
      expect(result.meanRisk).toBeCloseTo(0.01, 12);
      expect(result.maxDrawdown).toBeGreaterThan(0);
      expect(result.equity.length).toBe(bars.close.length);
    });

    it('agrees with evaluateSizing on the per-trade total, for capped and uncapped rules', () => {
      for (const rule of [flatRisk(trades, 0.02, { maxLeverage: 0.8 }), flatRisk(trades, 0.005), unit]) {
        const r = backtestSizing(bars, trades, rule);
        const e = evaluateSizing(r.returns, r.sizes);
        expect(e.totalReturn).toBeCloseTo(r.totalReturn, 10);
        expect(r.tradesTaken).toBe(trades.length);
      }
    });
  });

  it('rejects bad input, naming the field', () => {
    const close = [100, 100, 110, 105];
    const t = (entryIndex: number, exitIndex: number, entryPrice = 100, exitPrice = 105) => ({ entryIndex, exitIndex, entryPrice, exitPrice });
    bad(() => backtestSizing(null as never, [], unit), 'INVALID_TYPE', 'bars');
    bad(() => backtestSizing({ close: [] }, [], unit), 'EMPTY_INPUT', 'bars.close');
    bad(() => backtestSizing({ close: [100] }, [], unit), 'EMPTY_INPUT', 'bars.close'); // no period to measure
    bad(() => backtestSizing({ close: [100, 101, 102] }, [], unit, { periodsPerYear: 1e-320 }), 'OUT_OF_RANGE', 'options.periodsPerYear');
    bad(() => backtestSizing({ close: [100, Number.NaN] }, [], unit), 'NON_FINITE', 'bars.close[1]');
    bad(() => backtestSizing({ close: [100, 0] }, [], unit), 'OUT_OF_RANGE', 'bars.close[1]');
    bad(() => backtestSizing({ close }, 'trades' as never, unit), 'INVALID_TYPE', 'trades');
    bad(() => backtestSizing({ close }, [null as never], unit), 'INVALID_TYPE', 'trades[0]');
    bad(() => backtestSizing({ close }, [t(0, 2)], unit), 'OUT_OF_RANGE', 'trades[0].entryIndex'); // bar 0 is the start
    bad(() => backtestSizing({ close }, [t(2, 1)], unit), 'OUT_OF_RANGE', 'trades[0].exitIndex');
    bad(() => backtestSizing({ close }, [t(1, 4)], unit), 'OUT_OF_RANGE', 'trades[0].exitIndex'); // past the last bar
    bad(() => backtestSizing({ close }, [t(1, 2), t(2, 3)], unit), 'OUT_OF_RANGE', 'trades[1].entryIndex'); // overlaps
    bad(() => backtestSizing({ close }, [t(1.5, 2)], unit), 'OUT_OF_RANGE', 'trades[0].entryIndex');
    bad(() => backtestSizing({ close }, [t(1, 2, Number.NaN)], unit), 'NON_FINITE', 'trades[0].entryPrice');
    bad(() => backtestSizing({ close }, [t(1, 2, 100, 0)], unit), 'OUT_OF_RANGE', 'trades[0].exitPrice');
    bad(() => backtestSizing({ close }, [t(1, 2)], 'flat' as never), 'INVALID_TYPE', 'sizeTrade');
    bad(() => backtestSizing({ close }, [t(1, 2)], () => null as never), 'INVALID_TYPE', 'sizeTrade(0)');
    bad(() => backtestSizing({ close }, [t(1, 2)], () => ({ exposure: -1, riskFraction: 0 })), 'OUT_OF_RANGE', 'sizeTrade(0).exposure');
    bad(() => backtestSizing({ close }, [t(1, 2)], () => ({ exposure: Number.NaN, riskFraction: 0 })), 'NON_FINITE', 'sizeTrade(0).exposure');
    bad(() => backtestSizing({ close }, [t(1, 2)], () => ({ exposure: 1 }) as never), 'INVALID_TYPE', 'sizeTrade(0).riskFraction');
    bad(() => backtestSizing({ close }, [], unit, { start: 1 } as never), 'UNKNOWN_KEY', 'options.start');
    bad(() => backtestSizing({ close }, [], unit, { startEquity: 0 }), 'OUT_OF_RANGE', 'options.startEquity');
    bad(() => backtestSizing({ close }, [], unit, { periodsPerYear: Infinity }), 'NON_FINITE', 'options.periodsPerYear');
  });
});
