import { describe, expect, it } from 'vitest';
import { labelTrade } from '../../src/regime/labelTrade.js';
import type { PricePath } from '../../src/regime/pricePath.js';

// Entry 100, stop 90 (R = 10); NORMAL judges the adds (0.25 at 105) and exits (40 % at 110, the rest at 120).
const path = (bars: [high: number, low: number, close: number][]): PricePath => ({
  entry: 100,
  stop: 90,
  high: bars.map((b) => b[0]),
  low: bars.map((b) => b[1]),
  close: bars.map((b) => b[2]),
});

describe('labelTrade', () => {
  it('ADD_ALLOWED: reached 2R with shallow pullbacks, and the add raised R (worked by hand)', () => {
    const l = labelTrade(path([[106, 99, 105], [121, 104, 120]]));
    // with the add: −0.25·5 + 0.3·10 + 0.45·20 = 10.75; without: 0.2·10 + 0.3·20 = 8 → +0.275 R
    expect(l.scaling).toBe('ADD_ALLOWED');
    expect(l.addEffectR).toBeCloseTo(0.275, 14);
    expect(l.maxR).toBeCloseTo(2.1, 14);
    expect(l.pullbackR).toBeCloseTo(0.2, 14); // peak 0.6 R, next low 0.4 R
  });

  it('NO_ADD: it reached the add level and then fell to the stop (a whipsaw)', () => {
    const l = labelTrade(path([[106, 99, 104], [104, 89, 90]]));
    // with: −0.25·5 − 0.75·10 = −8.75; without: −0.5·10 = −5 → −0.375 R
    expect(l.scaling).toBe('NO_ADD');
    expect(l.addEffectR).toBeCloseTo(-0.375, 14);
    expect(l.maxR).toBeCloseTo(0.6, 14); // the stop bar's high does not count
  });

  it('ADD_NEUTRAL: stopped without reaching the add level, or 2R only after a deep pullback', () => {
    expect(labelTrade(path([[103, 95, 96], [97, 88, 89]])).scaling).toBe('ADD_NEUTRAL');
    // 0.6 R high, then a low at 91 (−0.9 R): a 1.5 R pullback before reaching 2R
    const choppy = path([[106, 99, 105], [104, 91, 93], [121, 95, 120]]);
    expect(labelTrade(choppy).scaling).toBe('ADD_NEUTRAL');
    expect(labelTrade(choppy).pullbackR).toBeCloseTo(1.5, 14);
    // The threshold is configurable: allow 1.5 R and the same path is ADD_ALLOWED.
    expect(labelTrade(choppy, { maxPullbackR: 1.5 }).scaling).toBe('ADD_ALLOWED');
    expect(labelTrade(choppy, { addAllowedAtR: 2.5 }).scaling).toBe('ADD_NEUTRAL');
  });

  it('exit bias: CONTINUATION when holding to the last target beat the partial exit, MEAN_REVERSION otherwise', () => {
    // 2R reached: holding 0.75 to 120 (−1.25 + 15 = 13.75) beats 10.75.
    expect(labelTrade(path([[106, 99, 105], [121, 104, 120]])).exitBias).toBe('CONTINUATION');
    // 1R reached, then back to the stop: the partial exit at 110 saved part of it.
    const reverted = labelTrade(path([[111, 99, 110], [108, 89, 90]]));
    expect(reverted.exitBias).toBe('MEAN_REVERSION');
    expect(reverted.holdEffectR).toBeCloseTo(-0.6, 14); // −1.25 − 7.5 vs −1.25 + 3 − 4.5: −8.75 − (−2.75) = −6 → −0.6 R
    // A tie (stopped before any exit) is MEAN_REVERSION.
    expect(labelTrade(path([[103, 95, 96], [97, 88, 89]])).exitBias).toBe('MEAN_REVERSION');
  });

  it('labels a short trade as the mirrored long one', () => {
    const long = path([[106, 99, 104], [104, 89, 90]]);
    const reflect = (x: ArrayLike<number>) => Array.from(x, (v) => 200 - v);
    const short = { entry: 100, stop: 110, high: reflect(long.low), low: reflect(long.high), close: reflect(long.close) };
    expect(labelTrade(short, { side: 'short' })).toEqual(labelTrade(long));
  });

  it('rejects bad paths and options, naming the field', () => {
    const ok = path([[101, 99, 100]]);
    const cases: [() => unknown, string][] = [
      [() => labelTrade({ ...ok, stop: 100 }), 'path.stop'],
      [() => labelTrade({ ...ok, high: [], low: [], close: [] }), 'path.close'],
      [() => labelTrade(ok, { template: 'CONSERVATIVE' }), 'options.template'], // no adds to judge
      [() => labelTrade(ok, { template: 'WILD' as never }), 'options.template'],
      [() => labelTrade(ok, { addAllowedAtR: 0 }), 'options.addAllowedAtR'],
      [() => labelTrade(ok, { maxPullbackR: -1 }), 'options.maxPullbackR'],
      [() => labelTrade(ok, { side: 'both' as never }), 'options.side'],
      [() => labelTrade(ok, { pullback: 1 } as never), 'options.pullback'],
    ];
    for (const [call, field] of cases) expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field }));
  });
});
