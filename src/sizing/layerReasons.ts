import type { BatchPlan } from './batchPlan.js';
import type { ScheduleStep } from './sizerConfig.js';

// The plain-words reason of each layer's factor (`SizingDecision.factors[].reason`). Only
// words: the numbers come from layerMath, so a reason never disagrees with its value.

/** A fraction as a percentage in a sentence: 0.0742 → '7.42 %'. */
export const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)} %`;

/** Four decimals, for multipliers and ratios in a sentence. */
export function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function metaProbabilityReason(plan: BatchPlan, p: number, m: number): string {
  return `meta-label probability ${p}: ${plan.metaOffset} + p clamped to [${plan.metaMin}, ${plan.metaMax}] → ×${m}`;
}

export function confidenceReason(plan: BatchPlan, p: number, m: number, tier: ScheduleStep | undefined): string {
  return tier === undefined ? `confidence ${p} below every tier (lowest ${plan.tiers[0]?.above ?? '—'}): ×${m}` : `confidence ${p} ≥ ${tier.above}: ×${m}`;
}

export function convictionReason(level: string, m: number): string {
  return `conviction ${level}: ×${m}`;
}

export function convictionIgnoredReason(level: string, tierName: string): string {
  return `conviction ${level} ignored: tier ${tierName} does not allow overrides`;
}

export function volatilityTargetReason(plan: BatchPlan, volatility: number, m: number): string {
  return `ATR ${pct(volatility)} of price (floor ${pct(plan.volFloor)}) vs target ${pct(plan.volTarget)}: ×${round(m)} (cap ${plan.volMaxMultiplier})`;
}

export function atrRatioReason(ratio: number, m: number, step: ScheduleStep | undefined): string {
  return step === undefined ? `ATR ratio ${round(ratio)} within normal range: ×1` : `ATR ratio ${round(ratio)} > ${step.above}: ×${m}`;
}

export function regimeReason(regime: string, m: number, unknown: string | undefined): string {
  return `regime ${regime}: ×${m}${unknown === undefined ? '' : ` (default for unknown ${JSON.stringify(unknown)})`}`;
}

export function banditReason(plan: BatchPlan, weight: number, m: number): string {
  return `bandit weight ${round(weight)}${m > weight ? ` raised to the floor ${plan.banditFloor}` : ''}: ×${round(m)}`;
}

export function correlationReason(plan: BatchPlan, penalty: number, m: number, why?: string): string {
  return `correlation penalty ${round(penalty)}: ×max(${plan.correlationFloor}, 1 − ${round(penalty)}) = ×${round(m)}${why === undefined ? '' : ` (${why})`}`;
}

export function scalingReason(share: number, why: string | undefined): string {
  return `entry share ×${round(share)} of the full position: ${why ?? 'the scaling template\'s initial size'}`;
}

export function rlReason(plan: BatchPlan, x: number, m: number): string {
  return `RL agent multiplier ${round(x)}${m !== x ? ` clamped to [${plan.rlMin}, ${plan.rlMax}]` : ''}: ×${round(m)}`;
}

export function drawdownReason(drawdown: number, m: number, step: ScheduleStep | undefined): string {
  return step === undefined ? `drawdown ${pct(drawdown)} within the schedule's first step: ×1` : `drawdown ${pct(drawdown)} > ${pct(step.above, 0)}: ×${m}`;
}

export function boundsReason(plan: BatchPlan, unbounded: number, clamped: number, bounded: number): string {
  if (unbounded <= 0) return 'no size to bound';
  if (clamped === 0) return `a risk of ${unbounded} is below the smallest sized (2⁻¹⁰²², the smallest normal double): no trade`;
  const range = `tier ${plan.tierName}'s ${pct(plan.minRisk)}–${pct(plan.maxRisk)} risk per trade`;
  if (bounded < clamped) return `capped by tier ${plan.tierName}'s leverage ${plan.maxLeverage}× (risk ${pct(bounded, 3)})`;
  if (clamped > unbounded) return `raised to the floor of ${range}`;
  if (clamped < unbounded) return `capped at the ceiling of ${range}`;
  return `inside ${range}`;
}
