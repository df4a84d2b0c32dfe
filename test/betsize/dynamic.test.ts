import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SizeFunction } from '../../src/index.js';
import { betSize, betSizeDynamic, calibrateWidth, inversePrice, limitPrice, targetPosition } from '../../src/index.js';
import { expectAllClose, expectClose } from './close.js';

// Fixtures: scripts/fixtures/betsize.py → test/fixtures/betsize/afml.json. "mlfinlabDynamic" holds the
// inputs of mlfinlab's tests/test_ch10_snippets.py dynamic cases with values the script computes from
// the snippet's formulas; "openquant" holds openquant's published prob_dynamic_budget.json values.
const afml = JSON.parse(readFileSync(new URL('../fixtures/betsize/afml.json', import.meta.url), 'utf8'));
type Func = SizeFunction;
const units = afml.mlfinlabDynamic as {
  betSize: { w: number; x: number; func: Func; value: number }[];
  calibrateWidth: { x: number; m: number; func: Func; value: number }[];
  targetPosition: { w: number; f: number; mp: number; maxPos: number; func: Func; value: number }[];
  inversePrice: { f: number; w: number; m: number; func: Func; value: number }[];
  limitPrice: { t: number; pos: number; f: number; w: number; maxPos: number; func: Func; plain: number; path: number }[];
};
const oq = afml.openquant;

describe('the bet-size functions of AFML snippet 10.4', () => {
  it.each(units.betSize)('betSize($w, $x, $func) = $value (mlfinlab test_ch10_snippets)', ({ w, x, func, value }) => {
    expectClose(betSize(w, x, func), value);
  });

  it.each(units.calibrateWidth)('calibrateWidth($x, $m, $func) = $value (getW)', ({ x, m, func, value }) => {
    expectClose(calibrateWidth(x, m, func), value);
  });

  it.each(units.targetPosition)('targetPosition(w $w, f $f, market $mp, max $maxPos, $func) = $value exactly (int() toward zero)', ({ w, f, mp, maxPos, func, value }) => {
    expect(targetPosition(w, f, mp, maxPos, func)).toBe(value);
  });

  it.each(units.inversePrice)('inversePrice($f, $w, $m, $func) = $value', ({ f, w, m, func, value }) => {
    expectClose(inversePrice(f, w, m, func), value);
  });

  it.each(units.limitPrice)('limitPrice($t, $pos, …, $func): printed $plain, path $path', ({ t, pos, f, w, maxPos, func, plain, path }) => {
    expectClose(limitPrice(t, pos, f, w, maxPos, func), plain);
    expectClose(limitPrice(t, pos, f, w, maxPos, func, { path: true }), path);
  });

  it('calibrateWidth inverts betSize, and inversePrice inverts it in the market price (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.constantFrom(-1, 1),
        fc.constantFrom('sigmoid' as const, 'power' as const),
        (scale, m, sign, func) => {
          const x = func === 'power' ? (sign * scale) / 51 : sign * scale;
          const w = calibrateWidth(x, sign * m, func);
          const backSize = betSize(w, x, func);
          const market = inversePrice(100, w, sign * m, func);
          return Math.abs(backSize - sign * m) < 1e-9 && Math.abs(betSize(w, 100 - market, func) - sign * m) < 1e-9;
        },
      ),
      { seed: 31 },
    );
  });
});

describe('limitPrice: the printed form and the path form', () => {
  it('agree when buying up from a long position (0 ≤ position < target)', () => {
    expect(limitPrice(40, 5, 120, 9, 60, 'sigmoid', { path: true })).toBeCloseTo(limitPrice(40, 5, 120, 9, 60), 12);
  });

  it('the printed form gives 0 when reducing; the path form prices the units sold (openquant issue #163)', () => {
    expect(limitPrice(20, 60, 165.5, 8.44, 150)).toBe(0);
    const path = limitPrice(20, 60, 165.5, 8.44, 150, 'sigmoid', { path: true });
    // Selling from 60 down to 20: every unit k = 59 … 20 is priced at invPrice(k/150), all above 165.5 − … and below f.
    const brute = Array.from({ length: 40 }, (_, i) => inversePrice(165.5, 8.44, (59 - i) / 150)).reduce((s, p) => s + p, 0) / 40;
    expectClose(path, brute, 1e-12);
  });

  it('refuses target = position (no order), non-integer positions and a sigmoid size of ±1 on the path', () => {
    expect(() => limitPrice(5, 5, 100, 2, 10)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'targetPosition' }));
    expect(() => limitPrice(5.5, 1, 100, 2, 10)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'targetPosition' }));
    expect(() => limitPrice(5, 1.5, 100, 2, 10)).toThrow(expect.objectContaining({ field: 'position' }));
    expect(() => limitPrice(10, 1, 100, 2, 10)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'targetPosition' }));
    expect(() => limitPrice(1, 12, 100, 2, 10, 'sigmoid', { path: true })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'position' }));
    expect(() => limitPrice(2e7, 0, 100, 2, 1e9)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'targetPosition' }));
    expect(() => limitPrice(5, 1, 100, 2, 10, 'sigmoid', { path: 1 } as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.path' }));
    expect(() => limitPrice(5, 1, 100, 2, 10, 'sigmoid', { paths: true } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.paths' }));
  });
});

