// The plain TypeScript twin of assembly/qlearning.ts: the same loop, the same arithmetic
// order and the same max, so it produces bit-identical tables. It is the test oracle
// and the benchmark baseline; QLearningSizer itself runs the WASM kernel.
import type { Xoshiro128 } from '../random/xoshiro128.js';
import type { TransitionBatch } from './transitionBatch.js';

export type { TransitionBatch } from './transitionBatch.js';


function rowMax(q: Float64Array, from: number, n: number): number {
  let m = -Infinity;
  for (let i = from; i < from + n; i++) m = Math.max(m, q[i]);
  return m;
}

function applyOne(q: Float64Array, nActions: number, s: number, a: number, r: number, s2: number, done: number, alpha: number, gamma: number): number {
  const next = rowMax(q, s2 * nActions, nActions);
  const target = r + 0 + gamma * (done !== 0 ? 0 : next); // r + 0: a −0 reward becomes +0, as in the kernel
  const cell = s * nActions + a;
  const old = q[cell];
  const delta = alpha * (target - old);
  q[cell] = old + delta;
  return Math.abs(delta);
}

/**
 * Q[s,a] += α (r + γ·(done ? 0 : max Q[s′,·]) − Q[s,a]) for each transition in order
 * (Watkins 1989), in place on the row-major table `q`. Returns Σ|ΔQ|. Trusts its input.
 */
export function qUpdateTwin(q: Float64Array, nActions: number, batch: TransitionBatch, alpha: number, gamma: number, n = batch.state.length): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += applyOne(q, nActions, batch.state[i], batch.action[i], batch.reward[i], batch.nextState[i], batch.done[i], alpha, gamma);
  }
  return sum;
}

/**
 * Experience replay: `draws` uniform draws with replacement from the first `size` rows
 * (index = rng.nextIndex(size)), each applied as drawn. Returns Σ|ΔQ|.
 */
export function qReplayTwin(
  q: Float64Array,
  nActions: number,
  buffer: TransitionBatch,
  size: number,
  draws: number,
  alpha: number,
  gamma: number,
  rng: Xoshiro128,
): number {
  let sum = 0;
  for (let k = 0; k < draws; k++) {
    const i = rng.nextIndex(size);
    sum += applyOne(q, nActions, buffer.state[i], buffer.action[i], buffer.reward[i], buffer.nextState[i], buffer.done[i], alpha, gamma);
  }
  return sum;
}
