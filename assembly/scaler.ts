// The seeds' Module Y position scaler over columns, two rows per step (f64x2), branch-free.
// The TypeScript twin is src/sizing/scalePositionsTwin.ts; both must give identical results.
//
// scaled = clip(position × (0.5 + metaProbability) × max(0.2, banditWeight) × regimeFactor
//               × max(0.2, 1 − correlationPenalty), ±maxPosition)
//
// Validation happens here, per row, as a status code (checking a million rows in JS
// would cost more than the scaling): 0 ok, 1 position not finite, 2 metaProbability
// outside [0, 1], 3 banditWeight not finite or < 0, 4 regime code without a factor,
// 5 correlationPenalty outside [0, 1]. The lowest code wins; a bad row's output is 0.
//
// The facade pads every column to an even number of rows, so the loop has no tail.

/** Per-lane mask of x ∈ [lo, hi] (false for NaN). */
// @ts-ignore: decorator
@inline
export function inClosed(x: v128, lo: v128, hi: v128): v128 {
  return v128.and(f64x2.ge(x, lo), f64x2.le(x, hi));
}

/** Per-lane mask of a finite x. */
// @ts-ignore: decorator
@inline
export function isFinite2(x: v128): v128 {
  return f64x2.lt(f64x2.abs(x), f64x2.splat(Infinity));
}

/** Looks up two u8 codes at `codePtr` in a 256-entry f64 table (NaN marks a code without a factor). */
// @ts-ignore: decorator
@inline
export function lookup2(codePtr: usize, tablePtr: usize): v128 {
  const a = load<f64>(tablePtr + ((<usize>load<u8>(codePtr)) << 3));
  const b = load<f64>(tablePtr + ((<usize>load<u8>(codePtr, 1)) << 3));
  return f64x2.replace_lane(f64x2.splat(a), 1, b);
}

/** Keeps `status` where it is already set lower, else sets `code` where `bad`. Call codes from high to low. */
// @ts-ignore: decorator
@inline
export function flag(status: v128, bad: v128, code: i64): v128 {
  return v128.bitselect(i64x2.splat(code), status, bad);
}

/** Writes the two lanes of a status vector as u8 at `ptr`. */
// @ts-ignore: decorator
@inline
export function storeStatus2(ptr: usize, status: v128): void {
  store<u8>(ptr, <u8>i64x2.extract_lane(status, 0));
  store<u8>(ptr, <u8>i64x2.extract_lane(status, 1), 1);
}

/**
 * Scales `n` rows (n even). `regimeTablePtr` holds 256 f64 regime factors (NaN = unknown code).
 * Writes `scaledPtr[i]` and a status byte `statusPtr[i]` for every row.
 */
export function scalePositions(
  positionPtr: usize,
  metaPtr: usize,
  banditPtr: usize,
  regimePtr: usize,
  correlationPtr: usize,
  regimeTablePtr: usize,
  maxPosition: f64,
  scaledPtr: usize,
  statusPtr: usize,
  n: usize,
): void {
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const half = f64x2.splat(0.5);
  const floor = f64x2.splat(0.2);
  const hi = f64x2.splat(maxPosition);
  const lo = f64x2.splat(-maxPosition);
  for (let i: usize = 0; i < n; i += 2) {
    const at = i << 3;
    const position = v128.load(positionPtr + at);
    const meta = v128.load(metaPtr + at);
    const bandit = v128.load(banditPtr + at);
    const correlation = v128.load(correlationPtr + at);
    const regime = lookup2(regimePtr + i, regimeTablePtr);

    let x = f64x2.mul(position, f64x2.add(half, meta));
    x = f64x2.mul(x, f64x2.pmax(floor, bandit));
    x = f64x2.mul(x, regime);
    x = f64x2.mul(x, f64x2.pmax(floor, f64x2.sub(one, correlation)));
    x = f64x2.pmin(f64x2.pmax(x, lo), hi);

    const badPosition = v128.not(isFinite2(position));
    const badMeta = v128.not(inClosed(meta, zero, one));
    const badBandit = v128.not(v128.and(f64x2.ge(bandit, zero), isFinite2(bandit)));
    const badRegime = f64x2.ne(regime, regime);
    const badCorrelation = v128.not(inClosed(correlation, zero, one));
    let status = i64x2.splat(0);
    status = flag(status, badCorrelation, 5);
    status = flag(status, badRegime, 4);
    status = flag(status, badBandit, 3);
    status = flag(status, badMeta, 2);
    status = flag(status, badPosition, 1);

    const bad = v128.or(v128.or(v128.or(badPosition, badMeta), v128.or(badBandit, badRegime)), badCorrelation);
    v128.store(scaledPtr + at, v128.bitselect(zero, x, bad));
    storeStatus2(statusPtr + i, status);
  }
}
