// Monte Carlo ruin simulator: four paths per v128, every exposure of a sweep driven by
// the same draws (common random numbers), log wealth in f64 lanes, branch-free.
// Facade: src/montecarlo/simulatePaths.ts (owns the job and the row layout); the
// TypeScript twin is src/montecarlo/simulatePathsTwin.ts; both models are
// bit-identical to it, path by path (the host computes every logarithm).
//
// Output layout (f64, `stride` paths per row, rows in this order):
//   row (0·E + e): terminal log wealth ln(W_n / W_0) at exposure e
//   row (1·E + e): maximum drawdown in log units, max_t (peak_t − ln W_t)
//   row (2·E + e): minimum log wealth, min_t ln W_t (≤ 0: the start counts)
//   row ((3 + c)·E + e): log wealth after checkpoint step c
// The kernel writes columns [0, paths) of every row; `paths` is a multiple of 4
// (the host pads and ignores the extra lanes, whose streams are simply the next path indices).
//
// The xoshiro128+ step over four lanes is written out in each loop rather than shared: an
// AssemblyScript function cannot hand four updated v128 back to its caller, and the two ways
// to share it cost the one-exposure loop 1.6× (state in memory) and 2.5× (state in globals),
// measured against this file, bit-identical results, in one process.

import { seedStream } from './xoshiro128';

/** Trades per block: draws for a block are made once, then replayed for every exposure. */
const BLOCK: i32 = 256;
/** Bytes of per-exposure state kept between blocks: log wealth, peak, drawdown, minimum, two f64x2 each. */
const STATE_BYTES: i32 = 128;
/** Bytes of the per-step draw buffer: two i64x2 masks (binary) or one i32x4 of byte offsets (bootstrap). */
const STEP_BYTES: i32 = 32;

/** Bytes of work memory the host must pass to the kernels for `exposures` exposures. */
export function simulatePathsWorkBytes(exposures: i32): i32 {
  return 128 + BLOCK * STEP_BYTES + exposures * STATE_BYTES;
}

/**
 * Seeds four xoshiro128+ streams (paths first … first + 3) and returns them
 * transposed into `work`: word k of lanes 0–3 lands in the v128 at work + 16k.
 */
// @ts-ignore: decorator
@inline
function seedLanes(seed: u32, first: u32, work: usize): void {
  for (let lane: u32 = 0; lane < 4; lane++) seedStream(seed, first + lane, work + 64 + (<usize>lane << 4));
  for (let k: usize = 0; k < 4; k++) {
    let v = i32x4.splat(0);
    v = i32x4.replace_lane(v, 0, load<i32>(work + 64 + (k << 2)));
    v = i32x4.replace_lane(v, 1, load<i32>(work + 80 + (k << 2)));
    v = i32x4.replace_lane(v, 2, load<i32>(work + 96 + (k << 2)));
    v = i32x4.replace_lane(v, 3, load<i32>(work + 112 + (k << 2)));
    v128.store(work + (k << 4), v);
  }
}

/** Clears the per-exposure state (log wealth, peak, drawdown, minimum all start at 0). */
// @ts-ignore: decorator
@inline
function clearState(statePtr: usize, exposures: i32): void {
  const zero = f64x2.splat(0);
  for (let i: usize = 0, n = <usize>exposures * (STATE_BYTES >> 4); i < n; i++) v128.store(statePtr + (i << 4), zero);
}

/** Writes the final per-exposure state of four paths into the output rows. */
// @ts-ignore: decorator
@inline
function writeFinal(statePtr: usize, exposures: i32, outPtr: usize, rowBytes: usize): void {
  for (let e = 0; e < exposures; e++) {
    const st = statePtr + <usize>e * STATE_BYTES;
    const row = outPtr + <usize>e * rowBytes;
    const rows = <usize>exposures * rowBytes;
    v128.store(row, v128.load(st));
    v128.store(row, v128.load(st, 16), 16);
    v128.store(row + rows, v128.load(st, 64));
    v128.store(row + rows, v128.load(st, 80), 16);
    v128.store(row + 2 * rows, v128.load(st, 96));
    v128.store(row + 2 * rows, v128.load(st, 112), 16);
  }
}

/** Writes the current log wealth of four paths into checkpoint row `c`. */
// @ts-ignore: decorator
@inline
function writeCheckpoint(statePtr: usize, exposures: i32, c: i32, outPtr: usize, rowBytes: usize): void {
  const base = outPtr + <usize>(3 + c) * <usize>exposures * rowBytes;
  for (let e = 0; e < exposures; e++) {
    const st = statePtr + <usize>e * STATE_BYTES;
    v128.store(base + <usize>e * rowBytes, v128.load(st));
    v128.store(base + <usize>e * rowBytes, v128.load(st, 16), 16);
  }
}

