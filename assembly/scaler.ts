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
// The facade pads every column to a multiple of 8 rows, so the loop has no tail.

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

/** Looks up the codes in bytes `shift/8` and `shift/8 + 1` of `codes` (eight codes loaded at once). */
// @ts-ignore: decorator
@inline
export function lookupPacked(codes: u64, shift: u64, tablePtr: usize): v128 {
  const a = load<f64>(tablePtr + ((<usize>((codes >> shift) & 0xff)) << 3));
  const b = load<f64>(tablePtr + ((<usize>((codes >> (shift + 8)) & 0xff)) << 3));
  return f64x2.replace_lane(f64x2.splat(a), 1, b);
}

/** Sets `code` where not `ok`, keeping `status` elsewhere. Call codes from high to low, so the lowest wins. */
// @ts-ignore: decorator
@inline
export function unless(status: v128, ok: v128, code: i64): v128 {
  return v128.bitselect(status, i64x2.splat(code), ok);
}

/** Packs the low byte of each 64-bit lane of four status vectors (eight rows) into one 64-bit store. */
// @ts-ignore: decorator
@inline
export function storeStatus8(ptr: usize, s0: v128, s1: v128, s2: v128, s3: v128): void {
  const a = i8x16.shuffle(s0, s1, 0, 8, 16, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  const b = i8x16.shuffle(s2, s3, 0, 8, 16, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  v128.store64_lane(ptr, i8x16.shuffle(a, b, 0, 1, 2, 3, 16, 17, 18, 19, 0, 0, 0, 0, 0, 0, 0, 0), 0);
}

/** Scales the two rows at byte offset `at` (row index `i`), stores their values, returns their status. */
// @ts-ignore: decorator
@inline
function scalePair(
  positionPtr: usize,
  metaPtr: usize,
  banditPtr: usize,
  regime: v128,
  correlationPtr: usize,
  scaledPtr: usize,
  i: usize,
  lo: v128,
  hi: v128,
): v128 {
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const half = f64x2.splat(0.5);
  const floor = f64x2.splat(0.2);
  const at = i << 3;
  const position = v128.load(positionPtr + at);
  const meta = v128.load(metaPtr + at);
  const bandit = v128.load(banditPtr + at);
  const correlation = v128.load(correlationPtr + at);

  let x = f64x2.mul(position, f64x2.add(half, meta));
  x = f64x2.mul(x, f64x2.pmax(floor, bandit));
  x = f64x2.mul(x, regime);
  x = f64x2.mul(x, f64x2.pmax(floor, f64x2.sub(one, correlation)));
  x = f64x2.pmin(f64x2.pmax(x, lo), hi);

  const okPosition = isFinite2(position);
  const okMeta = inClosed(meta, zero, one);
  const okBandit = v128.and(f64x2.ge(bandit, zero), f64x2.lt(bandit, f64x2.splat(Infinity)));
  const okRegime = f64x2.eq(regime, regime);
  const okCorrelation = inClosed(correlation, zero, one);
  let status = i64x2.splat(0);
  status = unless(status, okCorrelation, 5);
  status = unless(status, okRegime, 4);
  status = unless(status, okBandit, 3);
  status = unless(status, okMeta, 2);
  status = unless(status, okPosition, 1);

  const ok = v128.and(v128.and(v128.and(okPosition, okMeta), v128.and(okBandit, okRegime)), okCorrelation);
  v128.store(scaledPtr + at, v128.and(x, ok));
  return status;
}

/**
 * Scales `n` rows (n a multiple of 8: the facade pads). `regimeTablePtr` holds 256 f64
 * regime factors (NaN = unknown code). Writes `scaledPtr[i]` and a status byte
 * `statusPtr[i]` for every row; eight rows per step, so the eight status bytes go out
 * in one store.
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
  const hi = f64x2.splat(maxPosition);
  const lo = f64x2.splat(-maxPosition);
  for (let i: usize = 0; i < n; i += 8) {
    const codes = load<u64>(regimePtr + i);
    const s0 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 0, regimeTablePtr), correlationPtr, scaledPtr, i, lo, hi);
    const s1 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 16, regimeTablePtr), correlationPtr, scaledPtr, i + 2, lo, hi);
    const s2 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 32, regimeTablePtr), correlationPtr, scaledPtr, i + 4, lo, hi);
    const s3 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 48, regimeTablePtr), correlationPtr, scaledPtr, i + 6, lo, hi);
    storeStatus8(statusPtr + i, s0, s1, s2, s3);
  }
}
