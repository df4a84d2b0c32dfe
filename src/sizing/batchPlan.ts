import { SizewiseError, describeValue } from '../errors.js';
import { codeTable, REGIME_CODES } from './regimeCodes.js';
import type { AccountTier, ScheduleStep, SizerConfig } from './sizerConfig.js';

/**
 * A sizer config resolved for one account tier into what every row needs: tiers and
 * steps as arrays, and code → factor tables for the u8 columns. `PositionSizer.size`
 * (through layerMath), the TypeScript twin and the WASM kernel (through its parameter
 * block, sizeColumnsParams) all read this, so the three compute the same arithmetic from
 * the same numbers.
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

/** The plan of a config's tier; an unknown tier throws UNKNOWN_VALUE naming `field`. */
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