/** The sign bit of each i32 lane: xor-ing it turns an unsigned compare into a signed one (one instruction on x86, where lt_u takes four). */
const SIGN = i32x4.splat(<i32>0x80000000);

/**
 * simulateBinary for one exposure and four paths whose streams are s0…s3: draws and adds
 * in one loop, every quantity in registers (no draw buffer), 15 % faster than the blocked
 * loop. Adds exactly the same doubles in the same order, so the results are bit-identical.
 */
// @ts-ignore: decorator
@inline
function binaryOneExposure(
  s0: v128, s1: v128, s2: v128, s3: v128,
  trades: i32, threshold: u32, lnWin: f64, lnLoss: f64,
  checkpointsPtr: usize, checkpoints: i32, out: usize, rowBytes: usize,
): void {
  const thr = i32x4.splat(<i32>(threshold ^ 0x80000000));
  const a = f64x2.splat(lnWin);
  const b = f64x2.splat(lnLoss);
  let w0 = f64x2.splat(0);
  let w1 = w0;
  let p0 = w0;
  let p1 = w0;
  let d0 = w0;
  let d1 = w0;
  let m0 = w0;
  let m1 = w0;
  let t = 0;
  let c = 0;
  while (t < trades) {
    const end = c < checkpoints ? min(trades, load<i32>(checkpointsPtr + (<usize>c << 2))) : trades;
    // Two trades per iteration, written out twice (an inner loop of two is 30 % slower), then the odd one.
    for (; t + 1 < end; t += 2) {
      {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const win = i32x4.lt_s(v128.xor(r, SIGN), thr);
        w0 = f64x2.add(w0, v128.bitselect(a, b, v128.shuffle<i32>(win, win, 0, 0, 1, 1)));
        w1 = f64x2.add(w1, v128.bitselect(a, b, v128.shuffle<i32>(win, win, 2, 2, 3, 3)));
        p0 = f64x2.pmax(p0, w0);
        p1 = f64x2.pmax(p1, w1);
        d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
        d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
        m0 = f64x2.pmin(m0, w0);
        m1 = f64x2.pmin(m1, w1);
      }
      {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const win = i32x4.lt_s(v128.xor(r, SIGN), thr);
        w0 = f64x2.add(w0, v128.bitselect(a, b, v128.shuffle<i32>(win, win, 0, 0, 1, 1)));
        w1 = f64x2.add(w1, v128.bitselect(a, b, v128.shuffle<i32>(win, win, 2, 2, 3, 3)));
        p0 = f64x2.pmax(p0, w0);
        p1 = f64x2.pmax(p1, w1);
        d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
        d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
        m0 = f64x2.pmin(m0, w0);
        m1 = f64x2.pmin(m1, w1);
      }
    }
    for (; t < end; t++) {
      {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const win = i32x4.lt_s(v128.xor(r, SIGN), thr);
        w0 = f64x2.add(w0, v128.bitselect(a, b, v128.shuffle<i32>(win, win, 0, 0, 1, 1)));
        w1 = f64x2.add(w1, v128.bitselect(a, b, v128.shuffle<i32>(win, win, 2, 2, 3, 3)));
        p0 = f64x2.pmax(p0, w0);
        p1 = f64x2.pmax(p1, w1);
        d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
        d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
        m0 = f64x2.pmin(m0, w0);
        m1 = f64x2.pmin(m1, w1);
      }
    }
    if (c < checkpoints && t == load<i32>(checkpointsPtr + (<usize>c << 2))) {
      const row = out + <usize>(3 + c) * rowBytes;
      v128.store(row, w0);
      v128.store(row, w1, 16);
      c++;
    }
  }
  v128.store(out, w0);
  v128.store(out, w1, 16);
  v128.store(out + rowBytes, d0);
  v128.store(out + rowBytes, d1, 16);
  v128.store(out + 2 * rowBytes, m0);
  v128.store(out + 2 * rowBytes, m1, 16);
}

