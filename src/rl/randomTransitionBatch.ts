import type { Xoshiro128 } from '../random/xoshiro128.js';
import type { TransitionBatch } from './qUpdate.js';

export interface RandomTransitionOptions {
  states: number;
  actions: number;
  /** Rewards are uniform on [min, max). */
  reward: readonly [min: number, max: number];
  /** Share of transitions that end their episode. */
  doneProbability: number;
}

/**
 * `n` uniformly random transitions from a seeded stream: the workload of the update
 * kernel's tests (WASM against its twin) and of its benchmark. Not a model of trading.
 */
export function randomTransitionBatch(rng: Xoshiro128, n: number, o: RandomTransitionOptions): TransitionBatch {
  const b: TransitionBatch = {
    state: new Int32Array(n),
    action: new Int32Array(n),
    reward: new Float64Array(n),
    nextState: new Int32Array(n),
    done: new Uint8Array(n),
  };
  const [lo, hi] = o.reward;
  for (let i = 0; i < n; i++) {
    b.state[i] = rng.nextIndex(o.states);
    b.action[i] = rng.nextIndex(o.actions);
    b.reward[i] = lo + rng.nextFloat() * (hi - lo);
    b.nextState[i] = rng.nextIndex(o.states);
    b.done[i] = rng.nextFloat() < o.doneProbability ? 1 : 0;
  }
  return b;
}
