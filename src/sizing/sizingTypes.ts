import type { Decimal } from 'decimal.js';
import type { EdgeEstimate } from '../edge/estimateEdge.js';
import type { BinaryEdge, KellyResult } from '../kelly/types.js';
import type { MoneyInput } from '../money/Money.js';
import type { OrderReason } from '../money/sizeOrder.js';
import type { BetaBelief, BetaBeliefJSON } from '../probability/WinRatePosterior.js';
import type { MarketRegime } from '../regime/marketRegime.js';
import type { KellyState } from '../tracker/StrategyTracker.js';
import type { ConvictionLevel, DefaultTierName } from './sizerConfig.js';

/** The names a sizer's requests use: its account tiers, conviction levels and regimes. */
export interface SizerNames {
  tier: string;
  conviction: string;
  regime: string;
}

/**
 * The names of the seeds' defaults (SIZER_DEFAULTS), which `createSizer()` without a config
 * takes: a tier, conviction or regime it does not know is a compile error, as it is an
 * error at run time.
 */
export interface DefaultSizerNames {
  tier: DefaultTierName;
  conviction: ConvictionLevel;
  regime: MarketRegime;
}

/**
 * The names of a sizer built from a config, which may add its own tiers, conviction levels
 * and regimes: the defaults' names are offered (and autocompleted), any string is accepted
 * and checked at run time.
 */
export interface ConfiguredSizerNames {
  tier: DefaultTierName | (string & {});
  conviction: ConvictionLevel | (string & {});
  regime: MarketRegime | (string & {});
}

/**
 * The part of an `EdgeEstimate` (from `estimateEdge`) the sizer reads: a full EdgeEstimate
 * is one, and so is any object with these fields.
 */
export type SizerEdgeEstimate = Pick<EdgeEstimate, 'trades' | 'reliable' | 'expectancy' | 'avgLoss' | 'kelly'>;

/**
 * A binary bet whose win probability is uncertain: a Beta posterior of it (a
 * `WinRatePosterior`, `{ alpha, beta }`, or `EdgeEstimate.winRatePosterior`) in place of the
 * number. The base layer sizes it with `probabilityKelly`, shrunk for that uncertainty.
 */
export interface UncertainBinaryEdge {
  winProbability: BetaBelief | BetaBeliefJSON;
  winReturn: number;
  lossReturn: number;
}

/**
 * What the base layer sizes from: a strategy's estimated edge, a binary bet (its win
 * probability a number or a posterior), or a Kelly result itself (e.g. `probabilityKelly`'s,
 * shrunk for the uncertainty in p).
 */
export type SizingEdge = SizerEdgeEstimate | BinaryEdge | UncertainBinaryEdge | KellyResult;

/**
 * Where `size({ strategyId, tracker })` reads a strategy's edge: a `StrategyTracker` (any
 * object with its `kelly(id)` and `sizingEdge(id)` methods).
 */
export interface SizingTracker {
  kelly(strategyId: string): KellyState | undefined;
  sizingEdge(strategyId: string): EdgeEstimate | undefined;
}

/** The scaling layer's input with its reason: what `scalingFactor(decision)` returns. */
export interface ScalingInput {
  /** Share of the full position entered now, in (0, 1] (the template's initialSize). */
  value: number;
  /** Why: the regime, its probability, the template. */
  reason: string;
  /** 'scaling' when given (scalingFactor's result carries it). */
  name?: 'scaling';
}

/** The correlation layer's input with its reason: what `correlationPenalty(...)` returns. */
export interface CorrelationInput {
  /** In [0, 1]: the size is multiplied by max(correlationFloor, 1 − penalty). */
  penalty: number;
  /** Why: e.g. the asset's Kelly weight with the other holdings vs alone. */
  reason: string;
  /** The asset's Kelly weight held with the others (correlationPenalty's result carries it). */
  jointWeight?: number;
  /** Its Kelly weight alone. */
  standaloneWeight?: number;
}

/**
 * One signal to size, with the account and market context. Absent inputs leave their layer
 * out. N is the sizer's names (tiers, conviction levels, regimes): see DefaultSizerNames.
 */
