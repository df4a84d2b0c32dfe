import type { BatchPlan } from './batchPlan.js';
import {
  banditMultiplier,
  correlationMultiplier,
  drawdownMultiplier,
  matchedStep,
  rlClamp,
  signalMultiplier,
  volatilityMultiplier,
} from './layerMath.js';
import {
  atrRatioReason,
  banditReason,
  confidenceReason,
  convictionIgnoredReason,
  convictionReason,
  correlationReason,
  drawdownReason,
  metaProbabilityReason,
  regimeReason,
  rlReason,
  scalingReason,
  volatilityTargetReason,
} from './layerReasons.js';
import type { SizingInput } from './readSizingRequest.js';
import type { SizerConfig } from './sizerConfig.js';
import type { SizingFactor } from './sizingTypes.js';

/**
 * Layers 2–10 of one request (signal quality, conviction, volatility, regime, scaling,
 * bandit, correlation, RL, drawdown) over a base risk: each layer with an input appends its
 * factor, in the kernel's order, and multiplies the risk by it. Returns the risk before
 * bounds; warnings (an ignored conviction, a defaulted regime) are appended to `warnings`.
 */
export function sizeLayers(input: SizingInput, config: SizerConfig, base: number, factors: SizingFactor[], warnings: string[]): number {
  const plan: BatchPlan = input.plan;
  let r = base;
  const p = input.confidence;
  if (p !== undefined) {
    const m = signalMultiplier(plan, p);
    factors.push(
      plan.signalMode === 1
        ? { name: 'metaProbability', value: m, reason: metaProbabilityReason(plan, p, m) }
        : { name: 'confidence', value: m, reason: confidenceReason(plan, p, m, matchedStep(plan.tiers, p, false)) },
    );
    r *= m;
  }
  const level = input.conviction;
  if (level !== undefined) {
    if (plan.tier.allowOverrides) {
      const m = config.convictionMultipliers[level];
      factors.push({ name: 'conviction', value: m, reason: convictionReason(level, m) });
      r *= m;
    } else {
      factors.push({ name: 'conviction', value: 1, reason: convictionIgnoredReason(level, plan.tierName) });
      warnings.push(`conviction override ${level} ignored on tier ${plan.tierName}`);
    }
  }
  const vol = input.volatility;
  if (vol !== undefined) {
    const m = volatilityMultiplier(plan, vol);
    const reason = plan.volMode === 1 ? volatilityTargetReason(plan, vol, m) : atrRatioReason(vol, m, matchedStep(plan.volSteps, vol, true));
    factors.push({ name: 'volatility', value: m, reason });
    r *= m;
  }
  const regime = input.regime;
  if (regime !== undefined) {
    const m = config.regimeMultipliers[regime];
    if (input.unknownRegime !== undefined) warnings.push(`unknown regime ${JSON.stringify(input.unknownRegime)}: sized as ${regime}`);
    factors.push({ name: 'regime', value: m, reason: regimeReason(regime, m, input.unknownRegime) });
    r *= m;
  }
  const scaling = input.scaling;
  if (scaling !== undefined) {
    factors.push({ name: 'scaling', value: scaling.value, reason: scalingReason(scaling.value, scaling.reason) });
    r *= scaling.value;
  }
  const w = input.banditWeight;
  if (w !== undefined) {
    const m = banditMultiplier(plan, w);
    factors.push({ name: 'bandit', value: m, reason: banditReason(plan, w, m) });
    r *= m;
  }
  const k = input.correlation;
  if (k !== undefined) {
    const m = correlationMultiplier(plan, k.value);
    factors.push({ name: 'correlation', value: m, reason: correlationReason(plan, k.value, m, k.reason) });
    r *= m;
  }
  const x = input.rlMultiplier;
  if (x !== undefined) {
    const m = rlClamp(plan, x);
    factors.push({ name: 'rl', value: m, reason: rlReason(plan, x, m) });
    r *= m;
  }
  const d = input.drawdown;
  if (d !== undefined) {
    const m = drawdownMultiplier(plan, d);
    factors.push({ name: 'drawdown', value: m, reason: drawdownReason(d, m, matchedStep(plan.drawdownSteps, d, true)) });
    r *= m;
  }
  return r;
}
