// SIMD helpers of the row kernels (scalePositions, sizeColumns): two f64 rows per v128,
// per-lane validity masks, u8 code → f64 factor lookups, and row status bytes.

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

/** Per-lane mask of a finite x ≥ 0. */
// @ts-ignore: decorator
@inline
export function finiteNonNegative2(x: v128): v128 {
  return v128.and(f64x2.ge(x, f64x2.splat(0)), f64x2.lt(x, f64x2.splat(Infinity)));
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