export interface SizingRequest<N extends SizerNames = ConfiguredSizerNames> {
  /** Account equity (Decimal, decimal string or number), ≥ 0. */
  balance: MoneyInput;
  /** Price of one unit, > 0. */
  price: MoneyInput;
  /** The strategy's edge: the base of the size (or size from a tracker instead: `TrackedSizingRequest`). */
  edge: SizingEdge;
  /** Account tier (a key of the config's positionBoundaries); default the config's defaultTier. */
  tier?: N['tier'];
  /** Distance from the price to the stop, per unit, > 0: sizing becomes risk-based (a stop-out loses the risk fraction). */
  stopDistance?: MoneyInput;
  /** Smallest quantity increment, > 0 (default 1). */
  lotStep?: MoneyInput;
  /** Smallest order notional, ≥ 0 (default 0). */
  minNotional?: MoneyInput;
  /** Signal confidence (or meta-label probability) in [0, 1]. */
  confidence?: number;
  /** Trader's conviction, a key of the config's convictionMultipliers (LOW / MEDIUM / HIGH by default). */
  conviction?: N['conviction'];
  /** Current ATR ÷ its average (atrRatio method). */
  atrRatio?: number;
  /** Current ATR in price units: with atrAverage for the atrRatio method, alone for the target method. */
  atr?: number;
  /** Average ATR in price units (atrRatio method, with atr). */
  atrAverage?: number;
  /** Market regime, a key of the config's regimeMultipliers: one of the five MarketRegime names, or a regime of your config. */
  regime?: N['regime'];
  /** Bandit weight of the strategy, ≥ 0. */
  banditWeight?: number;
  /**
   * Share of the full position entered now, in (0, 1]: the regime classifier's scaling
   * template (`scalingFactor(decision)`, value and reason), or its initialSize as a number.
   * Applied after the regime layer, before the bounds.
   */
  scaling?: number | ScalingInput;
  /** Correlation penalty with open positions, in [0, 1], or `{ penalty, reason }` (`correlationPenalty`'s result). */
  correlation?: number | CorrelationInput;
  /** The RL agent's size multiplier (clamped to the config's range, 0.5–2.0 by default). */
  rlMultiplier?: number;
  /** Account drawdown from its peak, in [0, 1]. */
  drawdown?: number;
}

/**
 * A signal sized from a strategy the tracker follows: its edge is
 * `tracker.sizingEdge(strategyId)` (the estimate with the performance-adjusted Kelly), and
 * an unknown strategy, or one without a losing trade yet, gets the fixed fallback risk.
 */
export interface TrackedSizingRequest<N extends SizerNames = ConfiguredSizerNames> extends Omit<SizingRequest<N>, 'edge'> {
  /** The strategy's id in the tracker. */
  strategyId: string;
  /** The strategies' tracker (a `StrategyTracker`). */
  tracker: SizingTracker;
  edge?: undefined;
}

/** One layer's contribution: riskFraction is the product of the factors' values. */
export interface SizingFactor {
  name: string;
  value: number;
  reason: string;
}

/**
 * A sized signal. Money is rounded to the config's `moneyDecimals` places (cents by default)
 * half-even, and notional + leftover = targetNotional exactly; the quantity is rounded down
 * to the lot step.
 */
export interface SizingDecision {
  /** Equity lost if the trade loses (at the stop, or the edge's average loss). */
  riskFraction: number;
  /** Notional ÷ balance asked for, before lot rounding (≤ the tier's maxLeverage). */
  exposure: number;
  /** quantity × price. */
  notional: Decimal;
  /** Rounded down to the lot step. */
  quantity: Decimal;
  /** Target notional the rounding left unspent (≥ 0). */
  leftover: Decimal;
  /** Notional the sizing asked for before rounding. */
  targetNotional: Decimal;
  /** Money lost if the stop is hit (risk-based) or the position goes to zero. */
  riskAmount: Decimal;
  /** The account tier whose limits applied. */
  tier: string;
  factors: SizingFactor[];
  warnings: string[];
  /** True when the edge was unreliable (too few trades) and the base is the fixed fallback risk, not Kelly. */
  usedFallback: boolean;
  /** Why the quantity is 0, when it is (the same name as `sizeOrder`'s). */
  orderReason?: OrderReason;
}

export type { BinaryEdge, MoneyInput, OrderReason };
