import { afterAll, describe, expect, it } from 'vitest';
import { closePool, simulate } from '../../src/montecarlo/simulate.js';
import type { SimulateOptions, TradeModel } from '../../src/montecarlo/types.js';

afterAll(() => closePool());

describe('the Node worker pool under concurrent simulate() calls', () => {
  it('lets two concurrent calls with different worker counts both finish with the numbers of a run on the calling thread', async () => {
    // The second call asks for more threads than the pool the first one started: the pool
    // must grow without killing the first call's tasks. The oracle is the same job run on
    // the calling thread (results depend only on the seed, never on the workers).
    const model: TradeModel = { kind: 'binary', winProbability: 0.53, winReturn: 0.025, lossReturn: 0.02 };
    const a: SimulateOptions = { exposures: [2, 8], paths: 4_000, trades: 400, seed: 11, chunks: 8 };
    const b: SimulateOptions = { exposures: [5], paths: 3_000, trades: 500, seed: 12, chunks: 6 };
    const [pooledA, pooledB] = await Promise.all([simulate(model, { ...a, workers: 1 }), simulate(model, { ...b, workers: 2 })]);
    const inlineA = await simulate(model, { ...a, workers: 0 });
    const inlineB = await simulate(model, { ...b, workers: 0 });
    expect(pooledA.outcomes).toEqual(inlineA.outcomes);
    expect(pooledB.outcomes).toEqual(inlineB.outcomes);
  });
});
