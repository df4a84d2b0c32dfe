import type { Decimal } from 'decimal.js';
import type { EdgeEstimate } from '../edge/estimateEdge.js';
import type { BinaryEdge } from '../kelly/types.js';
import type { MoneyInput } from '../money/Money.js';
import type { OrderReason } from '../money/sizeOrder.js';
import type { MarketRegime } from '../regime/marketRegime.js';

/**
 * The part of an `EdgeEstimate` (from `estimateEdge`) the sizer reads: a full EdgeEstimate
 * is one, and so is any object with these fields.
 */
export type SizerEdgeEstimate = Pick<EdgeEstimate, 'trades' | 'reliable' | 'expectancy' | 'avgLoss' | 'kelly'>;

/** What the base layer sizes from: a strategy's estimated edge, or a binary bet. */
export type SizingEdge = SizerEdgeEstimate | BinaryEdge;

/** One signal to size, with the account and market context. Absent inputs leave their layer out. */
export interface SizingRequest {
  /** Account equity (Decimal, decimal string or number), ≥ 0. */
  balance: MoneyInput;
  /** Price of one unit, > 0. */
  price: MoneyInput;
  /** The strategy's edge: the base of the size. */
  edge: SizingEdge;
  /** Account tier (a key of the config's positionBoundaries); default the config's defaultTier. */
  tier?: string;
  /** Distance from the price to the stop, per unit, > 0: sizing becomes risk-based (a stop-out loses the risk fraction). */
  stopDistance?: MoneyInput;
  /** Smallest quantity increment, > 0 (default 1). */
  lotStep?: MoneyInput;
  /** Smallest order notional, ≥ 0 (default 0). */
  minNotional?: MoneyInput;
  /** Signal confidence (or meta-label probability) in [0, 1]. */
  confidence?: number;
  /** Trader's conviction, a key of the config's convictionMultipliers (LOW / MEDIUM / HIGH by default). */
  conviction?: 'LOW' | 'MEDIUM' | 'HIGH' | (string & {});
  /** Current ATR ÷ its average (atrRatio method). */
  atrRatio?: number;
  /** Current ATR in price units: with atrAverage for the atrRatio method, alone for the target method. */
  atr?: number;
  /** Average ATR in price units (atrRatio method, with atr). */
  atrAverage?: number;
  /** Market regime, a key of the config's regimeMultipliers: one of the five MarketRegime names, or a regime of your config. */
  regime?: MarketRegime | (string & {});
  /** Bandit weight of the strategy, ≥ 0. */
  banditWeight?: number;
  /** Correlation penalty with open positions, in [0, 1]. */
  correlation?: number;
  /** The RL agent's size multiplier (clamped to the config's range, 0.5–2.0 by default). */
  rlMultiplier?: number;
  /** Account drawdown from its peak, in [0, 1]. */
  drawdown?: number;
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
