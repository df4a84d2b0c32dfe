import { describe, expect, it } from 'vitest';
import { estimateEdge, wilsonInterval } from '../../src/edge/index.js';
import { kellyFromStats } from '../../src/kelly/index.js';
import type { Trade } from '../../src/edge/index.js';
import { createSizer } from '../../src/sizing/PositionSizer.js';

const returns = [0.04, -0.02, 0.03, -0.01, 0.0, -0.02, 0.05, -0.015, 0.02, -0.01];
const trades: Trade[] = returns.map((r, i) => ({ returnFraction: r, closedAt: `2020-01-${String(i + 1).padStart(2, '0')}` }));

describe('estimateEdge', () => {
  it('computes the trade statistics by their definitions', () => {
    const e = estimateEdge(trades, { minTrades: 5 });
    const wins = returns.filter((r) => r > 0);
    const losses = returns.filter((r) => r < 0).map((r) => -r);
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(e.trades).toBe(10);
    expect(e.winRate).toBe(wins.length / 10);
    expect(e.avgWin).toBeCloseTo(sum(wins) / wins.length, 15);
    expect(e.avgLoss).toBeCloseTo(sum(losses) / losses.length, 15);
    expect(e.payoffRatio).toBeCloseTo(e.avgWin / e.avgLoss, 15);
    expect(e.expectancy).toBeCloseTo(sum(returns) / 10, 15);
    expect(e.profitFactor).toBeCloseTo(sum(wins) / sum(losses), 15);
    expect(e.kelly.exposure).toBe(kellyFromStats({ winRate: e.winRate, avgWin: e.avgWin, avgLoss: e.avgLoss }).exposure);
    expect(e.winRateInterval).toEqual(wilsonInterval(4, 10, 0.95));
    expect(e.reliable).toBe(true);
  });

  it('is reproducible for a seed and brackets the point estimate with its bootstrap interval', () => {
    const a = estimateEdge(trades, { seed: 5 });
    const b = estimateEdge(trades, { seed: 5 });
    expect(a.kellyInterval).toEqual(b.kellyInterval);
    expect(a.kellyInterval[0]).toBeLessThanOrEqual(a.kelly.exposure);
    expect(a.kellyInterval[1]).toBeGreaterThanOrEqual(a.kelly.exposure);
    expect(estimateEdge(trades, { seed: 6 }).kellyInterval).not.toEqual(a.kellyInterval);
  });

  it('is not reliable below minTrades (20 by default) and says so', () => {
    const e = estimateEdge(trades);
    expect(e.reliable).toBe(false);
    expect(e.warnings.join(' ')).toMatch(/only 10 trades/);
  });

  it('keeps the last N trades, or the last D days', () => {
    expect(estimateEdge(trades, { window: 4 }).trades).toBe(4);
    expect(estimateEdge(trades, { window: 4 }).expectancy).toBeCloseTo((0.05 - 0.015 + 0.02 - 0.01) / 4, 15);
    // Closed 2020-01-01 … 2020-01-10; within 3 days of the 10th: the 8th, 9th and 10th.
    expect(estimateEdge(trades, { windowDays: 3 }).trades).toBe(3);
  });

  // Found by the long fuzz run: the holes of a sparse list were skipped by every()/map(), then read as rows (a TypeError).
  it('names the first hole of a sparse list of trades', () => {
    for (const sparse of [new Array(2), [trades[0], , trades[2]]]) {
      expect(() => estimateEdge(sparse as Trade[])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: `trades[${sparse[0] === undefined ? 0 : 1}]` }));
      expect(() => createSizer().estimateEdge(sparse as Trade[])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE' }));
    }
  });

  it('says what a window left out: how many trades and why (issue 9: windows dropped trades silently)', () => {
    expect(estimateEdge(trades).warnings.join(' ')).not.toMatch(/left out/);
    // 10 trades closed 2020-01-01 … 2020-01-10: 3 days up to the 10th keep 3, the last 4 keep 4.
    expect(estimateEdge(trades, { windowDays: 3 }).warnings).toContain('7 of 10 trades left out: closed outside the 3 days up to 2020-01-10 (the latest closedAt)');
    expect(estimateEdge(trades, { window: 4 }).warnings).toContain('6 older trades left out: the window keeps the last 4');
    expect(estimateEdge(trades, { window: 10 }).warnings.join(' ')).not.toMatch(/left out/);
  });

  it('orders dated trades by closedAt before windowing', () => {
    const shuffled = [...trades].reverse();
    expect(estimateEdge(shuffled, { window: 4 }).expectancy).toBeCloseTo(estimateEdge(trades, { window: 4 }).expectancy, 15);
  });

  it('rejects empty lists, NaN returns, lists without losses and unknown options', () => {
    expect(() => estimateEdge([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'trades' }));
    expect(() => estimateEdge([{ returnFraction: 0.01 }, { returnFraction: Number.NaN }])).toThrow(expect.objectContaining({ field: 'trades[1].returnFraction' }));
    expect(() => estimateEdge([{ returnFraction: 0.01 }, { returnFraction: 0.02 }])).toThrow(expect.objectContaining({ code: 'NO_LOSSES', field: 'trades' }));
    expect(() => estimateEdge(trades, { confidence: 1 })).toThrow(expect.objectContaining({ field: 'options.confidence' }));
    expect(() => estimateEdge(trades, { windw: 3 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.windw' }));
    expect(() => estimateEdge([{ returnFraction: 0.01 }, { returnFraction: -0.01 }], { windowDays: 3 })).toThrow(expect.objectContaining({ field: 'trades' }));
  });
});

describe('wilsonInterval', () => {
  it("reproduces Newcombe's (1998) worked example: 81 of 263 → [0.2553, 0.3662]", () => {
    const [lo, hi] = wilsonInterval(81, 263, 0.95);
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
  });

  it('stays inside [0, 1] at 0 and n successes', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
  });
});
