import { SizewiseError, describeValue } from '../errors.js';

/**
 * The market regimes sizewise speaks, one vocabulary for every part: the sizer's regime
 * layer (`regimeMultipliers`, `request.regime`), the batch codes (`REGIME_CODES`, in this
 * order), and the Q-learning agent's regime feature (`regimeLabel`, `REGIMES`), so a label
 * from one is an input of the other.
 *
 * - NORMAL: ordinary volatility, no regime signal (the sizer's neutral regime; the agent's
 *   labeller always decides, so it never produces NORMAL);
 * - TRENDING: price moving efficiently in one direction;
 * - HIGH_VOL: short-term ranges well above their long-term level;
 * - LOW_VOL: ranges contracting, no direction (a quiet, consolidating market);
 * - MEAN_REVERTING: ordinary ranges, no direction (a choppy, range-bound market).
 */
export const MARKET_REGIMES = Object.freeze(['NORMAL', 'TRENDING', 'HIGH_VOL', 'LOW_VOL', 'MEAN_REVERTING'] as const);

/** One of the MARKET_REGIMES. */
export type MarketRegime = (typeof MARKET_REGIMES)[number];

/**
 * The agent's earlier labels and the regime each now reads as (saved agents and data from
 * before the vocabulary was unified): VOLATILE was "ATR(14)/ATR(100) ≥ 1.25" → HIGH_VOL;
 * CONSOLIDATING "no direction, ATR ratio < 0.8" → LOW_VOL; CHOPPY "no direction, ordinary
 * ranges" → MEAN_REVERTING; TRENDING is TRENDING. The agent's state indices kept their
 * order, so a table learned under the old names means the same under the new ones.
 */
export const LEGACY_AGENT_REGIMES: Readonly<Record<'TRENDING' | 'CHOPPY' | 'VOLATILE' | 'CONSOLIDATING', MarketRegime>> = Object.freeze({
  TRENDING: 'TRENDING',
  CHOPPY: 'MEAN_REVERTING',
  VOLATILE: 'HIGH_VOL',
  CONSOLIDATING: 'LOW_VOL',
});

/** `volatilityRegime`'s LOW / NORMAL / HIGH states as market regimes. */
export const VOLATILITY_STATE_REGIMES: Readonly<Record<'LOW' | 'NORMAL' | 'HIGH', MarketRegime>> = Object.freeze({
  LOW: 'LOW_VOL',
  NORMAL: 'NORMAL',
  HIGH: 'HIGH_VOL',
});

/**
 * A regime name as a MarketRegime: one of the five, or an earlier agent label
 * (LEGACY_AGENT_REGIMES). Anything else throws UNKNOWN_VALUE naming `field`.
 *
 * @example toMarketRegime('CHOPPY') // 'MEAN_REVERTING'
 */
export function toMarketRegime(name: unknown, field = 'regime'): MarketRegime {
  if (typeof name === 'string') {
    if ((MARKET_REGIMES as readonly string[]).includes(name)) return name as MarketRegime;
    if (Object.hasOwn(LEGACY_AGENT_REGIMES, name)) return LEGACY_AGENT_REGIMES[name as keyof typeof LEGACY_AGENT_REGIMES];
  }
  const fieldName = typeof field === 'string' && field !== '' ? field : 'regime';
  throw new SizewiseError(
    'UNKNOWN_VALUE',
    fieldName,
    `${fieldName} must be a market regime (${MARKET_REGIMES.join(', ')}) or an earlier agent label (${Object.keys(LEGACY_AGENT_REGIMES).join(', ')}), received ${describeValue(name)}`,
    name,
  );
}