/** simulateBootstrap for one exposure and four paths, as binaryOneExposure (7 % faster than the blocked loop). */
// @ts-ignore: decorator
@inline
function bootstrapOneExposure(
  s0: v128, s1: v128, s2: v128, s3: v128,
  trades: i32, returns: i32, tablePtr: usize,
  checkpointsPtr: usize, checkpoints: i32, out: usize, rowBytes: usize,
): void {
  const n = i32x4.splat(returns);
  let w0 = f64x2.splat(0);
  let w1 = w0;
  let p0 = w0;
  let p1 = w0;
  let d0 = w0;
  let d1 = w0;
  let m0 = w0;
  let m1 = w0;
  let t = 0;
  let c = 0;
  while (t < trades) {
    const end = c < checkpoints ? min(trades, load<i32>(checkpointsPtr + (<usize>c << 2))) : trades;
    // Two trades per iteration, written out twice (an inner loop of two is 30 % slower), then the odd one.
    for (; t + 1 < end; t += 2) {
      {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const at = i32x4.shl(v128.shuffle<i32>(i64x2.extmul_low_i32x4_u(r, n), i64x2.extmul_high_i32x4_u(r, n), 1, 3, 5, 7), 3);
        let x0 = v128.load64_zero(tablePtr + <usize>i32x4.extract_lane(at, 0));
        x0 = v128.load64_lane(tablePtr + <usize>i32x4.extract_lane(at, 1), x0, 1);
        let x1 = v128.load64_zero(tablePtr + <usize>i32x4.extract_lane(at, 2));
        x1 = v128.load64_lane(tablePtr + <usize>i32x4.extract_lane(at, 3), x1, 1);
        w0 = f64x2.add(w0, x0);
        w1 = f64x2.add(w1, x1);
        p0 = f64x2.pmax(p0, w0);
        p1 = f64x2.pmax(p1, w1);
        d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
        d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
        m0 = f64x2.pmin(m0, w0);
        m1 = f64x2.pmin(m1, w1);
      }
      {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const at = i32x4.shl(v128.shuffle<i32>(i64x2.extmul_low_i32x4_u(r, n), i64x2.extmul_high_i32x4_u(r, n), 1, 3, 5, 7), 3);
        let x0 = v128.load64_zero(tablePtr + <usize>i32x4.extract_lane(at, 0));
        x0 = v128.load64_lane(tablePtr + <usize>i32x4.extract_lane(at, 1), x0, 1);
        let x1 = v128.load64_zero(tablePtr + <usize>i32x4.extract_lane(at, 2));
        x1 = v128.load64_lane(tablePtr + <usize>i32x4.extract_lane(at, 3), x1, 1);
        w0 = f64x2.add(w0, x0);
        w1 = f64x2.add(w1, x1);
        p0 = f64x2.pmax(p0, w0);
        p1 = f64x2.pmax(p1, w1);
        d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
        d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
        m0 = f64x2.pmin(m0, w0);
        m1 = f64x2.pmin(m1, w1);
      }
    }
    for (; t < end; t++) {
      {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const at = i32x4.shl(v128.shuffle<i32>(i64x2.extmul_low_i32x4_u(r, n), i64x2.extmul_high_i32x4_u(r, n), 1, 3, 5, 7), 3);
        let x0 = v128.load64_zero(tablePtr + <usize>i32x4.extract_lane(at, 0));
        x0 = v128.load64_lane(tablePtr + <usize>i32x4.extract_lane(at, 1), x0, 1);
        let x1 = v128.load64_zero(tablePtr + <usize>i32x4.extract_lane(at, 2));
        x1 = v128.load64_lane(tablePtr + <usize>i32x4.extract_lane(at, 3), x1, 1);
        w0 = f64x2.add(w0, x0);
        w1 = f64x2.add(w1, x1);
        p0 = f64x2.pmax(p0, w0);
        p1 = f64x2.pmax(p1, w1);
        d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
        d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
        m0 = f64x2.pmin(m0, w0);
        m1 = f64x2.pmin(m1, w1);
      }
    }
    if (c < checkpoints && t == load<i32>(checkpointsPtr + (<usize>c << 2))) {
      const row = out + <usize>(3 + c) * rowBytes;
      v128.store(row, w0);
      v128.store(row, w1, 16);
      c++;
    }
  }
  v128.store(out, w0);
  v128.store(out, w1, 16);
  v128.store(out + rowBytes, d0);
  v128.store(out + rowBytes, d1, 16);
  v128.store(out + 2 * rowBytes, m0);
  v128.store(out + 2 * rowBytes, m1, 16);
}

/**
 * Binary trade model: each trade wins when the path's next u32 draw is below
 * `threshold` (= floor(p·2³²)), adding lnWin[e], else adds lnLoss[e].
 * `seed`, `pathStart`: the streams of paths pathStart … pathStart + paths − 1.
 * `checkpointsPtr`: `checkpoints` increasing i32 steps in [1, trades].
 */