describe('betSizeDynamic', () => {
  it("reproduces openquant's published bet sizes and target positions (prob_dynamic_budget.json), with path limit prices", () => {
    const out = betSizeDynamic(oq.dynamic.rows);
    expectAllClose(
      out.map((r) => r.betSize),
      oq.published.betSize,
    );
    expect(out.map((r) => r.targetPosition)).toEqual(oq.published.targetPosition);
    expectAllClose(
      out.map((r) => r.limitPrice),
      oq.dynamic.limitPricePath,
    );
    // Where openquant's printed-form limit price is not 0 (buying up), the two forms agree with it.
    for (const i of [0, 4]) expectClose(out[i].limitPrice, oq.published.limitPricePlain[i]);
  });

  it('the power function needs a divergence calibration inside (−1, 1)', () => {
    expect(() => betSizeDynamic(oq.dynamic.rows, { func: 'power' })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.divergence' }));
    const rows = [{ position: 0, maxPosition: 100, marketPrice: 10, forecastPrice: 10.5 }];
    const [bet] = betSizeDynamic(rows, { func: 'power', divergence: 0.8, betSize: 0.5 });
    const w = calibrateWidth(0.8, 0.5, 'power');
    expectClose(bet.betSize, betSize(w, 0.5, 'power'));
    expect(bet.targetPosition).toBe(targetPosition(w, 10.5, 10, 100, 'power'));
  });

  it('names the row and field of bad input, and refuses a row already at its target', () => {
    const row = { position: 0, maxPosition: 10, marketPrice: 100, forecastPrice: 101 };
    expect(() => betSizeDynamic([row, { ...row, maxPosition: 0 }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'rows[1].maxPosition' }));
    expect(() => betSizeDynamic([{ ...row, position: 0.5 }])).toThrow(expect.objectContaining({ field: 'rows[0].position' }));
    expect(() => betSizeDynamic([{ ...row, forecastPrice: Number.NaN }])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'rows[0].forecastPrice' }));
    expect(() => betSizeDynamic([{ ...row, forecastPrice: 100 }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'rows[0].targetPosition' }));
    expect(() => betSizeDynamic([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'rows' }));
    expect(() => betSizeDynamic([row], { betSize: 1 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.betSize' }));
    expect(() => betSizeDynamic([row], { func: 'tanh' as never })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.func' }));
  });
});

describe('bad input to the snippet 10.4 functions', () => {
  it('|x| > 1 for the power function, |m| ≥ 1 for the sigmoid inverse, w ≤ 0, unknown func', () => {
    expect(() => betSize(2, 1.5, 'power')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'x' }));
    expect(() => betSize(0, 1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'w' }));
    expect(() => betSize(2, 3, 'NotAFunction' as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'func' }));
    expect(() => inversePrice(100, 2, 1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'm' }));
    expect(() => inversePrice(100, 2, -1.2, 'power')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'm' }));
    expect(() => calibrateWidth(10, 1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'm' }));
    expect(() => calibrateWidth(0, 0.5)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'x' }));
    expect(() => calibrateWidth(1.2, 0.8, 'power')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'x' })); // mlfinlab: ValueError
    expect(() => calibrateWidth(0.1, 2, 'power')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'm' })); // mlfinlab: warns, returns 0
    expect(() => calibrateWidth(0.5, -0.5, 'power')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'm' }));
    expect(() => targetPosition(2, 34.6, 33, 100, 'power')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'forecastPrice' }));
    expect(() => targetPosition(2, 34.6, 33, -1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'maxPosition' }));
    expect(() => targetPosition(2, Infinity, 33, 10)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'forecastPrice' }));
  });

  it('a short target truncates toward zero and is never −0', () => {
    expect(Object.is(targetPosition(10, 100, 100.01, 10), 0)).toBe(true);
  });
});
