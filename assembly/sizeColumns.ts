// The sizer's full layer stack over columns (PositionSizer.sizeBatch), two rows per step
// (f64x2). Facade: src/sizing/sizeColumns.ts; TypeScript twin: src/sizing/sizeColumnsTwin.ts;
// both must give identical results, and each row equals PositionSizer.size on the same inputs.
//
// risk = base × signal × conviction × volatility × regime × scaling × bandit × correlation × rl × drawdown,
// then clamp to [minRisk, maxRisk] when ≥ 2⁻¹⁰²² (below it, 0 included, 0: no trade), then ≤ maxLeverage × lossReturn.
//
// The plan (column pointers, which columns are present, tiers, tables, constants) sits in a
// parameter block the facade writes; its offsets come from ./sizeColumnsParams, generated
// from the facade's declaration (src/sizing/sizeColumnsParams.ts). Branches only on what is
// the same for every row (which columns are present, the two modes), so they are always
// predicted; the work per row is branch-free. Status codes (lowest wins; a bad row's output
// is 0): 1 base risk, 2 confidence, 3 conviction, 4 volatility, 5 regime, 6 bandit weight,
// 7 correlation, 8 RL multiplier, 9 drawdown, 10 loss return, 11 scaling (added after the
// others, so its code is the last though its layer follows the regime's). Eight rows per step (the
// facade pads every column to a multiple of 8): when all eight are valid — the usual case —
// their statuses are one zero store; otherwise `statuses8` works out each row's code.

import { finiteNonNegative2, inClosed, isFinite2, lookup2 } from './simdRows';
import {
  BIT_BANDIT_WEIGHT,
  BIT_CONFIDENCE,
  BIT_CONVICTION,
  BIT_CORRELATION,
  BIT_DRAWDOWN,
  BIT_LOSS_RETURN,
  BIT_REGIME,
  BIT_RL_MULTIPLIER,
  BIT_SCALING,
  BIT_VOLATILITY,
  PARAM_BANDIT_FLOOR,
  PARAM_BANDIT_WEIGHT,
  PARAM_BASE_RISK,
  PARAM_BELOW_TIERS,
  PARAM_CONFIDENCE,
  PARAM_CONVICTION,
  PARAM_CONVICTION_TABLE,
  PARAM_CORRELATION,
  PARAM_CORRELATION_FLOOR,
  PARAM_DRAWDOWN,
  PARAM_DRAWDOWN_STEP_COUNT,
  PARAM_DRAWDOWN_STEPS,
  PARAM_FLAGS,
  PARAM_LOSS_RETURN,
  PARAM_MAX_LEVERAGE,
  PARAM_MAX_RISK,
  PARAM_META_MAX,
  PARAM_META_MIN,
  PARAM_META_OFFSET,
  PARAM_MIN_RISK,
  PARAM_OUT,
  PARAM_REGIME,
  PARAM_REGIME_TABLE,
  PARAM_RL_MAX,
  PARAM_RL_MIN,
  PARAM_RL_MULTIPLIER,
  PARAM_SCALING,
  PARAM_SIGNAL_MODE,
  PARAM_STATUS,
  PARAM_TIER_COUNT,
  PARAM_TIERS,
  PARAM_VOL_FLOOR,
  PARAM_VOL_MAX_MULTIPLIER,
  PARAM_VOL_MODE,
  PARAM_VOL_STEP_COUNT,
  PARAM_VOL_STEPS,
  PARAM_VOL_TARGET,
  PARAM_VOLATILITY,
} from './sizeColumnsParams';

// @ts-ignore: decorator
@inline
function present(flags: u32, bit: u32): bool {
  return (flags & (1 << bit)) != 0;
}

// @ts-ignore: decorator
@inline
function pointer(params: usize, slot: usize): usize {
  return <usize>load<u32>(params + slot);
}

/** Step functions: the multiplier of the last step whose threshold x exceeds (`strict`) or reaches. */
// @ts-ignore: decorator
@inline
function steps(x: v128, start: v128, table: usize, count: u32, strict: bool): v128 {
  let m = start;
  for (let k: u32 = 0; k < count; k++) {
    const at = table + ((<usize>k) << 4);
    const threshold = v128.load64_splat(at);
    const hit = strict ? f64x2.gt(x, threshold) : f64x2.ge(x, threshold);
    m = v128.bitselect(v128.load64_splat(at, 8), m, hit);
  }
  return m;
}

