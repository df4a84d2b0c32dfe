import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/montecarlo/simulate.js';
import type { SimulateOptions, TradeModel } from '../../src/montecarlo/types.js';
import { twinOutcomes } from './twinOutcomes.js';

/** Small random jobs: odd path counts (lane padding), checkpoints up to every step, p at 0 and 1, tiny samples. */
const model = fc.oneof(
  fc.record({
    kind: fc.constant('binary' as const),
    winProbability: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    winReturn: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
    lossReturn: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('bootstrap' as const),
    returns: fc.array(fc.double({ min: -0.2, max: 0.3, noNaN: true }), { minLength: 1, maxLength: 9 }),
  }),
);
const options = fc.record({
  paths: fc.integer({ min: 1, max: 23 }),
  trades: fc.integer({ min: 1, max: 300 }),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  exposures: fc.array(fc.double({ min: 0.1, max: 4, noNaN: true }), { minLength: 1, maxLength: 3 }),
  checkpointShare: fc.double({ min: 0, max: 1, noNaN: true }),
  chunks: fc.integer({ min: 1, max: 8 }),
});

describe('simulate (properties)', () => {
  it('equals the TypeScript twin summarised, for any small job and any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(model, options, async (m, o) => {
        const opts: SimulateOptions = {
          paths: o.paths,
          trades: o.trades,
          seed: o.seed,
          exposures: o.exposures,
          checkpoints: Math.round(o.checkpointShare * o.trades),
          chunks: o.chunks,
          workers: 0,
        };
        const expected = twinOutcomes(m as TradeModel, opts);
        const result = await simulate(m as TradeModel, opts);
        expect(result.outcomes).toEqual(expected);
        for (const out of result.outcomes) {
          expect(out.probabilityOfRuin).toBeGreaterThanOrEqual(0);
          expect(out.probabilityOfRuin).toBeLessThanOrEqual(1);
          expect(out.maxDrawdown.median).toBeGreaterThanOrEqual(0);
          expect(out.maxDrawdown.median).toBeLessThanOrEqual(1); // 1 − e^(−d) rounds to 1 for d > 37
          expect(Number.isFinite(out.terminalWealth.mean)).toBe(true);
        }
      }),
      { seed: 2026, numRuns: 60 },
    );
  });
});
