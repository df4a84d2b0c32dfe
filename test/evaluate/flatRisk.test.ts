import { describe, expect, it } from 'vitest';
import { flatRisk } from '../../src/evaluate/flatRisk.js';

const bad = (f: () => unknown, code: string, field: string) => expect(f).toThrow(expect.objectContaining({ name: 'SizewiseError', code, field }));

describe('flatRisk', () => {
  it('risks the same fraction of equity at each trade\'s stop (hand-worked)', () => {
    const rule = flatRisk(
      [
        { entryPrice: 100, stopPrice: 95 }, // 5 % away: 1 % ÷ 5 % = 0.2×
        { entryPrice: 50, stopPrice: 40 }, // 20 % away: 0.05×
      ],
      0.01,
    );
    expect(rule(0, 1, 1)).toEqual({ exposure: expect.closeTo(0.2, 15), riskFraction: expect.closeTo(0.01, 15) });
    expect(rule(1, 1, 1)).toEqual({ exposure: expect.closeTo(0.05, 15), riskFraction: expect.closeTo(0.01, 15) });
  });

  it('caps the exposure at maxLeverage (1 by default), taking less risk there', () => {
    const trades = [{ entryPrice: 100, stopPrice: 99.5 }]; // 0.5 % away: 2× for 1 % risk
    expect(flatRisk(trades, 0.01)(0, 1, 1)).toEqual({ exposure: 1, riskFraction: expect.closeTo(0.005, 15) });
    expect(flatRisk(trades, 0.01, { maxLeverage: 3 })(0, 1, 1).exposure).toBeCloseTo(2, 12);
  });

  it('rejects bad input, naming the field', () => {
    const ok = [{ entryPrice: 100, stopPrice: 95 }];
    bad(() => flatRisk(null as never, 0.01), 'INVALID_TYPE', 'trades');
    bad(() => flatRisk([1 as never], 0.01), 'INVALID_TYPE', 'trades[0]');
    bad(() => flatRisk(new Array(2), 0.01), 'INVALID_TYPE', 'trades[0]'); // holes of a sparse array
    bad(() => flatRisk([{ entryPrice: 100, stopPrice: 100 }], 0.01), 'OUT_OF_RANGE', 'trades[0].stopPrice');
    bad(() => flatRisk([{ entryPrice: 100, stopPrice: -1 }], 0.01), 'OUT_OF_RANGE', 'trades[0].stopPrice');
    bad(() => flatRisk([{ entryPrice: 0, stopPrice: 0 }], 0.01), 'OUT_OF_RANGE', 'trades[0].entryPrice');
    bad(() => flatRisk([{ entryPrice: Number.NaN, stopPrice: 1 }], 0.01), 'NON_FINITE', 'trades[0].entryPrice');
    bad(() => flatRisk(ok, 0), 'OUT_OF_RANGE', 'risk');
    bad(() => flatRisk(ok, 1.5), 'OUT_OF_RANGE', 'risk');
    bad(() => flatRisk(ok, Number.NaN), 'NON_FINITE', 'risk');
    bad(() => flatRisk(ok, 0.01, { maxLeverage: 0 }), 'OUT_OF_RANGE', 'options.maxLeverage');
    bad(() => flatRisk(ok, 0.01, { leverage: 2 } as never), 'UNKNOWN_KEY', 'options.leverage');
    bad(() => flatRisk(ok, 0.01)(1, 1, 1), 'OUT_OF_RANGE', 'k');
    bad(() => flatRisk(ok, 0.01)(0.5, 1, 1), 'OUT_OF_RANGE', 'k');
  });
});
