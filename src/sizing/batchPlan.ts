import { SizewiseError, describeValue } from '../errors.js';
import { codeTable, REGIME_CODES } from './regimeCodes.js';
import type { AccountTier, ScheduleStep, SizerConfig } from './sizerConfig.js';

/**
 * A sizer config resolved for one account tier into what every row needs: tiers and
 * steps as arrays, and code → factor tables for the u8 columns. `PositionSizer.size`,
 * the TypeScript twin and the WASM kernel (through its parameter block) all read this,
 * so the three compute the same arithmetic from the same numbers.
 */
export interface BatchPlan {
  tierName: string;
  tier: AccountTier;
  signalMode: 0 | 1; // 0 confidence tiers, 1 meta-probability
  /** Confidence tiers ascending: (min, multiplier). */
  tiers: ScheduleStep[];
  belowTiers: number;
  metaOffset: number;
  metaMin: number;
  metaMax: number;
  volMode: 0 | 1; // 0 ATR ratio, 1 volatility target
  volSteps: ScheduleStep[];
  volTarget: number;
  volMaxMultiplier: number;
  volFloor: number;
  /** Conviction code → multiplier (1 for every level when the tier allows no overrides); code 0 = none (1). */
  convictionTable: Float64Array;
  regimeTable: Float64Array;
  banditFloor: number;
  correlationFloor: number;
  rlMin: number;
  rlMax: number;
  drawdownSteps: ScheduleStep[];
  minRisk: number;
  maxRisk: number;
  maxLeverage: number;
}

/** Codes of a config's conviction levels (1, 2, … in config order; 0 = no conviction) and regimes (REGIME_CODES, then the others). */
export function categoryCodes(config: SizerConfig): { conviction: Record<string, number>; regime: Record<string, number> } {
  const conviction: Record<string, number> = {};
  Object.keys(config.convictionMultipliers).forEach((name, i) => (conviction[name] = i + 1));
  const regime: Record<string, number> = { ...REGIME_CODES };
  let next = Object.keys(REGIME_CODES).length;
  for (const name of Object.keys(config.regimeMultipliers)) if (!(name in regime)) regime[name] = next++;
  return { conviction, regime };
}

export function batchPlan(config: SizerConfig, tierName: string, field: string): BatchPlan {
  const tier = config.positionBoundaries[tierName];
  if (tier === undefined || !Object.hasOwn(config.positionBoundaries, tierName)) {
    throw new SizewiseError(
      'UNKNOWN_VALUE',
      field,
      `${field} must be one of the configured tiers (${Object.keys(config.positionBoundaries).join(', ')}), received ${describeValue(tierName)}`,
      tierName,
    );
  }
  const codes = categoryCodes(config);
  const convictionFactors = tier.allowOverrides
    ? config.convictionMultipliers
    : Object.fromEntries(Object.keys(config.convictionMultipliers).map((k) => [k, 1]));
  const convictionTable = codeTable(codes.conviction, convictionFactors);
  convictionTable[0] = 1;
  const regimeFallback = config.defaultRegime === null ? Number.NaN : config.regimeMultipliers[config.defaultRegime];
  const regimeTable = codeTable(
    codes.regime,
    Object.fromEntries(Object.keys(codes.regime).map((k) => [k, config.regimeMultipliers[k] ?? regimeFallback])),
    regimeFallback,
  );
  const v = config.volatilityAdjustment;
  return {
    tierName,
    tier,
    signalMode: config.signalQuality.method === 'metaProbability' ? 1 : 0,
    tiers: config.signalQuality.confidenceTiers.map((t) => ({ above: t.min, multiplier: t.multiplier })),
    belowTiers: config.signalQuality.belowTiers,
    metaOffset: config.signalQuality.metaProbability.offset,
    metaMin: config.signalQuality.metaProbability.min,
    metaMax: config.signalQuality.metaProbability.max,
    volMode: v.method === 'target' ? 1 : 0,
    volSteps: v.atrRatioSteps,
    volTarget: v.targetVolatility,
    volMaxMultiplier: v.maxMultiplier,
    volFloor: v.atrFloor,
    convictionTable,
    regimeTable,
    banditFloor: config.banditFloor,
    correlationFloor: config.correlationFloor,
    rlMin: config.rlMultiplier.min,
    rlMax: config.rlMultiplier.max,
    drawdownSteps: config.drawdownSchedule,
    minRisk: tier.minRisk,
    maxRisk: tier.maxRisk,
    maxLeverage: tier.maxLeverage,
  };
}

// ---- the layers, one row at a time, in the kernel's arithmetic (Math.min/max = f64x2.pmin/pmax on valid input)

/** The multiplier of the last step (ascending) whose threshold x exceeds (`strict`) or reaches. */
/** The last step of an ascending schedule that `x` passes (above it, or at or above it unless `strict`). */
export function matchedStep<S extends { above: number }>(steps: readonly S[], x: number, strict: boolean): S | undefined {
  let matched: S | undefined;
  for (const s of steps) if (strict ? x > s.above : x >= s.above) matched = s;
  return matched;
}

