import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SimulateOptions, TradeModel } from '../../src/montecarlo/types.js';

/** Every Piscina pool the executor starts, and the ones it destroys. */
const pools = vi.hoisted(() => ({ created: [] as object[], destroyed: new Set<object>() }));

vi.mock('piscina', async (importOriginal) => {
  const actual = await importOriginal<typeof import('piscina')>();
  class TrackedPiscina extends actual.Piscina {
    constructor(...args: ConstructorParameters<typeof actual.Piscina>) {
      super(...args);
      pools.created.push(this);
    }
    override destroy(): Promise<void> {
      pools.destroyed.add(this);
      return super.destroy();
    }
  }
  return { ...actual, Piscina: TrackedPiscina, default: TrackedPiscina };
});

const { closePool, simulate } = await import('../../src/montecarlo/simulate.js');

afterAll(() => closePool());

describe('the Node worker pool after a failed call', () => {
  const model: TradeModel = { kind: 'binary', winProbability: 0.53, winReturn: 0.025, lossReturn: 0.02 };
  const opts: SimulateOptions = { exposures: [3], paths: 2_000, trades: 200, seed: 3 };

  it('gives the pool back when onProgress throws, so a larger pool replacing it destroys it', async () => {
    const boom = new Error('progress bar gone');
    await expect(simulate(model, { ...opts, workers: 1, onProgress: () => { throw boom; } })).rejects.toBe(boom);
    expect(pools.created).toHaveLength(1);
    // A call that wants more threads replaces the pool; with no call left on the old one, it is
    // destroyed at once. Before, the throwing call never released it: it stayed counted as in
    // use, was kept as "retired" and its threads were never stopped.
    await simulate(model, { ...opts, workers: 2 });
    expect(pools.created).toHaveLength(2);
    expect(pools.destroyed.has(pools.created[0])).toBe(true);
    expect(pools.destroyed.has(pools.created[1])).toBe(false);
  });
});
