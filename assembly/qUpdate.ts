// Tabular Q-learning update loop (Watkins 1989; Sutton & Barto 2018, eq. 6.8):
//   Q[s,a] ← Q[s,a] + α (r + γ·(done ? 0 : maxₐ′ Q[s′,a′]) − Q[s,a])
// The table is row-major f64, `nActions` per state, owned by the host. Transitions are
// applied strictly in order: when the same (s, a) repeats, or s′ of a later transition
// is an earlier s, each update reads the previous one's result. The SIMD parts are the
// check of the columns (four rows a step) and the max over the next state's actions
// (four f64x2 accumulators, reduced in registers).
// The TypeScript twin is src/rl/qUpdateTwin.ts; both give identical tables.

/**
 * Largest of the `n` (≥ 1) doubles at `row`. Uses the pseudo-max f64x2.pmax (one
 * `maxpd` on x86, where f64x2.max costs a NaN/±0 fix-up sequence): the facade keeps
 * NaN and −0 out of the table (rewards are finite, −0 rewards become +0, and a sum
 * of non-(−0) values is never −0), and on such values pmax equals max, so the order of
 * the reduction cannot change the result and the twin's sequential Math.max agrees.
 */
// @ts-ignore: decorator
@inline
function rowMax(row: usize, n: i32): f64 {
  let m0 = f64x2.splat(-Infinity);
  let m1 = m0;
  let m2 = m0;
  let m3 = m0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = row + (<usize>i << 3);
    m0 = f64x2.pmax(m0, v128.load(p));
    m1 = f64x2.pmax(m1, v128.load(p, 16));
    m2 = f64x2.pmax(m2, v128.load(p, 32));
    m3 = f64x2.pmax(m3, v128.load(p, 48));
  }
  for (; i + 2 <= n; i += 2) {
    m0 = f64x2.pmax(m0, v128.load(row + (<usize>i << 3)));
  }
  if (i < n) m1 = f64x2.pmax(m1, f64x2.splat(load<f64>(row + (<usize>i << 3))));
  m0 = f64x2.pmax(f64x2.pmax(m0, m1), f64x2.pmax(m2, m3));
  m0 = f64x2.pmax(m0, v128.shuffle<f64>(m0, m0, 1, 0));
  return f64x2.extract_lane(m0, 0);
}

/**
 * One transition; returns |ΔQ|. A terminal transition skips the max over s′ (a branch:
 * batches are often all terminal, as counterfactual ones are, or mostly not).
 */
// @ts-ignore: decorator
@inline
function applyOne(q: usize, nActions: i32, s: i32, a: i32, r: f64, s2: i32, done: u8, alpha: f64, gamma: f64): f64 {
  const stride = <usize>nActions << 3;
  // r + 0 turns a −0 reward into +0, so no −0 ever enters the table (see rowMax); adding
  // γ·max only when not done gives the same double as adding γ·0 (+0 changes no sum ≠ −0).
  let target = r + 0.0;
  if (done == 0) target += gamma * rowMax(q + <usize>s2 * stride, nActions);
  const cell = q + <usize>s * stride + (<usize>a << 3);
  const old = load<f64>(cell);
  const delta = alpha * (target - old);
  store<f64>(cell, old + delta);
  return abs<f64>(delta);
}

/** Whether one row is a transition the table can take (unsigned compares also refuse negatives; NaN fails ≤). */
// @ts-ignore: decorator
@inline
function rowValid(s: i32, a: i32, r: f64, s2: i32, done: u8, nStates: i32, nActions: i32, maxReward: f64): bool {
  return (<u32>s < <u32>nStates) & (<u32>a < <u32>nActions) & (<u32>s2 < <u32>nStates) & (abs<f64>(r) <= maxReward) & (done <= 1);
}

/**
 * The first row of columns (state i32, action i32, reward f64, nextState i32, done u8) that
 * is not a valid transition — a state or next state outside [0, nStates), an action outside
 * [0, nActions), a reward that is NaN or beyond ±maxReward, a done flag other than 0 or 1 —
 * or −1 when every row is valid. Four rows a step: unsigned compares of the index columns,
 * |reward| ≤ maxReward on two f64x2, the four done bytes as one word; a step that fails
 * is rescanned row by row to name the first bad row.
 */
