// The sizer's full layer stack over columns (PositionSizer.sizeBatch), two rows per step
// (f64x2), branch-free. The TypeScript twin is src/sizing/sizeColumnsTwin.ts; both must
// give identical results, and each row equals PositionSizer.size on the same inputs.
//
// risk = base × signal × conviction × volatility × regime × bandit × correlation × rl × drawdown,
// then clamp to [minRisk, maxRisk] when > 0 (0 stays 0), then ≤ maxLeverage × lossReturn.
//
// The plan (column pointers, which columns are present, tiers, tables, constants) sits in a
// parameter block the facade writes (src/sizing/batchPlan.ts holds the same layout). An
// absent column reads the block itself with a step of 0, and its layer is masked to 1.
// Status codes (lowest wins; a bad row's output is 0): 1 base risk, 2 confidence,
// 3 conviction, 4 volatility, 5 regime, 6 bandit weight, 7 correlation, 8 RL multiplier,
// 9 drawdown, 10 loss return. The facade pads every column to a multiple of 8 rows.

import { inClosed, isFinite2, lookup2, unless } from './scaler';

// u32 slots
const P_BASE = 0;
const P_CONFIDENCE = 4;
const P_CONVICTION = 8;
const P_VOLATILITY = 12;
const P_REGIME = 16;
const P_BANDIT = 20;
const P_CORRELATION = 24;
const P_RL = 28;
const P_DRAWDOWN = 32;
const P_LOSS = 36;
const P_OUT = 40;
const P_STATUS = 44;
const P_FLAGS = 48;
const P_SIGNAL_MODE = 52;
const P_VOL_MODE = 56;
const P_N_TIERS = 60;
const P_N_VOL_STEPS = 64;
const P_N_DD_STEPS = 68;
const P_CONVICTION_TABLE = 72;
const P_REGIME_TABLE = 76;
// f64 slots
const F_BELOW = 96;
const F_META_OFFSET = 104;
const F_META_MIN = 112;
const F_META_MAX = 120;
const F_VOL_TARGET = 128;
const F_VOL_MAX = 136;
const F_VOL_FLOOR = 144;
const F_BANDIT_FLOOR = 152;
const F_CORRELATION_FLOOR = 160;
const F_RL_MIN = 168;
const F_RL_MAX = 176;
const F_MIN_RISK = 184;
const F_MAX_RISK = 192;
const F_MAX_LEVERAGE = 200;
const F_TIERS = 208; // 8 × (min, multiplier), ascending by min
const F_VOL_STEPS = 336; // 8 × (above, multiplier), ascending by above
const F_DD_STEPS = 464; // 8 × (above, multiplier), ascending by above

// @ts-ignore: decorator
@inline
function present(flags: u32, bit: u32): bool {
  return (flags & (1 << bit)) != 0;
}

// @ts-ignore: decorator
@inline
function mask(on: bool): v128 {
  return i64x2.splat(on ? -1 : 0);
}

// @ts-ignore: decorator
@inline
function column(params: usize, slot: usize, on: bool): usize {
  return on ? <usize>load<u32>(params + slot) : params;
}

/** Step functions: the multiplier of the last step whose threshold x exceeds (`strict`) or reaches. */
// @ts-ignore: decorator
@inline
function steps(x: v128, start: v128, table: usize, count: u32, strict: bool): v128 {
  let m = start;
  for (let k: u32 = 0; k < count; k++) {
    const at = table + ((<usize>k) << 4);
    const threshold = f64x2.splat(load<f64>(at));
    const hit = strict ? f64x2.gt(x, threshold) : f64x2.ge(x, threshold);
    m = v128.bitselect(f64x2.splat(load<f64>(at, 8)), m, hit);
  }
  return m;
}

