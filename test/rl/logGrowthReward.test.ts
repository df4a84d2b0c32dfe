import { describe, expect, it } from 'vitest';
import { logGrowthReward } from '../../src/rl/logGrowthReward.js';

const fails = (fn: () => unknown, field: string, code: string) =>
  expect(fn).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));

describe('logGrowthReward', () => {
  it('is ln(1 + multiplier × return), and refuses a sized loss of everything instead of returning NaN', () => {
    expect(logGrowthReward({ returnFraction: 0.1 }, { action: 1, multiplier: 2 })).toBeCloseTo(Math.log(1.2), 15);
    fails(() => logGrowthReward({ returnFraction: -0.6 }, { action: 1, multiplier: 2 }), 'outcome.returnFraction', 'OUT_OF_RANGE'); // ln(−0.2)
    fails(() => logGrowthReward({ returnFraction: -0.5 }, { action: 1, multiplier: 2 }), 'outcome.returnFraction', 'OUT_OF_RANGE'); // ln 0 = −∞
    fails(() => logGrowthReward(undefined as never, { action: 1, multiplier: 2 }), 'outcome', 'INVALID_TYPE');
  });
});