export function simulateBinary(
  seed: u32,
  pathStart: u32,
  paths: i32,
  trades: i32,
  threshold: u32,
  exposures: i32,
  lnWinPtr: usize,
  lnLossPtr: usize,
  checkpointsPtr: usize,
  checkpoints: i32,
  outPtr: usize,
  stride: i32,
  workPtr: usize,
): void {
  const drawPtr = workPtr + 128;
  const statePtr = drawPtr + <usize>(BLOCK * STEP_BYTES);
  const rowBytes = <usize>stride << 3;
  const thr = i32x4.splat(<i32>threshold);
  for (let base = 0; base < paths; base += 4) {
    seedLanes(seed, pathStart + <u32>base, workPtr);
    let s0 = v128.load(workPtr);
    let s1 = v128.load(workPtr, 16);
    let s2 = v128.load(workPtr, 32);
    let s3 = v128.load(workPtr, 48);
    const out = outPtr + (<usize>base << 3);
    if (exposures == 1) {
      binaryOneExposure(s0, s1, s2, s3, trades, threshold, load<f64>(lnWinPtr), load<f64>(lnLossPtr), checkpointsPtr, checkpoints, out, rowBytes);
      continue;
    }
    clearState(statePtr, exposures);
    let t = 0;
    let c = 0;
    while (t < trades) {
      let end = min(t + BLOCK, trades);
      if (c < checkpoints) end = min(end, load<i32>(checkpointsPtr + (<usize>c << 2)));
      const steps = end - t;
      // Draw once: one u32 per path per trade, turned into two f64-lane masks (win = all ones).
      for (let k = 0; k < steps; k++) {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const win = i32x4.lt_u(r, thr);
        const at = drawPtr + (<usize>k << 5);
        v128.store(at, i64x2.extend_low_i32x4_s(win));
        v128.store(at, i64x2.extend_high_i32x4_s(win), 16);
      }
      // Replay the block for every exposure with its state in registers.
      for (let e = 0; e < exposures; e++) {
        const st = statePtr + <usize>e * STATE_BYTES;
        const a = f64x2.splat(load<f64>(lnWinPtr + (<usize>e << 3)));
        const b = f64x2.splat(load<f64>(lnLossPtr + (<usize>e << 3)));
        let w0 = v128.load(st);
        let w1 = v128.load(st, 16);
        let p0 = v128.load(st, 32);
        let p1 = v128.load(st, 48);
        let d0 = v128.load(st, 64);
        let d1 = v128.load(st, 80);
        let m0 = v128.load(st, 96);
        let m1 = v128.load(st, 112);
        // Two trades per iteration, then the odd one: 8 % faster on the sweep than one per
        // iteration, and faster than four (bench/README.md).
        let k = 0;
        for (; k + 1 < steps; k += 2) {
          const at = drawPtr + (<usize>k << 5);
          w0 = f64x2.add(w0, v128.bitselect(a, b, v128.load(at)));
          w1 = f64x2.add(w1, v128.bitselect(a, b, v128.load(at, 16)));
          p0 = f64x2.pmax(p0, w0);
          p1 = f64x2.pmax(p1, w1);
          d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
          d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
          m0 = f64x2.pmin(m0, w0);
          m1 = f64x2.pmin(m1, w1);
          w0 = f64x2.add(w0, v128.bitselect(a, b, v128.load(at, 32)));
          w1 = f64x2.add(w1, v128.bitselect(a, b, v128.load(at, 48)));
          p0 = f64x2.pmax(p0, w0);
          p1 = f64x2.pmax(p1, w1);
          d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
          d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
          m0 = f64x2.pmin(m0, w0);
          m1 = f64x2.pmin(m1, w1);
        }
        if (k < steps) {
          const at = drawPtr + (<usize>k << 5);
          w0 = f64x2.add(w0, v128.bitselect(a, b, v128.load(at)));
          w1 = f64x2.add(w1, v128.bitselect(a, b, v128.load(at, 16)));
          p0 = f64x2.pmax(p0, w0);
          p1 = f64x2.pmax(p1, w1);
          d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
          d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
          m0 = f64x2.pmin(m0, w0);
          m1 = f64x2.pmin(m1, w1);
        }
        v128.store(st, w0);
        v128.store(st, w1, 16);
        v128.store(st, p0, 32);
        v128.store(st, p1, 48);
        v128.store(st, d0, 64);
        v128.store(st, d1, 80);
        v128.store(st, m0, 96);
        v128.store(st, m1, 112);
      }
      t = end;
      if (c < checkpoints && t == load<i32>(checkpointsPtr + (<usize>c << 2))) {
        writeCheckpoint(statePtr, exposures, c, out, rowBytes);
        c++;
      }
    }
    writeFinal(statePtr, exposures, out, rowBytes);
  }
}

