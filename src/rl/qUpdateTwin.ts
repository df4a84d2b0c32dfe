// The plain TypeScript twin of assembly/qUpdate.ts: the same loops, the same arithmetic
// order and the same max, so it produces bit-identical tables. It is the test oracle and
// a benchmark row; QLearningSizer itself runs the WASM kernels.
import type { Xoshiro128 } from '../random/xoshiro128.js';
import type { TransitionBatch } from './qUpdate.js';

function rowMax(q: Float64Array, from: number, n: number): number {
  let m = -Infinity;
  for (let i = from; i < from + n; i++) m = Math.max(m, q[i]);
  return m;
}

function applyOne(q: Float64Array, nActions: number, s: number, a: number, r: number, s2: number, done: number, alpha: number, gamma: number): number {
  let target = r + 0; // a −0 reward becomes +0, as in the kernel
  if (done === 0) target += gamma * rowMax(q, s2 * nActions, nActions);
  const cell = s * nActions + a;
  const old = q[cell];
  const delta = alpha * (target - old);
  q[cell] = old + delta;
  return Math.abs(delta);
}

/**
 * The first row that is not a valid transition (state or next state outside [0, nStates),
 * action outside [0, nActions), reward NaN or beyond ±maxReward, done other than 0/1), or
 * −1: the kernel's qCheckTransitions.
 */
export function qCheckTransitionsTwin(batch: TransitionBatch, nStates: number, nActions: number, maxReward: number): number {
  for (let i = 0; i < batch.state.length; i++) {
    const ok =
      batch.state[i] >= 0 && batch.state[i] < nStates &&
      batch.action[i] >= 0 && batch.action[i] < nActions &&
      batch.nextState[i] >= 0 && batch.nextState[i] < nStates &&
      Math.abs(batch.reward[i]) <= maxReward &&
      batch.done[i] <= 1;
    if (!ok) return i;
  }
  return -1;
}

/**
 * Q[s,a] += α (r + γ·(done ? 0 : max Q[s′,·]) − Q[s,a]) for each transition in order
 * (Watkins 1989), in place on the row-major table `q`, counting each (s, a) in `visits`
 * when given (saturating at 2³² − 1). Returns Σ|ΔQ|. Trusts its input (check it with
 * qCheckTransitionsTwin first, as the kernel does).
 */
export function qUpdateTwin(q: Float64Array, nActions: number, batch: TransitionBatch, alpha: number, gamma: number, visits?: Uint32Array): number {
  let sum = 0;
  for (let i = 0; i < batch.state.length; i++) {
    const s = batch.state[i];
    const a = batch.action[i];
    sum += applyOne(q, nActions, s, a, batch.reward[i], batch.nextState[i], batch.done[i], alpha, gamma);
    if (visits !== undefined && visits[s * nActions + a] !== 0xffff_ffff) visits[s * nActions + a]++;
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
