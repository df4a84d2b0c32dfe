import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { WinRatePosterior } from '../../src/probability/WinRatePosterior.js';

// Expected values: scipy.stats.beta.ppf (SciPy 1.10), scripts/fixtures/probability.py.
const beta = JSON.parse(readFileSync(new URL('../fixtures/probability/beta.json', import.meta.url), 'utf8')) as {
  rows: { alpha: number; beta: number; q?: number; ppf?: number }[];
};
const ppf = (a: number, b: number, q: number): number => beta.rows.find((r) => r.alpha === a && r.beta === b && r.q === q)!.ppf!;

describe('WinRatePosterior', () => {
  it('starts uniform, updates by counting (Beta-Binomial conjugacy) and has mean α/(α + β)', () => {
    const post = new WinRatePosterior();
    expect([post.alpha, post.beta, post.mean]).toEqual([1, 1, 0.5]);
    for (const win of [true, true, false, true]) post.update(win);
    expect([post.alpha, post.beta]).toEqual([4, 2]);
    expect(post.mean).toBe(4 / 6);
    // Var of Beta(4, 2) = αβ/((α+β)²(α+β+1)) = 8 / (36 · 7)
    expect(post.variance).toBeCloseTo(8 / 252, 15);
    expect(new WinRatePosterior({ alpha: 2, beta: 5 }).updateCounts(3, 1).toJSON()).toEqual({ alpha: 5, beta: 6, mean: 5 / 11 });
  });

  it.each([
    [12, 8, 0.95, 13, 9],
    [100, 80, 0.95, 101, 81],
    [0, 29, 0.9, 1, 30],
    [999, 1199, 0.95, 1000, 1200],
  ])('%i wins and %i losses from a uniform prior: the %f credible interval equals scipy beta.ppf of Beta(%i, %i)', (wins, losses, level, a, b) => {
    const [lo, hi] = new WinRatePosterior().updateCounts(wins, losses).interval(level);
    const tail = Math.round(((1 - level) / 2) * 1000) / 1000;
    expect(Math.abs(lo - ppf(a, b, tail))).toBeLessThan(1e-9 * ppf(a, b, tail));
    expect(Math.abs(hi - ppf(a, b, Math.round((1 - tail) * 1000) / 1000))).toBeLessThan(1e-9);
  });

  it('is the same concept as estimateEdge’s winRatePosterior: its saved form, and restorable from it', () => {
    const trades = [0.02, -0.01, 0.03, -0.015, 0.01, 0, -0.02, 0.025].map((returnFraction) => ({ returnFraction }));
    const edge = estimateEdge(trades);
    // 4 wins, 3 losses, 1 break-even (not a win): Beta(1 + 4, 1 + 4)
    expect(edge.winRatePosterior).toEqual(new WinRatePosterior().updateCounts(4, 4).toJSON());
    const restored = WinRatePosterior.from(edge.winRatePosterior);
    expect(restored.mean).toBe(edge.winRatePosterior.mean);
    expect(restored.interval()).toEqual(new WinRatePosterior({ alpha: 5, beta: 5 }).interval());
    expect(WinRatePosterior.fromJSON(JSON.parse(JSON.stringify(restored))).alpha).toBe(5);
  });

  it('narrows as evidence grows at the same win rate', () => {
    let width = Infinity;
    for (const n of [10, 40, 160, 640]) {
      const [lo, hi] = new WinRatePosterior().updateCounts(0.6 * n, 0.4 * n).interval();
      expect(hi - lo).toBeLessThan(width);
      width = hi - lo;
    }
  });

  it('rejects bad input naming the field', () => {
    expect(() => new WinRatePosterior({ alpha: 0, beta: 1 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'prior.alpha' }));
    expect(() => new WinRatePosterior({ alpha: 1, beta: Number.NaN })).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'prior.beta' }));
    expect(() => new WinRatePosterior({ alpha: 1, beta: 1, mean: 0.5 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'prior.mean' }));
    expect(() => new WinRatePosterior().update(1 as unknown as boolean)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'win' }));
    expect(() => new WinRatePosterior().updateCounts(1.5, 0)).toThrow(expect.objectContaining({ field: 'wins' }));
    expect(() => new WinRatePosterior().updateCounts(1, -1)).toThrow(expect.objectContaining({ field: 'losses' }));
    expect(() => new WinRatePosterior().interval(1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'level' }));
    expect(() => WinRatePosterior.from({ alpha: 2, beta: 2, mean: 0.7 })).toThrow(expect.objectContaining({ field: 'belief.mean' }));
    expect(() => WinRatePosterior.fromJSON('x')).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'json' }));
  });
});
