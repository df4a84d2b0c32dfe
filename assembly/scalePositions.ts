// The seeds' Module Y position scaler over columns, two rows per step (f64x2).
// Facade: src/sizing/scalePositions.ts; TypeScript twin: src/sizing/scalePositionsTwin.ts;
// both must give identical results.
//
// scaled = clip(position × (0.5 + metaProbability) × max(0.2, banditWeight) × regimeFactor
//               × max(0.2, 1 − correlationPenalty), ±maxPosition)
//
// Validation happens here, per row, as a status code (checking a million rows in JS
// would cost more than the scaling): 0 ok, 1 position not finite, 2 metaProbability
// outside [0, 1], 3 banditWeight not finite or < 0, 4 regime code without a factor,
// 5 correlationPenalty outside [0, 1]. The lowest code wins; a bad row's output is 0.
//
// Eight rows per step (the facade pads every column to a multiple of 8, so there is no
// tail). The arithmetic and the validity masks are branch-free; when all eight rows are
// valid — the usual case — their statuses are one zero store, and only a step with a bad
// row works out which code each row gets (`statusPair`).

import { finiteNonNegative2, inClosed, isFinite2, lookupPacked, storeStatus8, unless } from './simdRows';

/** Scales the two rows at row `i`, stores their values (0 for a bad row), returns their validity mask. */
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
  const floor = f64x2.splat(0.2);
  const at = i << 3;
  const position = v128.load(positionPtr + at);
  const meta = v128.load(metaPtr + at);
  const bandit = v128.load(banditPtr + at);
  const correlation = v128.load(correlationPtr + at);

  let x = f64x2.mul(position, f64x2.add(f64x2.splat(0.5), meta));
  x = f64x2.mul(x, f64x2.pmax(floor, bandit));
  x = f64x2.mul(x, regime);
  x = f64x2.mul(x, f64x2.pmax(floor, f64x2.sub(one, correlation)));
  x = f64x2.pmin(f64x2.pmax(x, lo), hi);

  const ok = v128.and(
    v128.and(v128.and(isFinite2(position), inClosed(meta, zero, one)), v128.and(finiteNonNegative2(bandit), f64x2.eq(regime, regime))),
    inClosed(correlation, zero, one),
  );
  v128.store(scaledPtr + at, v128.and(x, ok));
  return ok;
}

/** The status codes of the two rows at row `i` (the lowest failing column's code). */
// @ts-ignore: decorator
@inline
function statusPair(positionPtr: usize, metaPtr: usize, banditPtr: usize, regime: v128, correlationPtr: usize, i: usize): v128 {
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const at = i << 3;
  let status = i64x2.splat(0);
  status = unless(status, inClosed(v128.load(correlationPtr + at), zero, one), 5);
  status = unless(status, f64x2.eq(regime, regime), 4);
  status = unless(status, finiteNonNegative2(v128.load(banditPtr + at)), 3);
  status = unless(status, inClosed(v128.load(metaPtr + at), zero, one), 2);
  status = unless(status, isFinite2(v128.load(positionPtr + at)), 1);
  return status;
}

/** The eight status bytes of rows i … i + 7, when some row among them is bad. */
function statuses8(
  positionPtr: usize,
  metaPtr: usize,
  banditPtr: usize,
  regimePtr: usize,
  correlationPtr: usize,
  regimeTablePtr: usize,
  statusPtr: usize,
  i: usize,
): void {
  const codes = load<u64>(regimePtr + i);
  storeStatus8(
    statusPtr + i,
    statusPair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 0, regimeTablePtr), correlationPtr, i),
    statusPair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 16, regimeTablePtr), correlationPtr, i + 2),
    statusPair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 32, regimeTablePtr), correlationPtr, i + 4),
    statusPair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 48, regimeTablePtr), correlationPtr, i + 6),
  );
}

/**
 * Scales `n` rows (n a multiple of 8: the facade pads). `regimeTablePtr` holds 256 f64
 * regime factors (NaN = unknown code). Writes `scaledPtr[i]` and a status byte
 * `statusPtr[i]` for every row.
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
    const ok0 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 0, regimeTablePtr), correlationPtr, scaledPtr, i, lo, hi);
    const ok1 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 16, regimeTablePtr), correlationPtr, scaledPtr, i + 2, lo, hi);
    const ok2 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 32, regimeTablePtr), correlationPtr, scaledPtr, i + 4, lo, hi);
    const ok3 = scalePair(positionPtr, metaPtr, banditPtr, lookupPacked(codes, 48, regimeTablePtr), correlationPtr, scaledPtr, i + 6, lo, hi);
    if (i64x2.all_true(v128.and(v128.and(ok0, ok1), v128.and(ok2, ok3)))) {
      store<u64>(statusPtr + i, 0);
    } else {
      statuses8(positionPtr, metaPtr, banditPtr, regimePtr, correlationPtr, regimeTablePtr, statusPtr, i);
    }
  }
}
