import {
  banditMultiplier,
  boundRisk,
  correlationMultiplier,
  drawdownMultiplier,
  rlClamp,
  signalMultiplier,
  volatilityMultiplier,
  type BatchPlan,
} from './batchPlan.js';

/** Columns of a sizing batch: one row per signal. Only `baseRisk` is required; an absent column leaves its layer out. */
export interface ScalerColumns {
  /** Base risk fraction per row (e.g. fractional Kelly, or the fallback), finite and ≥ 0. */
  baseRisk: ArrayLike<number>;
  /** Confidence or meta-probability in [0, 1], read as the config's signalQuality.method says. */
  confidence?: ArrayLike<number>;
  /** Conviction code per row (`sizer.codes.conviction`; 0 = none). */
  conviction?: ArrayLike<number>;
  /** ATR ratio (atrRatio method) or ATR ÷ price (target method), finite and ≥ 0. */
  volatility?: ArrayLike<number>;
  /** Regime code per row (`sizer.codes.regime`, REGIME_CODES for the standard five). */
  regime?: ArrayLike<number>;
  /** Bandit weight, finite and ≥ 0. */
  banditWeight?: ArrayLike<number>;
  /** Correlation penalty in [0, 1]. */
  correlation?: ArrayLike<number>;
  /** RL size multiplier, finite (clamped to the config's range). */
  rlMultiplier?: ArrayLike<number>;
  /** Account drawdown in [0, 1]. */
  drawdown?: ArrayLike<number>;
  /** Loss per unit of exposure (stop ÷ price, or the average loss), > 0: the leverage cap is maxLeverage × this. */
  lossReturn?: ArrayLike<number>;
}

/** Row status codes of `sizeBatch` (0 = ok; the lowest failing column's code wins). */
export const BATCH_STATUS = Object.freeze({
  OK: 0,
  BASE_RISK: 1,
  CONFIDENCE: 2,
  CONVICTION: 3,
  VOLATILITY: 4,
  REGIME: 5,
  BANDIT_WEIGHT: 6,
  CORRELATION: 7,
  RL_MULTIPLIER: 8,
  DRAWDOWN: 9,
  LOSS_RETURN: 10,
});

const inUnit = (x: number) => x >= 0 && x <= 1;
const finiteNonNegative = (x: number) => x >= 0 && Math.abs(x) < Infinity;

/**
 * The plain TypeScript twin of the `sizeColumns` kernel (assembly/scalerLayers.ts): the
 * same layers, in the same order, with the same status codes, one row at a time. It is
 * the test oracle for the kernel and the benchmark baseline. Writes `n` rows of `out`
 * and `status`.
 */
export function sizeColumnsTwin(plan: BatchPlan, c: ScalerColumns, n: number, out: Float64Array, status: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const base = c.baseRisk[i];
    let r = base;
    let s = 0;
    if (c.lossReturn !== undefined && !(c.lossReturn[i] > 0 && Math.abs(c.lossReturn[i]) < Infinity)) s = BATCH_STATUS.LOSS_RETURN;
    if (c.drawdown !== undefined && !inUnit(c.drawdown[i])) s = BATCH_STATUS.DRAWDOWN;
    if (c.rlMultiplier !== undefined && !(Math.abs(c.rlMultiplier[i]) < Infinity)) s = BATCH_STATUS.RL_MULTIPLIER;
    if (c.correlation !== undefined && !inUnit(c.correlation[i])) s = BATCH_STATUS.CORRELATION;
    if (c.banditWeight !== undefined && !finiteNonNegative(c.banditWeight[i])) s = BATCH_STATUS.BANDIT_WEIGHT;
    const regime = c.regime === undefined ? 1 : plan.regimeTable[c.regime[i]];
    if (Number.isNaN(regime)) s = BATCH_STATUS.REGIME;
    if (c.volatility !== undefined && !finiteNonNegative(c.volatility[i])) s = BATCH_STATUS.VOLATILITY;
    const conviction = c.conviction === undefined ? 1 : plan.convictionTable[c.conviction[i]];
    if (Number.isNaN(conviction)) s = BATCH_STATUS.CONVICTION;
    if (c.confidence !== undefined && !inUnit(c.confidence[i])) s = BATCH_STATUS.CONFIDENCE;
    if (!finiteNonNegative(base)) s = BATCH_STATUS.BASE_RISK;

    r = r * (c.confidence === undefined ? 1 : signalMultiplier(plan, c.confidence[i]));
    r = r * conviction;
    r = r * (c.volatility === undefined ? 1 : volatilityMultiplier(plan, c.volatility[i]));
    r = r * regime;
    r = r * (c.banditWeight === undefined ? 1 : banditMultiplier(plan, c.banditWeight[i]));
    r = r * (c.correlation === undefined ? 1 : correlationMultiplier(plan, c.correlation[i]));
    r = r * (c.rlMultiplier === undefined ? 1 : rlClamp(plan, c.rlMultiplier[i]));
    r = r * (c.drawdown === undefined ? 1 : drawdownMultiplier(plan, c.drawdown[i]));
    r = boundRisk(plan, r, c.lossReturn === undefined ? Infinity : c.lossReturn[i]);

    out[i] = s === 0 ? r : 0;
    status[i] = s;
  }
}
