import { describe, expect, it } from 'vitest';
import { seedReward } from '../../src/rl/seedReward.js';

const fails = (fn: () => unknown, field: string, code: string) =>
  expect(fn).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));

describe('seedReward', () => {
  it('computes the seeds\' reward', () => {
    // +2 % at 1× = 2 % → 20 points; R 2.5 ≥ 2 → +5; MAE −1 % is within −5 %: 25 (the seeds' formula).
    expect(seedReward({ returnFraction: 0.02, rMultiple: 2.5, maxAdverseExcursion: -0.01 }, { action: 0, multiplier: 1 })).toBeCloseTo(25, 12);
    // A partial options object overrides only its fields: pnlScale 1 → 2 points + 5.
    expect(seedReward({ returnFraction: 0.02, rMultiple: 2.5 }, { action: 0, multiplier: 1 }, { pnlScale: 1 })).toBeCloseTo(7, 12);
  });

  it('checks its outcome, action and options, and never returns ±Infinity', () => {
    const action = { action: 0, multiplier: 1 };
    fails(() => seedReward(null as never, action), 'outcome', 'INVALID_TYPE');
    fails(() => seedReward({ returnFraction: Number.NaN }, action), 'outcome.returnFraction', 'NON_FINITE');
    fails(() => seedReward({ returnFraction: 0.01, colour: 1 } as never, action), 'outcome.colour', 'UNKNOWN_KEY');
    fails(() => seedReward({ returnFraction: 0.01 }, null as never), 'action', 'INVALID_TYPE');
    fails(() => seedReward({ returnFraction: 0.01 }, { action: 0, multiplier: -1 }), 'action.multiplier', 'OUT_OF_RANGE');
    fails(() => seedReward({ returnFraction: 0.01 }, { multiplier: 1 } as never), 'action.action', 'INVALID_TYPE');
    fails(() => seedReward({ returnFraction: 0.01 }, action, { pnlScal: 1 } as never), 'options.pnlScal', 'UNKNOWN_KEY');
    fails(() => seedReward({ returnFraction: 0.01 }, action, { drawdownLimit: -0.1 }), 'options.drawdownLimit', 'OUT_OF_RANGE');
    // 1e306 × 100 × 10 overflows a double: it was Infinity before.
    fails(() => seedReward({ returnFraction: 1e306 }, action), 'outcome.returnFraction', 'OUT_OF_RANGE');
  });
});