/**
 * Bootstrap trade model: each trade draws index k = ⌊u·n / 2³²⌋ into the sample of
 * `returns` returns and adds table[e·returns + k] = ln(1 + exposure_e · r_k), a table
 * the host computed once. Otherwise as simulateBinary.
 */
export function simulateBootstrap(
  seed: u32,
  pathStart: u32,
  paths: i32,
  trades: i32,
  returns: i32,
  exposures: i32,
  tablePtr: usize,
  checkpointsPtr: usize,
  checkpoints: i32,
  outPtr: usize,
  stride: i32,
  workPtr: usize,
): void {
  const drawPtr = workPtr + 128;
  const statePtr = drawPtr + <usize>(BLOCK * STEP_BYTES);
  const rowBytes = <usize>stride << 3;
  const n = i32x4.splat(returns);
  for (let base = 0; base < paths; base += 4) {
    seedLanes(seed, pathStart + <u32>base, workPtr);
    let s0 = v128.load(workPtr);
    let s1 = v128.load(workPtr, 16);
    let s2 = v128.load(workPtr, 32);
    let s3 = v128.load(workPtr, 48);
    const out = outPtr + (<usize>base << 3);
    if (exposures == 1) {
      bootstrapOneExposure(s0, s1, s2, s3, trades, returns, tablePtr, checkpointsPtr, checkpoints, out, rowBytes);
      continue;
    }
    clearState(statePtr, exposures);
    let t = 0;
    let c = 0;
    while (t < trades) {
      let end = min(t + BLOCK, trades);
      if (c < checkpoints) end = min(end, load<i32>(checkpointsPtr + (<usize>c << 2)));
      const steps = end - t;
      // Draw once: the byte offsets ⌊u·n / 2³²⌋·8 of the four paths' returns.
      for (let k = 0; k < steps; k++) {
        const r = i32x4.add(s0, s3);
        const u = i32x4.shl(s1, 9);
        s2 = v128.xor(s2, s0);
        s3 = v128.xor(s3, s1);
        s1 = v128.xor(s1, s2);
        s0 = v128.xor(s0, s3);
        s2 = v128.xor(s2, u);
        s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
        const lo = i64x2.extmul_low_i32x4_u(r, n);
        const hi = i64x2.extmul_high_i32x4_u(r, n);
        const index = v128.shuffle<i32>(lo, hi, 1, 3, 5, 7);
        v128.store(drawPtr + (<usize>k << 4), i32x4.shl(index, 3));
      }
      for (let e = 0; e < exposures; e++) {
        const st = statePtr + <usize>e * STATE_BYTES;
        const table = tablePtr + <usize>e * (<usize>returns << 3);
        let w0 = v128.load(st);
        let w1 = v128.load(st, 16);
        let p0 = v128.load(st, 32);
        let p1 = v128.load(st, 48);
        let d0 = v128.load(st, 64);
        let d1 = v128.load(st, 80);
        let m0 = v128.load(st, 96);
        let m1 = v128.load(st, 112);
        for (let k = 0; k < steps; k++) {
          const at = drawPtr + (<usize>k << 4);
          let x0 = v128.load64_zero(table + <usize>load<u32>(at));
          x0 = v128.load64_lane(table + <usize>load<u32>(at, 4), x0, 1);
          let x1 = v128.load64_zero(table + <usize>load<u32>(at, 8));
          x1 = v128.load64_lane(table + <usize>load<u32>(at, 12), x1, 1);
          w0 = f64x2.add(w0, x0);
          w1 = f64x2.add(w1, x1);
          p0 = f64x2.pmax(p0, w0);
          p1 = f64x2.pmax(p1, w1);
          d0 = f64x2.pmax(d0, f64x2.sub(p0, w0));
          d1 = f64x2.pmax(d1, f64x2.sub(p1, w1));
          m0 = f64x2.pmin(m0, w0);
          m1 = f64x2.pmin(m1, w1);
        }
        v128.store(st, w0);
        v128.store(st, w1, 16);
        v128.store(st, p0, 32);
        v128.store(st, p1, 48);
        v128.store(st, d0, 64);
        v128.store(st, d1, 80);
        v128.store(st, m0, 96);
        v128.store(st, m1, 112);
      }
      t = end;
      if (c < checkpoints && t == load<i32>(checkpointsPtr + (<usize>c << 2))) {
        writeCheckpoint(statePtr, exposures, c, out, rowBytes);
        c++;
      }
    }
    writeFinal(statePtr, exposures, out, rowBytes);
  }
}