/** Sizes `n` rows (n even) described by the parameter block at `params`. */
export function sizeColumns(params: usize, n: usize): void {
  const flags = load<u32>(params + P_FLAGS);
  const hasConfidence = present(flags, 1);
  const hasConviction = present(flags, 2);
  const hasVolatility = present(flags, 3);
  const hasRegime = present(flags, 4);
  const hasBandit = present(flags, 5);
  const hasCorrelation = present(flags, 6);
  const hasRl = present(flags, 7);
  const hasDrawdown = present(flags, 8);
  const hasLoss = present(flags, 9);

  let pBase = <usize>load<u32>(params + P_BASE);
  let pConfidence = column(params, P_CONFIDENCE, hasConfidence);
  let pConviction = column(params, P_CONVICTION, hasConviction);
  let pVolatility = column(params, P_VOLATILITY, hasVolatility);
  let pRegime = column(params, P_REGIME, hasRegime);
  let pBandit = column(params, P_BANDIT, hasBandit);
  let pCorrelation = column(params, P_CORRELATION, hasCorrelation);
  let pRl = column(params, P_RL, hasRl);
  let pDrawdown = column(params, P_DRAWDOWN, hasDrawdown);
  let pLoss = column(params, P_LOSS, hasLoss);
  let pOut = <usize>load<u32>(params + P_OUT);
  let pStatus = <usize>load<u32>(params + P_STATUS);
  const sConfidence: usize = hasConfidence ? 16 : 0;
  const sConviction: usize = hasConviction ? 2 : 0;
  const sVolatility: usize = hasVolatility ? 16 : 0;
  const sRegime: usize = hasRegime ? 2 : 0;
  const sBandit: usize = hasBandit ? 16 : 0;
  const sCorrelation: usize = hasCorrelation ? 16 : 0;
  const sRl: usize = hasRl ? 16 : 0;
  const sDrawdown: usize = hasDrawdown ? 16 : 0;
  const sLoss: usize = hasLoss ? 16 : 0;

  const mConfidence = mask(hasConfidence);
  const mConviction = mask(hasConviction);
  const mVolatility = mask(hasVolatility);
  const mRegime = mask(hasRegime);
  const mBandit = mask(hasBandit);
  const mCorrelation = mask(hasCorrelation);
  const mRl = mask(hasRl);
  const mDrawdown = mask(hasDrawdown);
  const mLoss = mask(hasLoss);
  const aConfidence = v128.not(mConfidence);
  const aConviction = v128.not(mConviction);
  const aVolatility = v128.not(mVolatility);
  const aRegime = v128.not(mRegime);
  const aBandit = v128.not(mBandit);
  const aCorrelation = v128.not(mCorrelation);
  const aRl = v128.not(mRl);
  const aDrawdown = v128.not(mDrawdown);
  const aLoss = v128.not(mLoss);
  const metaMode = mask(load<u32>(params + P_SIGNAL_MODE) == 1);
  const targetMode = mask(load<u32>(params + P_VOL_MODE) == 1);
  const nTiers = load<u32>(params + P_N_TIERS);
  const nVolSteps = load<u32>(params + P_N_VOL_STEPS);
  const nDdSteps = load<u32>(params + P_N_DD_STEPS);
  const convictionTable = <usize>load<u32>(params + P_CONVICTION_TABLE);
  const regimeTable = <usize>load<u32>(params + P_REGIME_TABLE);

  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const inf = f64x2.splat(Infinity);
  const below = f64x2.splat(load<f64>(params + F_BELOW));
  const metaOffset = f64x2.splat(load<f64>(params + F_META_OFFSET));
  const metaMin = f64x2.splat(load<f64>(params + F_META_MIN));
  const metaMax = f64x2.splat(load<f64>(params + F_META_MAX));
  const volTarget = f64x2.splat(load<f64>(params + F_VOL_TARGET));
  const volMax = f64x2.splat(load<f64>(params + F_VOL_MAX));
  const volFloor = f64x2.splat(load<f64>(params + F_VOL_FLOOR));
  const banditFloor = f64x2.splat(load<f64>(params + F_BANDIT_FLOOR));
  const correlationFloor = f64x2.splat(load<f64>(params + F_CORRELATION_FLOOR));
  const rlMin = f64x2.splat(load<f64>(params + F_RL_MIN));
  const rlMax = f64x2.splat(load<f64>(params + F_RL_MAX));
  const minRisk = f64x2.splat(load<f64>(params + F_MIN_RISK));
  const maxRisk = f64x2.splat(load<f64>(params + F_MAX_RISK));
  const maxLeverage = f64x2.splat(load<f64>(params + F_MAX_LEVERAGE));

  for (let i: usize = 0; i < n; i += 8) {
    // Eight rows per step, two at a time; their eight status bytes go out in one store.
    let packed: u64 = 0;
    for (let k: u64 = 0; k < 64; k += 16) {
      const base = v128.load(pBase);
      const confidence = v128.load(pConfidence);
      const conviction = lookup2(pConviction, convictionTable);
      const volatility = v128.load(pVolatility);
      const regime = lookup2(pRegime, regimeTable);
      const bandit = v128.load(pBandit);
      const correlation = v128.load(pCorrelation);
      const rl = v128.load(pRl);
      const drawdown = v128.load(pDrawdown);
      const loss = v128.load(pLoss);

      const tiers = steps(confidence, below, params + F_TIERS, nTiers, false);
      const meta = f64x2.pmin(f64x2.pmax(f64x2.add(metaOffset, confidence), metaMin), metaMax);
      const signal = v128.bitselect(v128.bitselect(meta, tiers, metaMode), one, mConfidence);
      const byRatio = steps(volatility, one, params + F_VOL_STEPS, nVolSteps, true);
      const byTarget = f64x2.pmin(volMax, f64x2.div(volTarget, f64x2.pmax(volatility, volFloor)));
      const vol = v128.bitselect(v128.bitselect(byTarget, byRatio, targetMode), one, mVolatility);
      const dd = v128.bitselect(steps(drawdown, one, params + F_DD_STEPS, nDdSteps, true), one, mDrawdown);

      let r = f64x2.mul(base, signal);
      r = f64x2.mul(r, v128.bitselect(conviction, one, mConviction));
      r = f64x2.mul(r, vol);
      r = f64x2.mul(r, v128.bitselect(regime, one, mRegime));
      r = f64x2.mul(r, v128.bitselect(f64x2.pmax(banditFloor, bandit), one, mBandit));
      r = f64x2.mul(r, v128.bitselect(f64x2.pmax(correlationFloor, f64x2.sub(one, correlation)), one, mCorrelation));
      r = f64x2.mul(r, v128.bitselect(f64x2.pmin(f64x2.pmax(rl, rlMin), rlMax), one, mRl));
      r = f64x2.mul(r, dd);
      r = v128.bitselect(f64x2.pmin(f64x2.pmax(r, minRisk), maxRisk), zero, f64x2.gt(r, zero));
      r = f64x2.pmin(r, v128.bitselect(f64x2.mul(maxLeverage, loss), inf, mLoss));

      // ok masks: an absent column is always ok (its mask is all zeros, so `absent` is all ones).
      const okBase = v128.and(f64x2.ge(base, zero), f64x2.lt(base, inf));
      const okConfidence = v128.or(inClosed(confidence, zero, one), aConfidence);
      const okConviction = v128.or(f64x2.eq(conviction, conviction), aConviction);
      const okVolatility = v128.or(v128.and(f64x2.ge(volatility, zero), f64x2.lt(volatility, inf)), aVolatility);
      const okRegime = v128.or(f64x2.eq(regime, regime), aRegime);
      const okBandit = v128.or(v128.and(f64x2.ge(bandit, zero), f64x2.lt(bandit, inf)), aBandit);
      const okCorrelation = v128.or(inClosed(correlation, zero, one), aCorrelation);
      const okRl = v128.or(isFinite2(rl), aRl);
      const okDrawdown = v128.or(inClosed(drawdown, zero, one), aDrawdown);
      const okLoss = v128.or(v128.and(f64x2.gt(loss, zero), f64x2.lt(loss, inf)), aLoss);
      let status = i64x2.splat(0);
      status = unless(status, okLoss, 10);
      status = unless(status, okDrawdown, 9);
      status = unless(status, okRl, 8);
      status = unless(status, okCorrelation, 7);
      status = unless(status, okBandit, 6);
      status = unless(status, okRegime, 5);
      status = unless(status, okVolatility, 4);
      status = unless(status, okConviction, 3);
      status = unless(status, okConfidence, 2);
      status = unless(status, okBase, 1);

      v128.store(pOut, v128.andnot(r, i64x2.ne(status, zero)));
      packed |= (i64x2.extract_lane(status, 0) | (i64x2.extract_lane(status, 1) << 8)) << k;

      pBase += 16;
      pConfidence += sConfidence;
      pConviction += sConviction;
      pVolatility += sVolatility;
      pRegime += sRegime;
      pBandit += sBandit;
      pCorrelation += sCorrelation;
      pRl += sRl;
      pDrawdown += sDrawdown;
      pLoss += sLoss;
      pOut += 16;
    }
    store<u64>(pStatus, packed);
    pStatus += 8;
  }
}