/** Sizes `n` rows (n a multiple of 8) described by the parameter block at `params`. */
export function sizeColumns(params: usize, n: usize): void {
  const flags = load<u32>(params + PARAM_FLAGS);
  const hasConfidence = present(flags, BIT_CONFIDENCE);
  const hasConviction = present(flags, BIT_CONVICTION);
  const hasVolatility = present(flags, BIT_VOLATILITY);
  const hasRegime = present(flags, BIT_REGIME);
  const hasScaling = present(flags, BIT_SCALING);
  const hasBandit = present(flags, BIT_BANDIT_WEIGHT);
  const hasCorrelation = present(flags, BIT_CORRELATION);
  const hasRl = present(flags, BIT_RL_MULTIPLIER);
  const hasDrawdown = present(flags, BIT_DRAWDOWN);
  const hasLoss = present(flags, BIT_LOSS_RETURN);
  const pBase = pointer(params, PARAM_BASE_RISK);
  const pConfidence = pointer(params, PARAM_CONFIDENCE);
  const pConviction = pointer(params, PARAM_CONVICTION);
  const pVolatility = pointer(params, PARAM_VOLATILITY);
  const pRegime = pointer(params, PARAM_REGIME);
  const pScaling = pointer(params, PARAM_SCALING);
  const pBandit = pointer(params, PARAM_BANDIT_WEIGHT);
  const pCorrelation = pointer(params, PARAM_CORRELATION);
  const pRl = pointer(params, PARAM_RL_MULTIPLIER);
  const pDrawdown = pointer(params, PARAM_DRAWDOWN);
  const pLoss = pointer(params, PARAM_LOSS_RETURN);
  const pOut = pointer(params, PARAM_OUT);
  const pStatus = pointer(params, PARAM_STATUS);
  const convictionTable = pointer(params, PARAM_CONVICTION_TABLE);
  const regimeTable = pointer(params, PARAM_REGIME_TABLE);
  const metaMode = load<u32>(params + PARAM_SIGNAL_MODE) == 1;
  const targetMode = load<u32>(params + PARAM_VOL_MODE) == 1;
  const nTiers = load<u32>(params + PARAM_TIER_COUNT);
  const nVolSteps = load<u32>(params + PARAM_VOL_STEP_COUNT);
  const nDdSteps = load<u32>(params + PARAM_DRAWDOWN_STEP_COUNT);

  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const minRiskFraction = f64x2.splat(2.2250738585072014e-308); // 2⁻¹⁰²², MIN_RISK_FRACTION in src/sizing/layerMath.ts
  const below = v128.load64_splat(params + PARAM_BELOW_TIERS);
  const metaOffset = v128.load64_splat(params + PARAM_META_OFFSET);
  const metaMin = v128.load64_splat(params + PARAM_META_MIN);
  const metaMax = v128.load64_splat(params + PARAM_META_MAX);
  const volTarget = v128.load64_splat(params + PARAM_VOL_TARGET);
  const volMax = v128.load64_splat(params + PARAM_VOL_MAX_MULTIPLIER);
  const volFloor = v128.load64_splat(params + PARAM_VOL_FLOOR);
  const banditFloor = v128.load64_splat(params + PARAM_BANDIT_FLOOR);
  const correlationFloor = v128.load64_splat(params + PARAM_CORRELATION_FLOOR);
  const rlMin = v128.load64_splat(params + PARAM_RL_MIN);
  const rlMax = v128.load64_splat(params + PARAM_RL_MAX);
  const minRisk = v128.load64_splat(params + PARAM_MIN_RISK);
  const maxRisk = v128.load64_splat(params + PARAM_MAX_RISK);
  const maxLeverage = v128.load64_splat(params + PARAM_MAX_LEVERAGE);

  for (let i: usize = 0; i < n; i += 8) {
    let okAll = i64x2.splat(-1);
    for (let row = i; row < i + 8; row += 2) {
      const at = row << 3;
      const base = v128.load(pBase + at);
      let r = base;
      let ok = finiteNonNegative2(base);
      if (hasConfidence) {
        const confidence = v128.load(pConfidence + at);
        const signal = metaMode
          ? f64x2.pmin(f64x2.pmax(f64x2.add(metaOffset, confidence), metaMin), metaMax)
          : steps(confidence, below, params + PARAM_TIERS, nTiers, false);
        r = f64x2.mul(r, signal);
        ok = v128.and(ok, inClosed(confidence, zero, one));
      }
      if (hasConviction) {
        const conviction = lookup2(pConviction + row, convictionTable);
        r = f64x2.mul(r, conviction);
        ok = v128.and(ok, f64x2.eq(conviction, conviction));
      }
      if (hasVolatility) {
        const volatility = v128.load(pVolatility + at);
        const vol = targetMode
          ? f64x2.pmin(volMax, f64x2.div(volTarget, f64x2.pmax(volatility, volFloor)))
          : steps(volatility, one, params + PARAM_VOL_STEPS, nVolSteps, true);
        r = f64x2.mul(r, vol);
        ok = v128.and(ok, finiteNonNegative2(volatility));
      }
      if (hasRegime) {
        const regime = lookup2(pRegime + row, regimeTable);
        r = f64x2.mul(r, regime);
        ok = v128.and(ok, f64x2.eq(regime, regime));
      }
      if (hasScaling) {
        const scaling = v128.load(pScaling + at);
        r = f64x2.mul(r, scaling);
        ok = v128.and(ok, v128.and(f64x2.gt(scaling, zero), f64x2.le(scaling, one)));
      }
      if (hasBandit) {
        const bandit = v128.load(pBandit + at);
        r = f64x2.mul(r, f64x2.pmax(banditFloor, bandit));
        ok = v128.and(ok, finiteNonNegative2(bandit));
      }
      if (hasCorrelation) {
        const correlation = v128.load(pCorrelation + at);
        r = f64x2.mul(r, f64x2.pmax(correlationFloor, f64x2.sub(one, correlation)));
        ok = v128.and(ok, inClosed(correlation, zero, one));
      }
      if (hasRl) {
        const rl = v128.load(pRl + at);
        r = f64x2.mul(r, f64x2.pmin(f64x2.pmax(rl, rlMin), rlMax));
        ok = v128.and(ok, isFinite2(rl));
      }
      if (hasDrawdown) {
        const drawdown = v128.load(pDrawdown + at);
        r = f64x2.mul(r, steps(drawdown, one, params + PARAM_DRAWDOWN_STEPS, nDdSteps, true));
        ok = v128.and(ok, inClosed(drawdown, zero, one));
      }
      r = v128.bitselect(f64x2.pmin(f64x2.pmax(r, minRisk), maxRisk), zero, f64x2.ge(r, minRiskFraction));
      if (hasLoss) {
        const loss = v128.load(pLoss + at);
        r = f64x2.pmin(r, f64x2.mul(maxLeverage, loss));
        ok = v128.and(ok, v128.and(f64x2.gt(loss, zero), f64x2.lt(loss, f64x2.splat(Infinity))));
      }
      v128.store(pOut + at, v128.and(r, ok));
      okAll = v128.and(okAll, ok);
    }
    if (i64x2.all_true(okAll)) store<u64>(pStatus + i, 0);
    else statuses8(params, flags, pStatus, i);
  }
}

