import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { recommendExposure } from '../../src/montecarlo/recommendExposure.js';
import { simulate } from '../../src/montecarlo/simulate.js';
import type { ExposureOutcome, SimulationResult } from '../../src/montecarlo/types.js';

/** A hand-made result: only the fields recommendExposure reads matter. */
function outcome(exposure: number, median: number, pDrawdown: number): ExposureOutcome {
  return {
    exposure,
    terminalWealth: { mean: median, median, percentiles: {} },
    growthPerTrade: Math.log(median) / 100,
    probabilityOfLoss: 0,
    probabilityOfRuin: 0,
    probabilityOfDrawdown: { '0.2': pDrawdown, '0.5': pDrawdown / 10 },
    maxDrawdown: { median: 0, percentiles: {} },
  };
}
const result = (outcomes: ExposureOutcome[]): SimulationResult => ({ outcomes, paths: 1, trades: 100, seed: 1, elapsedMs: 0 });

describe('recommendExposure', () => {
  it('picks the highest median growth among exposures within the drawdown limit', () => {
    const r = result([outcome(1, 1.2, 0.01), outcome(2, 1.5, 0.04), outcome(4, 1.9, 0.2), outcome(8, 1.1, 0.6)]);
    const pick = recommendExposure(r, { maxDrawdown: 0.2, probability: 0.05 });
    expect(pick.exposure).toBe(2);
    expect(pick.feasible).toBe(true);
    expect(pick.reason).toMatch(/exposure 2 has the highest median growth/);
  });

  it('returns the safest exposure, marked infeasible, when none meets the limit', () => {
    const pick = recommendExposure(result([outcome(4, 1.9, 0.2), outcome(8, 1.1, 0.6)]), { maxDrawdown: 0.2, probability: 0.05 });
    expect(pick.exposure).toBe(4);
    expect(pick.feasible).toBe(false);
    expect(pick.reason).toMatch(/no simulated exposure/);
  });

  it('breaks a tie in median growth towards the smaller exposure, whatever the order of the exposures', () => {
    const tie = [outcome(4, 1.5, 0.01), outcome(2, 1.5, 0.02), outcome(1, 1.2, 0.01)];
    expect(recommendExposure(result(tie), { maxDrawdown: 0.2, probability: 0.05 }).exposure).toBe(2);
    expect(recommendExposure(result([...tie].reverse()), { maxDrawdown: 0.2, probability: 0.05 }).exposure).toBe(2);
    // Likewise among infeasible ones: equal drawdown risk → the smaller exposure.
    expect(recommendExposure(result([outcome(8, 1.1, 0.3), outcome(4, 1.9, 0.3)]), { maxDrawdown: 0.2, probability: 0.05 }).exposure).toBe(4);
  });

  it('chooses, on a real simulation, an exposure no larger than the Kelly one when the drawdown limit is tight', async () => {
    // Kelly exposure for p = 0.55, ±2 %: p/l − q/w = 0.55/0.02 − 0.45/0.02 = 5.
    const kelly = 0.55 / 0.02 - 0.45 / 0.02;
    const sim = await simulate({ kind: 'binary', winProbability: 0.55, winReturn: 0.02, lossReturn: 0.02 }, { exposures: [1, 2, 3, 5, 8], paths: 2_000, trades: 250, seed: 3 });
    const pick = recommendExposure(sim, { maxDrawdown: 0.5, probability: 0.05 });
    expect(pick.feasible).toBe(true);
    expect(pick.probabilityOfDrawdown['0.5']).toBeLessThanOrEqual(0.05);
    expect(pick.exposure).toBeLessThanOrEqual(kelly);
  });

  it.each([
    [{ maxDrawdown: 0.3, probability: 0.1 }, 'opts.maxDrawdown'], // not a simulated level
    [{ maxDrawdown: 1.2, probability: 0.1 }, 'opts.maxDrawdown'],
    [{ maxDrawdown: 0.2, probability: -0.1 }, 'opts.probability'],
    [{ maxDrawdown: 0.2, probability: 0.1, extra: 1 }, 'opts.extra'],
  ])('rejects %o naming the field', (opts, field) => {
    expect(() => recommendExposure(result([outcome(1, 1.2, 0.01)]), opts as never)).toThrow(SizewiseError);
    expect(() => recommendExposure(result([outcome(1, 1.2, 0.01)]), opts as never)).toThrow(expect.objectContaining({ field }));
  });
});