export function qCheckTransitions(
  statePtr: usize,
  actionPtr: usize,
  rewardPtr: usize,
  nextStatePtr: usize,
  donePtr: usize,
  n: i32,
  nStates: i32,
  nActions: i32,
  maxReward: f64,
): i32 {
  const states = i32x4.splat(nStates);
  const actions = i32x4.splat(nActions);
  const bound = f64x2.splat(maxReward);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const r = rewardPtr + (<usize>i << 3);
    let bad = v128.or(i32x4.ge_u(v128.load(statePtr + o), states), i32x4.ge_u(v128.load(actionPtr + o), actions));
    bad = v128.or(bad, i32x4.ge_u(v128.load(nextStatePtr + o), states));
    const ok = v128.and(f64x2.le(f64x2.abs(v128.load(r)), bound), f64x2.le(f64x2.abs(v128.load(r, 16)), bound));
    bad = v128.or(bad, v128.not(ok));
    if (v128.any_true(bad) | ((load<u32>(donePtr + <usize>i) & 0xfefefefe) != 0)) break;
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    if (!rowValid(load<i32>(statePtr + o), load<i32>(actionPtr + o), load<f64>(rewardPtr + (<usize>i << 3)), load<i32>(nextStatePtr + o), load<u8>(donePtr + <usize>i), nStates, nActions, maxReward)) {
      return i;
    }
  }
  return -1;
}

/**
 * Checks rows 0…n−1 first (qCheckTransitions): if one is bad, nothing is written and its
 * index is returned. Otherwise applies them in order to the table at `q`, counts each in
 * `visits` (u32 per (s, a), saturating at 2³² − 1), stores Σ|ΔQ| as an f64 at `sumPtr`,
 * and returns −1.
 */
export function qUpdate(
  q: usize,
  visits: usize,
  nStates: i32,
  nActions: i32,
  statePtr: usize,
  actionPtr: usize,
  rewardPtr: usize,
  nextStatePtr: usize,
  donePtr: usize,
  n: i32,
  alpha: f64,
  gamma: f64,
  maxReward: f64,
  sumPtr: usize,
): i32 {
  const bad = qCheckTransitions(statePtr, actionPtr, rewardPtr, nextStatePtr, donePtr, n, nStates, nActions, maxReward);
  if (bad >= 0) return bad;
  let sum = 0.0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const s = load<i32>(statePtr + o);
    const a = load<i32>(actionPtr + o);
    sum += applyOne(q, nActions, s, a, load<f64>(rewardPtr + (<usize>i << 3)), load<i32>(nextStatePtr + o), load<u8>(donePtr + <usize>i), alpha, gamma);
    const count = visits + ((<usize>s * <usize>nActions + <usize>a) << 2);
    const seen = load<u32>(count);
    store<u32>(count, seen + <u32>(seen != 0xffffffff));
  }
  store<f64>(sumPtr, sum);
  return -1;
}

/**
 * Experience replay: draws `draws` transitions uniformly with replacement from the
 * first `size` (≤ 2²¹) rows of the buffer columns, with the xoshiro128+ stream at `rngPtr`,
 * and applies each as it is drawn. The index is ⌊word·size / 2³²⌋ by an integer multiply:
 * word·size < 2⁵³, so it equals Xoshiro128.nextIndex's ⌊word·2⁻³²·size⌋ in doubles exactly,
 * without the conversions (about a fifth of the loop's time).
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
  // The xoshiro128+ step of nextU32 (assembly/xoshiro128.ts) with the state in locals: nextU32
  // itself loads and stores the four words on every draw, 5 % slower on this loop (measured).
  let s0 = load<u32>(rngPtr);
  let s1 = load<u32>(rngPtr, 4);
  let s2 = load<u32>(rngPtr, 8);
  let s3 = load<u32>(rngPtr, 12);
  for (let k = 0; k < draws; k++) {
    const word = s0 + s3;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl<u32>(s3, 11);
    const i = <i32>((<u64>word * <u64>size) >>> 32);
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
  store<u32>(rngPtr, s0);
  store<u32>(rngPtr, s1, 4);
  store<u32>(rngPtr, s2, 8);
  store<u32>(rngPtr, s3, 12);
  return sum;
}
