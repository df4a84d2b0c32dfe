import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { managePosition } from '../../src/regime/managePosition.js';
import type { PricePath } from '../../src/regime/pricePath.js';
import { SCALING_TEMPLATES, type ScalingTemplate } from '../../src/regime/scalingTemplates.js';

// Every expected number below is worked by hand from the rules in managePosition's doc,
// with entry 100 and stop 90, so R = 10 and level(x) = 100 + 10·x.
const path = (bars: [high: number, low: number, close: number][], entry = 100, stop = 90): PricePath => ({
  entry,
  stop,
  high: bars.map((b) => b[0]),
  low: bars.map((b) => b[1]),
  close: bars.map((b) => b[2]),
});

describe('managePosition: the rules, case by case', () => {
  it('checks the stop first, even when the same bar also reaches the add and both targets', () => {
    const t = managePosition(path([[125, 89, 120]]), 'NORMAL');
    expect(t.exitReason).toBe('stop');
    expect(t.rMultiple).toBe(-0.5); // 0.5 held, sold at 90: 0.5 × (−10) / 10
    expect(t.fills.map((f) => [f.reason, f.price, f.size])).toEqual([
      ['entry', 100, 0.5],
      ['stop', 90, 0.5],
    ]);
  });

  it('fills an add at exactly its level, then loses more on a whipsaw to the stop', () => {
    const t = managePosition(path([[106, 95, 104], [104, 88, 89]]), 'NORMAL');
    // −0.25 × (105 − 100) + 0.75 × (90 − 100) = −1.25 − 7.5 = −8.75 → −0.875 R
    expect(t.rMultiple).toBeCloseTo(-0.875, 14);
    expect(t.fills[1]).toEqual({ bar: 0, side: 'buy', price: 105, size: 0.25, reason: 'add', held: 0.75 });
    expect(t.maxHeld).toBe(0.75);
  });

  it('adds before exiting within a bar, sells a fraction of what is held, and sells the rest at the last close', () => {
    const t = managePosition(path([[104, 99, 103], [111, 103, 110]]), 'NORMAL');
    // add 0.25 at 105; 40 % of 0.75 = 0.3 sold at 110; 0.45 sold at the last close 110:
    // −1.25 + 3 + 4.5 = 6.25 → 0.625 R
    expect(t.rMultiple).toBeCloseTo(0.625, 14);
    expect(t.exitReason).toBe('end');
    expect(t.fills.map((f) => f.reason)).toEqual(['entry', 'add', 'exit', 'end']);
    expect(t.fills[2].size).toBeCloseTo(0.3, 15);
  });

  it('runs NORMAL to its last target in one bar: add, 40 % at 1R, the rest at 2R', () => {
    const t = managePosition(path([[121, 99, 119]]), 'NORMAL');
    // −0.25·5 + 0.3·10 + 0.45·20 = −1.25 + 3 + 9 = 10.75 → 1.075 R
    expect(t.rMultiple).toBeCloseTo(1.075, 14);
    expect(t).toMatchObject({ exitReason: 'target', exitBar: 0 });
    expect(t.fills.at(-1)?.held).toBe(0);
  });

  it('CONSERVATIVE: no adds, half at 0.8R, the rest at 1.5R', () => {
    const t = managePosition(path([[116, 99, 115]]), 'CONSERVATIVE');
    // 0.25 at 108 and 0.25 at 115: 0.25·8 + 0.25·15 = 5.75 → 0.575 R
    expect(t.rMultiple).toBeCloseTo(0.575, 14);
    expect(t.maxHeld).toBe(0.5);
  });

  it('AGGRESSIVE: both adds fill to the full position (0.33 + 0.33 + 0.34 within the 1e-9 slack), 30 % at 1.5R, the rest at 3R', () => {
    const t = managePosition(path([[131, 99, 130]]), 'AGGRESSIVE');
    // −0.33·5 − 0.34·10 + 0.3·15 + 0.7·30 = −1.65 − 3.4 + 4.5 + 21 = 20.45 → 2.045 R
    expect(t.rMultiple).toBeCloseTo(2.045, 12);
    expect(t.fills.filter((f) => f.reason === 'add').length).toBe(2);
    expect(t.maxHeld).toBeCloseTo(1, 12);
  });

  it('fits an add within the 1e-9 slack (0.1 + 0.2 in 0.3) and refuses one past maxPosition', () => {
    const fits: ScalingTemplate = { initialSize: 0.1, adds: [{ atR: 0.5, size: 0.2 }], exits: [], maxPosition: 0.3 };
    expect(managePosition(path([[106, 99, 106]]), fits).fills.map((f) => f.reason)).toEqual(['entry', 'add', 'end']);
    const tooBig: ScalingTemplate = { initialSize: 0.5, adds: [{ atR: 0.5, size: 0.3 }], exits: [], maxPosition: 0.75 };
    expect(managePosition(path([[106, 99, 106]]), tooBig).fills.map((f) => f.reason)).toEqual(['entry', 'end']);
  });

  it('tries an add that did not fit again on later bars, once a partial exit made room', () => {
    const t: ScalingTemplate = { initialSize: 0.5, adds: [{ atR: 0.5, size: 0.25 }], exits: [{ atR: 1, fraction: 0.5 }, { atR: 3, fraction: 1 }], maxPosition: 0.5 };
    const m = managePosition(path([[106, 99, 105], [111, 104, 108], [107, 101, 106]]), t);
    // bar 0: add does not fit; bar 1: 0.25 sold at 110; bar 2: 0.25 added at 105; end: 0.5 sold at 106.
    // 0.25·10 − 0.25·5 + 0.5·6 = 2.5 − 1.25 + 3 = 4.25 → 0.425 R
    expect(m.fills.map((f) => [f.bar, f.reason])).toEqual([[0, 'entry'], [1, 'exit'], [2, 'add'], [2, 'end']]);
    expect(m.rMultiple).toBeCloseTo(0.425, 14);
  });

  it('lets an exit bias replace only the first exit fraction (CONTINUATION 0.3, MEAN_REVERSION 0.5)', () => {
    const p = path([[111, 99, 108]]);
    // held 0.75 after the add; first exit at 110 sells f × 0.75; the rest at the close 108.
    // default 0.4: −1.25 + 0.3·10 + 0.45·8 = 5.35; 0.3: −1.25 + 2.25 + 0.525·8 = 5.2; 0.5: −1.25 + 3.75 + 0.375·8 = 5.5
    expect(managePosition(p, 'NORMAL').rMultiple).toBeCloseTo(0.535, 14);
    expect(managePosition(p, 'NORMAL', { exitBias: 'CONTINUATION' }).rMultiple).toBeCloseTo(0.52, 14);
    expect(managePosition(p, 'NORMAL', { exitBias: 'MEAN_REVERSION' }).rMultiple).toBeCloseTo(0.55, 14);
    const single: ScalingTemplate = { initialSize: 1, adds: [], exits: [{ atR: 1, fraction: 1 }], maxPosition: 1 };
    expect(managePosition(p, single, { exitBias: 'MEAN_REVERSION' }).rMultiple).toBe(1); // the only exit is the last: it closes
  });

  it('never moves the stop and fills at the levels even through gaps', () => {
    // The second bar opens (and trades) far below the stop: still sold at 90.
    expect(managePosition(path([[102, 99, 101], [80, 70, 75]]), 'NORMAL').rMultiple).toBe(-0.5);
    // A bar entirely above the add level still adds at the level, 105.
    expect(managePosition(path([[109, 108, 108.5]]), 'NORMAL').fills[1].price).toBe(105);
  });

  it('mirrors every rule for a short trade', () => {
    const long = path([[106, 95, 104], [111, 103, 110]]);
    // The same trade short at 100 with its stop at 110: every price reflected through 100 (x → 200 − x).
    const reflect = (x: ArrayLike<number>) => Array.from(x, (v) => 200 - v);
    const short = { entry: 100, stop: 110, high: reflect(long.low), low: reflect(long.high), close: reflect(long.close) };
    const s = managePosition(short, 'NORMAL', { side: 'short' });
    const l = managePosition(long, 'NORMAL');
    expect(s.rMultiple).toBeCloseTo(l.rMultiple, 14);
    expect(s.fills.map((f) => f.price)).toEqual(l.fills.map((f) => 200 - f.price));
    expect(s.fills.map((f) => f.reason)).toEqual(l.fills.map((f) => f.reason));
  });

  it('keeps its invariants on random paths: held within [0, maxPosition], everything bought is sold, R from the fills', () => {
    const bar = fc.tuple(fc.double({ min: 80, max: 140, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(bar, { minLength: 1, maxLength: 30 }), fc.constantFrom('CONSERVATIVE', 'NORMAL', 'AGGRESSIVE'), (bars, name) => {
        const p = path(bars.map(([h, range, at]) => [h, h - range, h - range * at]));
        const t = managePosition(p, name);
        const template = SCALING_TEMPLATES[name];
        let bought = 0;
        let sold = 0;
        let pnl = 0;
        for (const f of t.fills) {
          expect(f.held).toBeGreaterThanOrEqual(-1e-12);
          expect(f.held).toBeLessThanOrEqual(template.maxPosition + 1e-9);
          if (f.side === 'buy') bought += f.size;
          else sold += f.size;
          pnl += (f.side === 'buy' ? -1 : 1) * f.size * (f.price - 100);
        }
        expect(sold).toBeCloseTo(bought, 12);
        expect(t.rMultiple).toBeCloseTo(pnl / 10, 12);
        // The worst case is every add filled, then the stop: Σ size·(1 + atR) R, at most 1.505 R for AGGRESSIVE.
        expect(t.rMultiple).toBeGreaterThanOrEqual(-1.505 - 1e-9);
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});

describe('managePosition: bad input', () => {
  const ok = path([[101, 99, 100]]);
  it.each([
    ['path.stop', 'OUT_OF_RANGE', () => managePosition({ ...ok, stop: 100 }, 'NORMAL')],
    ['path.stop', 'OUT_OF_RANGE', () => managePosition({ ...ok, stop: 101 }, 'NORMAL')],
    ['path.stop', 'OUT_OF_RANGE', () => managePosition({ ...ok, stop: 99 }, 'NORMAL', { side: 'short' })],
    ['path.entry', 'NON_FINITE', () => managePosition({ ...ok, entry: Number.NaN }, 'NORMAL')],
    ['path.close', 'EMPTY_INPUT', () => managePosition({ ...ok, high: [], low: [], close: [] }, 'NORMAL')],
    ['path.high', 'LENGTH_MISMATCH', () => managePosition({ ...ok, high: [101, 102] }, 'NORMAL')],
    ['path.low[0]', 'OUT_OF_RANGE', () => managePosition({ ...ok, low: [100.5], close: [100] }, 'NORMAL')],
    ['path.close[0]', 'NON_FINITE', () => managePosition({ ...ok, close: [Number.NaN] }, 'NORMAL')],
    ['path', 'INVALID_TYPE', () => managePosition(null as never, 'NORMAL')],
    ['template', 'UNKNOWN_VALUE', () => managePosition(ok, 'BOLD')],
    ['template.exits[1].fraction', 'OUT_OF_RANGE', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, exits: [{ atR: 1, fraction: 0.4 }, { atR: 2, fraction: 0.9 }] })],
    ['template.exits[1].atR', 'OUT_OF_RANGE', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, exits: [{ atR: 2, fraction: 0.4 }, { atR: 1, fraction: 1 }] })],
    ['template.adds[0].size', 'OUT_OF_RANGE', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, adds: [{ atR: 0.5, size: -0.25 }] })],
    ['template.adds[0].sise', 'UNKNOWN_KEY', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, adds: [{ atR: 0.5, sise: 0.25 }] as never })],
    ['template.initialSize', 'OUT_OF_RANGE', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, initialSize: 0.9 })],
    ['template.maxPosition', 'NON_FINITE', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, maxPosition: Infinity })],
    ['template.maxPosition', 'OUT_OF_RANGE', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, maxPosition: 1.5 })],
    ['template.extra', 'UNKNOWN_KEY', () => managePosition(ok, { ...SCALING_TEMPLATES.NORMAL, extra: 1 } as never)],
    ['options.exitBias', 'UNKNOWN_VALUE', () => managePosition(ok, 'NORMAL', { exitBias: 'TREND' as never })],
    ['options.side', 'UNKNOWN_VALUE', () => managePosition(ok, 'NORMAL', { side: 'flat' as never })],
    ['options.bias', 'UNKNOWN_KEY', () => managePosition(ok, 'NORMAL', { bias: 'x' } as never)],
  ] as const)('rejects bad %s (%s)', (field, code, call) => {
    expect(call).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));
  });

  it('keeps the exported templates frozen', () => {
    expect(() => {
      (SCALING_TEMPLATES.NORMAL.exits[0] as { atR: number }).atR = 5;
    }).toThrow(TypeError);
  });
});
