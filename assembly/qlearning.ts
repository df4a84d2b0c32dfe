// Tabular Q-learning update loop (Watkins 1989; Sutton & Barto 2018, eq. 6.8):
//   Q[s,a] ← Q[s,a] + α (r + γ·(done ? 0 : maxₐ′ Q[s′,a′]) − Q[s,a])
// The table is row-major f64, `nActions` per state, owned by the host. Transitions are
// applied strictly in order: when the same (s, a) repeats, or s′ of a later transition
// is an earlier s, each update reads the previous one's result. The SIMD part is the
// max over the next state's actions (two f64x2 accumulators, reduced in registers).
// The TypeScript twin is src/rl/qUpdateTwin.ts; both give identical tables.
import { nextU32 } from './random';

/** Largest of the `n` (≥ 1) doubles at `row`; f64.max semantics (exact, order-free for finite values). */
// @ts-ignore: decorator
@inline
function rowMax(row: usize, n: i32): f64 {
  let m0 = f64x2.splat(-Infinity);
  let m1 = m0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = row + (<usize>i << 3);
    m0 = f64x2.max(m0, v128.load(p));
    m1 = f64x2.max(m1, v128.load(p, 16));
  }
  if (i + 2 <= n) {
    m0 = f64x2.max(m0, v128.load(row + (<usize>i << 3)));
    i += 2;
  }
  m0 = f64x2.max(m0, m1);
  let m = max<f64>(f64x2.extract_lane(m0, 0), f64x2.extract_lane(m0, 1));
  if (i < n) m = max<f64>(m, load<f64>(row + (<usize>i << 3)));
  return m;
}

/** One transition; returns |ΔQ|. `done` selects 0 for the bootstrap term without a branch. */
// @ts-ignore: decorator
@inline
function applyOne(q: usize, nActions: i32, s: i32, a: i32, r: f64, s2: i32, done: u8, alpha: f64, gamma: f64): f64 {
  const stride = <usize>nActions << 3;
  const next = rowMax(q + <usize>s2 * stride, nActions);
  const target = r + gamma * select<f64>(0.0, next, done != 0);
  const cell = q + <usize>s * stride + (<usize>a << 3);
  const old = load<f64>(cell);
  const delta = alpha * (target - old);
  store<f64>(cell, old + delta);
  return abs<f64>(delta);
}

/**
 * Applies transitions 0…n−1 in order (columns: state i32, action i32, reward f64,
 * nextState i32, done u8) to the table at `q`. Returns Σ|ΔQ| over the batch.
 */
export function qUpdate(
  q: usize,
  nActions: i32,
  statePtr: usize,
  actionPtr: usize,
  rewardPtr: usize,
  nextStatePtr: usize,
  donePtr: usize,
  n: i32,
  alpha: f64,
  gamma: f64,
): f64 {
  let sum = 0.0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    sum += applyOne(
      q,
      nActions,
      load<i32>(statePtr + o),
      load<i32>(actionPtr + o),
      load<f64>(rewardPtr + (<usize>i << 3)),
      load<i32>(nextStatePtr + o),
      load<u8>(donePtr + <usize>i),
      alpha,
      gamma,
    );
  }
  return sum;
}

/**
 * Experience replay: draws `draws` transitions uniformly with replacement from the
 * first `size` rows of the buffer columns, with the xoshiro128+ stream at `rngPtr`
 * (index = ⌊u·2⁻³²·size⌋, as Xoshiro128.nextIndex), and applies each as it is drawn.
 * Returns Σ|ΔQ|. The stream state at `rngPtr` advances, so successive calls continue it.
 */
export function qReplay(
  q: usize,
  nActions: i32,
  statePtr: usize,
  actionPtr: usize,
  rewardPtr: usize,
  nextStatePtr: usize,
  donePtr: usize,
  size: i32,
  draws: i32,
  alpha: f64,
  gamma: f64,
  rngPtr: usize,
): f64 {
  let sum = 0.0;
  const n = <f64>size;
  for (let k = 0; k < draws; k++) {
    const i = <i32>(<f64>nextU32(rngPtr) * 2.3283064365386963e-10 * n);
    const o = <usize>i << 2;
    sum += applyOne(
      q,
      nActions,
      load<i32>(statePtr + o),
      load<i32>(actionPtr + o),
      load<f64>(rewardPtr + (<usize>i << 3)),
      load<i32>(nextStatePtr + o),
      load<u8>(donePtr + <usize>i),
      alpha,
      gamma,
    );
  }
  return sum;
}