// ---- the rare path: a step of eight rows with a bad one

// @ts-ignore: decorator
@inline
function valueAt(params: usize, slot: usize, i: usize): f64 {
  return load<f64>(pointer(params, slot) + (i << 3));
}

// @ts-ignore: decorator
@inline
function factorAt(params: usize, slot: usize, table: usize, i: usize): f64 {
  return load<f64>(pointer(params, table) + ((<usize>load<u8>(pointer(params, slot) + i)) << 3));
}

// @ts-ignore: decorator
@inline
function inUnit(x: f64): bool {
  return x >= 0 && x <= 1;
}

// @ts-ignore: decorator
@inline
function finiteNonNegative(x: f64): bool {
  return x >= 0 && x < Infinity;
}

/** Row i's status: 0 ok, else the lowest code among its bad columns (the checks run in the codes' order). */
function rowStatus(params: usize, flags: u32, i: usize): u64 {
  if (!finiteNonNegative(valueAt(params, PARAM_BASE_RISK, i))) return 1;
  if (present(flags, BIT_CONFIDENCE) && !inUnit(valueAt(params, PARAM_CONFIDENCE, i))) return 2;
  if (present(flags, BIT_CONVICTION) && isNaN(factorAt(params, PARAM_CONVICTION, PARAM_CONVICTION_TABLE, i))) return 3;
  if (present(flags, BIT_VOLATILITY) && !finiteNonNegative(valueAt(params, PARAM_VOLATILITY, i))) return 4;
  if (present(flags, BIT_REGIME) && isNaN(factorAt(params, PARAM_REGIME, PARAM_REGIME_TABLE, i))) return 5;
  if (present(flags, BIT_BANDIT_WEIGHT) && !finiteNonNegative(valueAt(params, PARAM_BANDIT_WEIGHT, i))) return 6;
  if (present(flags, BIT_CORRELATION) && !inUnit(valueAt(params, PARAM_CORRELATION, i))) return 7;
  if (present(flags, BIT_RL_MULTIPLIER) && !isFinite(valueAt(params, PARAM_RL_MULTIPLIER, i))) return 8;
  if (present(flags, BIT_DRAWDOWN) && !inUnit(valueAt(params, PARAM_DRAWDOWN, i))) return 9;
  if (present(flags, BIT_LOSS_RETURN)) {
    const loss = valueAt(params, PARAM_LOSS_RETURN, i);
    if (!(loss > 0 && loss < Infinity)) return 10;
  }
  if (present(flags, BIT_SCALING)) {
    const scaling = valueAt(params, PARAM_SCALING, i);
    if (!(scaling > 0 && scaling <= 1)) return 11;
  }
  return 0;
}

/** Stores the status bytes of rows i … i + 7. */
function statuses8(params: usize, flags: u32, statusPtr: usize, i: usize): void {
  let packed: u64 = 0;
  for (let k: usize = 0; k < 8; k++) packed |= rowStatus(params, flags, i + k) << (<u64>k << 3);
  store<u64>(statusPtr + i, packed);
}
