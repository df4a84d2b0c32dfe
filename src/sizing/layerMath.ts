import type { BatchPlan } from './batchPlan.js';
import type { ScheduleStep } from './sizerConfig.js';

// The layers, one row at a time, in the kernel's arithmetic (Math.min/max = f64x2.pmin/pmax
// on valid input). `size()`, the TypeScript twin and the WASM kernel compute the same
// numbers from the same plan, so a batch row equals a single decision exactly.

/** The last step of an ascending schedule that `x` passes (above it, or at or above it unless `strict`). */
export function matchedStep<S extends { above: number }>(steps: readonly S[], x: number, strict: boolean): S | undefined {
  let matched: S | undefined;
  for (const s of steps) if (strict ? x > s.above : x >= s.above) matched = s;
  return matched;
}

/** The multiplier of the last step `x` passes, or `start` when it passes none. */
export function stepMultiplier(steps: readonly ScheduleStep[], x: number, start: number, strict: boolean): number {
  return matchedStep(steps, x, strict)?.multiplier ?? start;
}

/** Signal quality: the confidence tier reached, or clamp(offset + p, min, max) for a meta-probability. */
export function signalMultiplier(plan: BatchPlan, confidence: number): number {
  if (plan.signalMode === 1) return Math.min(Math.max(plan.metaOffset + confidence, plan.metaMin), plan.metaMax);
  return stepMultiplier(plan.tiers, confidence, plan.belowTiers, false);
}

/** Volatility: the ATR-ratio step passed, or min(cap, target ÷ max(ATR ÷ price, floor)). */
export function volatilityMultiplier(plan: BatchPlan, volatility: number): number {
  if (plan.volMode === 1) return Math.min(plan.volMaxMultiplier, plan.volTarget / Math.max(volatility, plan.volFloor));
  return stepMultiplier(plan.volSteps, volatility, 1, true);
}

/** Bandit weight w → max(floor, w). */
export function banditMultiplier(plan: BatchPlan, weight: number): number {
  return Math.max(plan.banditFloor, weight);
}

/** Correlation penalty c → max(floor, 1 − c). */
export function correlationMultiplier(plan: BatchPlan, correlation: number): number {
  return Math.max(plan.correlationFloor, 1 - correlation);
}

/** The RL agent's multiplier clamped to the configured range. */
export function rlClamp(plan: BatchPlan, multiplier: number): number {
  return Math.min(Math.max(multiplier, plan.rlMin), plan.rlMax);
}

/** Drawdown: the schedule step passed (1 below the first). */
export function drawdownMultiplier(plan: BatchPlan, drawdown: number): number {
  return stepMultiplier(plan.drawdownSteps, drawdown, 1, true);
}

/**
 * The smallest risk fraction that is sized: the smallest normal double. A risk below it is
 * no trade (0), not raised to the tier's floor — the bounds' factor, floor ÷ risk, would
 * overflow to Infinity there (a scaling of 1e-320, say). The kernel uses the same number.
 */
export const MIN_RISK_FRACTION = 2 ** -1022;

/** A risk of at least MIN_RISK_FRACTION clamped to the tier's [minRisk, maxRisk]; below it (0 included) 0: no trade. */
export function clampRisk(plan: BatchPlan, risk: number): number {
  return risk >= MIN_RISK_FRACTION ? Math.min(Math.max(risk, plan.minRisk), plan.maxRisk) : 0;
}

/** Bounds: the tier's risk range, then the leverage ceiling maxLeverage × lossReturn (Infinity: no ceiling). */
export function boundRisk(plan: BatchPlan, risk: number, lossReturn: number): number {
  return Math.min(clampRisk(plan, risk), plan.maxLeverage * lossReturn);
}
