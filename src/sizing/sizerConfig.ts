import { deepFreeze } from '../util/deepFreeze.js';
import { VOLATILITY_REGIME_DEFAULTS, type VolatilityRegimeOptions } from '../volatility/volatilityRegime.js';
import { REGIME_FACTORS } from './regimeCodes.js';

/** A step of a schedule: when the input passes `above`, the multiplier applies (the highest passed step wins). */
export interface ScheduleStep {
  above: number;
  multiplier: number;
}

/** A confidence tier: at or above `min`, the multiplier applies (the highest reached tier wins). */
export interface ConfidenceTier {
  min: number;
  multiplier: number;
}

/** Limits of an account tier. */
export interface AccountTier {
  /** Smallest risk per trade, as a fraction of balance, for a trade that is taken at all (0.002 = 0.2 %). */
  minRisk: number;
  /** Largest risk per trade, as a fraction of balance (0.05 = 5 %). */
  maxRisk: number;
  /** Whether a trader's conviction override (LOW / MEDIUM / HIGH) is applied on this tier. */
  allowOverrides: boolean;
  /** Ceiling on exposure (notional ÷ balance). */
  maxLeverage: number;
}

/**
 * Every number the sizer uses. Keys are camelCase here and snake_case in config files
 * (`default_fraction`, `position_boundaries.basic.max_risk`, …), inside a `kelly_sizing`
 * section as in the seeds' `config/trading_rules.yaml`. Names that are the caller's own
 * (tier names, regime names, conviction levels) are kept as written.
 */
export interface SizerConfig {
  /** Multiple of full Kelly taken as the base (0.25 = quarter Kelly). */
  defaultFraction: number;
  /** Ceiling on the base risk fraction (the Kelly cap). */
  maxRiskFraction: number;
  /** Fewer closed trades than this and the edge is not trusted: the fallback risk applies, with a warning. */
  minTradesForCalculation: number;
  /** Fixed risk fraction used when the edge is unreliable. */
  fallbackRiskFraction: number;
  /** Days of closed trades the edge should be estimated from (the trades the caller passes to estimateEdge). */
  lookbackWindowDays: number;
  signalQuality: {
    /** How a signal's confidence scales the size: tiers (seeds' Module X) or 0.5 + p (seeds' meta-labelling map). */
    method: 'confidenceTiers' | 'metaProbability';
    /** Ascending by `min`; at most 8. */
    confidenceTiers: ConfidenceTier[];
    /** Multiplier below the lowest tier. */
    belowTiers: number;
    /** multiplier = clamp(offset + p, min, max). */
    metaProbability: { offset: number; min: number; max: number };
  };
  /** Conviction level → multiplier, applied only on tiers with allowOverrides. */
  convictionMultipliers: Record<string, number>;
  /** Account tier name → limits. */
  positionBoundaries: Record<string, AccountTier>;
  /** Tier used when a request names none. */
  defaultTier: string;
  volatilityAdjustment: {
    /** atrRatio: current ATR ÷ its average against `atrRatioSteps`; target: targetVolatility ÷ (ATR ÷ price). */
    method: 'atrRatio' | 'target';
    /** Ascending by `above`; at most 8. */
    atrRatioSteps: ScheduleStep[];
    /** Volatility per bar aimed at, as ATR ÷ price (0.01 = 1 % a day). */
    targetVolatility: number;
    /** Ceiling on the volatility-targeting multiplier. */
    maxMultiplier: number;
    /** Floor on ATR ÷ price, so that a near-zero ATR cannot blow the size up. */
    atrFloor: number;
    /** Wilder ATR period for the helpers that read bars. */
    atrPeriod: number;
    /** Bars in the ATR average the ratio divides by. */
    averagePeriod: number;
    /** ATR ratio below `low` is a low-volatility regime, above `high` a high one. */
    regimeThresholds: { low: number; high: number };
  };
  /** Market regime → multiplier. */
  regimeMultipliers: Record<string, number>;
  /** Regime used for an unknown regime name (with a warning); null makes an unknown regime an error. */
  defaultRegime: string | null;
  /** Bandit weight w scales by max(banditFloor, w). */
  banditFloor: number;
  /** Correlation penalty c scales by max(correlationFloor, 1 − c). */
  correlationFloor: number;
  /** The RL agent's multiplier is clamped to [min, max]. */
  rlMultiplier: { min: number; max: number };
  /** Account drawdown → multiplier; ascending by `above`; at most 8. */
  drawdownSchedule: ScheduleStep[];
  /** Decimal places of the money a decision returns (notional, leftover, target, risk amount), rounded half-even: 2 = cents. */
  moneyDecimals: number;
}