export function stepMultiplier(steps: readonly ScheduleStep[], x: number, start: number, strict: boolean): number {
  return matchedStep(steps, x, strict)?.multiplier ?? start;
}

export function signalMultiplier(plan: BatchPlan, confidence: number): number {
  if (plan.signalMode === 1) return Math.min(Math.max(plan.metaOffset + confidence, plan.metaMin), plan.metaMax);
  return stepMultiplier(plan.tiers, confidence, plan.belowTiers, false);
}

export function volatilityMultiplier(plan: BatchPlan, volatility: number): number {
  if (plan.volMode === 1) return Math.min(plan.volMaxMultiplier, plan.volTarget / Math.max(volatility, plan.volFloor));
  return stepMultiplier(plan.volSteps, volatility, 1, true);
}

export function banditMultiplier(plan: BatchPlan, weight: number): number {
  return Math.max(plan.banditFloor, weight);
}

export function correlationMultiplier(plan: BatchPlan, correlation: number): number {
  return Math.max(plan.correlationFloor, 1 - correlation);
}

export function rlClamp(plan: BatchPlan, multiplier: number): number {
  return Math.min(Math.max(multiplier, plan.rlMin), plan.rlMax);
}

export function drawdownMultiplier(plan: BatchPlan, drawdown: number): number {
  return stepMultiplier(plan.drawdownSteps, drawdown, 1, true);
}

/** A positive risk clamped to the tier's [minRisk, maxRisk]; 0 stays 0 (no trade). */
export function clampRisk(plan: BatchPlan, risk: number): number {
  return risk > 0 ? Math.min(Math.max(risk, plan.minRisk), plan.maxRisk) : 0;
}

/** Bounds: the tier's risk range, then the leverage ceiling maxLeverage × lossReturn (Infinity: no ceiling). */
export function boundRisk(plan: BatchPlan, risk: number, lossReturn: number): number {
  return Math.min(clampRisk(plan, risk), plan.maxLeverage * lossReturn);
}

// ---- the kernel's parameter block (assembly/scalerLayers.ts holds the same offsets)

export const PARAMS_BYTES = 592;

/** Column slots in the parameter block and their presence bits. */
export const COLUMN_SLOTS = {
  baseRisk: { offset: 0, bit: 0 },
  confidence: { offset: 4, bit: 1 },
  conviction: { offset: 8, bit: 2 },
  volatility: { offset: 12, bit: 3 },
  regime: { offset: 16, bit: 4 },
  banditWeight: { offset: 20, bit: 5 },
  correlation: { offset: 24, bit: 6 },
  rlMultiplier: { offset: 28, bit: 7 },
  drawdown: { offset: 32, bit: 8 },
  lossReturn: { offset: 36, bit: 9 },
} as const;

/**
 * Writes the plan into a parameter block: `u32` and `f64` are views of WASM memory,
 * `params` the block's byte address; `pointers` holds each present column's address.
 */
export function writeParams(
  plan: BatchPlan,
  memory: { u32: Uint32Array; f64: Float64Array },
  params: number,
  pointers: Partial<Record<keyof typeof COLUMN_SLOTS | 'out' | 'status' | 'convictionTable' | 'regimeTable', number>>,
): void {
  const u = (offset: number, value: number) => (memory.u32[(params + offset) >>> 2] = value);
  const f = (offset: number, value: number) => (memory.f64[(params + offset) >>> 3] = value);
  let flags = 0;
  for (const [name, slot] of Object.entries(COLUMN_SLOTS)) {
    const ptr = pointers[name as keyof typeof COLUMN_SLOTS];
    u(slot.offset, ptr ?? 0);
    if (ptr !== undefined) flags |= 1 << slot.bit;
  }
  u(40, pointers.out ?? 0);
  u(44, pointers.status ?? 0);
  u(48, flags);
  u(52, plan.signalMode);
  u(56, plan.volMode);
  u(60, plan.tiers.length);
  u(64, plan.volSteps.length);
  u(68, plan.drawdownSteps.length);
  u(72, pointers.convictionTable ?? 0);
  u(76, pointers.regimeTable ?? 0);
  f(96, plan.belowTiers);
  f(104, plan.metaOffset);
  f(112, plan.metaMin);
  f(120, plan.metaMax);
  f(128, plan.volTarget);
  f(136, plan.volMaxMultiplier);
  f(144, plan.volFloor);
  f(152, plan.banditFloor);
  f(160, plan.correlationFloor);
  f(168, plan.rlMin);
  f(176, plan.rlMax);
  f(184, plan.minRisk);
  f(192, plan.maxRisk);
  f(200, plan.maxLeverage);
  const steps = (offset: number, list: readonly ScheduleStep[]) =>
    list.forEach((s, k) => {
      f(offset + 16 * k, s.above);
      f(offset + 16 * k + 8, s.multiplier);
    });
  steps(208, plan.tiers);
  steps(336, plan.volSteps);
  steps(464, plan.drawdownSteps);
}
