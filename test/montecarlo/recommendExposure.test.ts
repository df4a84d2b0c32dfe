import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { recommendExposure } from '../../src/montecarlo/recommendExposure.js';
import { simulate } from '../../src/montecarlo/simulate.js';
import type { ExposureOutcome, SimulationResult } from '../../src/montecarlo/types.js';

/** A hand-made result: only the fields recommendExposure reads matter. */
function outcome(exposure: number, median: number, pDrawdown: number): ExposureOutcome {
  return {
    exposure,
    terminalWealth: { mean: median, median, percentiles: {}, log: { mean: Math.log(median), median: Math.log(median), percentiles: {} } },
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

  const good = () => result([outcome(1, 1.2, 0.01), outcome(2, 1.5, 0.04)]);
  /** A copy of a good result, loosely typed so that a test can break any part of it. */
  interface LooseOutcome {
    exposure: unknown;
    probabilityOfDrawdown: Record<string, unknown> | undefined;
    terminalWealth: { log: { median: unknown } | null };
  }
  const broken = (edit: (r: { trades: unknown; outcomes: (LooseOutcome | null)[] }) => void) => {
    const r = structuredClone(good()) as unknown as { trades: unknown; outcomes: (LooseOutcome | null)[] };
    edit(r);
    return r;
  };
  it.each([
    [null, 'result', 'INVALID_TYPE'],
    [42, 'result', 'INVALID_TYPE'],
    [{ trades: 100 }, 'result.outcomes', 'INVALID_TYPE'],
    [broken((r) => (r.outcomes = [])), 'result.outcomes', 'EMPTY_INPUT'],
    [broken((r) => (r.outcomes = new Array(2))), 'result.outcomes[0]', 'INVALID_TYPE'], // holes
    [broken((r) => ((r.outcomes[0] as unknown as Record<string, unknown>).probabilityOfRuin = -0.5)), 'result.outcomes[0].probabilityOfRuin', 'INVALID_PROBABILITY'],
    [broken((r) => (r.trades = 0)), 'result.trades', 'OUT_OF_RANGE'],
    [broken((r) => (r.trades = '100')), 'result.trades', 'INVALID_TYPE'],
    [broken((r) => (r.outcomes[1] = null)), 'result.outcomes[1]', 'INVALID_TYPE'],
    [broken((r) => (r.outcomes[0]!.exposure = Number.NaN)), 'result.outcomes[0].exposure', 'NON_FINITE'],
    [broken((r) => (r.outcomes[1]!.probabilityOfDrawdown = undefined)), 'result.outcomes[1].probabilityOfDrawdown', 'INVALID_TYPE'],
    [broken((r) => (r.outcomes[1]!.probabilityOfDrawdown!['0.2'] = 1.5)), "result.outcomes[1].probabilityOfDrawdown['0.2']", 'INVALID_PROBABILITY'],
    [broken((r) => (r.outcomes[0]!.terminalWealth.log = null)), 'result.outcomes[0].terminalWealth.log', 'INVALID_TYPE'],
    [broken((r) => (r.outcomes[1]!.terminalWealth.log!.median = Number.POSITIVE_INFINITY)), 'result.outcomes[1].terminalWealth.log.median', 'NON_FINITE'],
  ])('rejects a malformed result %#, naming the field (issue 9, item 15)', (bad, field, code) => {
    const call = () => recommendExposure(bad as never, { maxDrawdown: 0.2, probability: 0.05 });
    expect(call).toThrow(SizewiseError);
    expect(call).toThrow(expect.objectContaining({ field, code }));
  });

  it('reads median growth from the log median, so it ranks exposures whose median wealth is beyond the largest double', () => {
    // ln median W = 800 and 900: both medians are e^800+, reported as Number.MAX_VALUE.
    const huge = (exposure: number, lnMedian: number): ExposureOutcome => ({
      ...outcome(exposure, 1, 0.01),
      terminalWealth: { mean: Number.MAX_VALUE, median: Number.MAX_VALUE, percentiles: {}, log: { mean: lnMedian, median: lnMedian, percentiles: {} } },
    });
    expect(recommendExposure(result([huge(1, 800), huge(2, 900)]), { maxDrawdown: 0.2, probability: 0.05 }).exposure).toBe(2);
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