/** The account tiers of SIZER_DEFAULTS.positionBoundaries (a config may add its own). */
export type DefaultTierName = 'basic' | 'advanced';

/** The conviction levels of SIZER_DEFAULTS.convictionMultipliers (a config may add its own). */
export type ConvictionLevel = 'LOW' | 'MEDIUM' | 'HIGH';

/** What createSizer accepts: any part of a SizerConfig; the rest comes from SIZER_DEFAULTS. */
export type SizerConfigInput = DeepPartial<SizerConfig>;

export type DeepPartial<T> = T extends readonly (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * The seeds' defaults: quarter Kelly capped at 0.5, 20 trades before Kelly is trusted
 * (1 % fixed risk until then), confidence tiers 0.85 / 0.75 / 0.65 → 2.0 / 1.5 / 1.0 (0.5
 * below), conviction 0.5 / 1.0 / 1.5, ATR ratio > 1.2 → 0.85 and > 1.5 → 0.7, regimes
 * TRENDING 1.4, HIGH_VOL 0.7, LOW_VOL 1.2, MEAN_REVERTING 1.0, NORMAL 1.0, bandit and
 * correlation floors 0.2, RL multiplier 0.5–2.0, drawdown > 10 % → 0.5, risk per trade
 * 0.2 %–5 % of balance, leverage ≤ 3; money to the cent.
 */
export const SIZER_DEFAULTS: Readonly<SizerConfig> = deepFreeze<SizerConfig>({
  defaultFraction: 0.25,
  maxRiskFraction: 0.5,
  minTradesForCalculation: 20,
  fallbackRiskFraction: 0.01,
  lookbackWindowDays: 90,
  signalQuality: {
    method: 'confidenceTiers',
    confidenceTiers: [
      { min: 0.65, multiplier: 1.0 },
      { min: 0.75, multiplier: 1.5 },
      { min: 0.85, multiplier: 2.0 },
    ],
    belowTiers: 0.5,
    metaProbability: { offset: 0.5, min: 0.5, max: 1.5 },
  },
  convictionMultipliers: { LOW: 0.5, MEDIUM: 1.0, HIGH: 1.5 },
  positionBoundaries: {
    basic: { minRisk: 0.002, maxRisk: 0.05, allowOverrides: false, maxLeverage: 3 },
    advanced: { minRisk: 0.002, maxRisk: 0.05, allowOverrides: true, maxLeverage: 3 },
  },
  defaultTier: 'basic',
  volatilityAdjustment: {
    method: 'atrRatio',
    atrRatioSteps: [
      { above: 1.2, multiplier: 0.85 },
      { above: 1.5, multiplier: 0.7 },
    ],
    targetVolatility: 0.01,
    maxMultiplier: 2,
    atrFloor: 0.001,
    atrPeriod: VOLATILITY_REGIME_DEFAULTS.period,
    averagePeriod: VOLATILITY_REGIME_DEFAULTS.averagePeriod,
    regimeThresholds: { low: VOLATILITY_REGIME_DEFAULTS.low, high: VOLATILITY_REGIME_DEFAULTS.high },
  },
  regimeMultipliers: { ...REGIME_FACTORS },
  defaultRegime: null,
  banditFloor: 0.2,
  correlationFloor: 0.2,
  rlMultiplier: { min: 0.5, max: 2.0 },
  drawdownSchedule: [{ above: 0.1, multiplier: 0.5 }],
  moneyDecimals: 2,
});

/** The options of `volatilityRegime` that a sizer config sets (ATR period, averaging window, LOW/HIGH thresholds). */
export function volatilityRegimeOptions(config: SizerConfig): Required<VolatilityRegimeOptions> {
  const v = config.volatilityAdjustment;
  return { period: v.atrPeriod, averagePeriod: v.averagePeriod, low: v.regimeThresholds.low, high: v.regimeThresholds.high };
}
