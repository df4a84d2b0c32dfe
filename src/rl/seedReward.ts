import type { ReturnFields } from '../edge/trade.js';
import { finite, knownKeys, nonNegative } from '../validate.js';
import type { ActionInfo } from './ActionSpace.js';
import { checkRewardInput, finiteReward } from './checkRewardInput.js';
import { tradeReturnField } from '../edge/tradeReturn.js';

/** What a trade did besides its return (returns are fractions of the position's notional). */
export interface TradeOutcomeDetails {
  /** Realised risk-reward: the return in units of the initial risk. */
  rMultiple?: number;
  /** Worst excursion while open, as a return of a unit position (≤ 0). */
  maxAdverseExcursion?: number;
}

/**
 * What a trade did, as a caller gives it: the return of a unit (1.0×) position as
 * `returnFraction` (−0.018 = −1.8 %), or under the deprecated name `returnPct` (the same
 * quantity); both only with the same value, as sizewise's own outcomes carry them.
 */
export type TradeOutcome =
  | (TradeOutcomeDetails & {
      /** Return of a unit (1.0×) position, as a fraction: −0.018 = −1.8 %. */
      returnFraction: number;
      /** @deprecated use returnFraction (accepted beside it only with the same value). */
      returnPct?: number;
    })
  | (TradeOutcomeDetails & {
      /** @deprecated use returnFraction: the same quantity, a fraction (−0.018 = −1.8 %) despite its name. */
      returnPct: number;
      returnFraction?: undefined;
    });

/** A trade outcome as sizewise hands it out (and as a reward function receives it): the return under both names. */
export interface OutputTradeOutcome extends TradeOutcomeDetails, ReturnFields {}

/** A reward: the outcome of a trade taken with a given action → a finite number. */
export type RewardFunction = (outcome: OutputTradeOutcome, action: ActionInfo) => number;

export interface SeedRewardOptions {
  /** Points per percent of P&L. */
  pnlScale: number;
  /** Realised risk-reward at or above which the bonus is paid. */
  riskRewardThreshold: number;
  riskRewardBonus: number;
  /** Drawdown of the sized position (multiplier × max adverse excursion) beyond which the penalty applies, as a fraction (≥ 0). */
  drawdownLimit: number;
  drawdownPenalty: number;
}

export const SEED_REWARD_DEFAULTS: Readonly<SeedRewardOptions> = Object.freeze({
  pnlScale: 10,
  riskRewardThreshold: 2,
  riskRewardBonus: 5,
  drawdownLimit: 0.05,
  drawdownPenalty: 10,
});

/**
 * The seeds' reward: pnl% × 10, + 5 when the realised risk-reward is ≥ 2, − 10 when
 * the trade's max drawdown is worse than −5 %. The P&L is in percent of the unit
 * position and scales with the size multiplier (a +2 % trade at 1.5× is 3 % → 30
 * points); the drawdown is the sized one, multiplier × max adverse excursion; the
 * risk-reward (R-multiple) does not depend on size. With these, a larger multiplier
 * earns more on a winning state and pays the drawdown penalty sooner. `options` may
 * give any of SEED_REWARD_DEFAULTS' fields. A reward too large for a double is an
 * OUT_OF_RANGE error, never ±Infinity.
 *
 * @example seedReward({ returnFraction: 0.02, rMultiple: 2.5, maxAdverseExcursion: -0.01 }, { action: 0, multiplier: 1 }) // 25
 */
export function seedReward(outcome: TradeOutcome, action: ActionInfo, options: Readonly<Partial<SeedRewardOptions>> = SEED_REWARD_DEFAULTS): number {
  const input = checkRewardInput(outcome, action);
  knownKeys(options, 'options', Object.keys(SEED_REWARD_DEFAULTS));
  const o = { ...SEED_REWARD_DEFAULTS, ...options };
  finite(o.pnlScale, 'options.pnlScale');
  finite(o.riskRewardThreshold, 'options.riskRewardThreshold');
  finite(o.riskRewardBonus, 'options.riskRewardBonus');
  nonNegative(o.drawdownLimit, 'options.drawdownLimit');
  finite(o.drawdownPenalty, 'options.drawdownPenalty');
  return finiteReward(seedRewardOf(input.outcome, input.action, o), 'seed reward', tradeReturnField(outcome, 'outcome'));
}

/** The seeds' reward on input already checked (the agent checks each outcome itself). */
export function seedRewardOf(outcome: OutputTradeOutcome, action: ActionInfo, options: Readonly<SeedRewardOptions>): number {
  const pnlPercent = action.multiplier * outcome.returnFraction * 100;
  let reward = pnlPercent * options.pnlScale;
  if (outcome.rMultiple !== undefined && outcome.rMultiple >= options.riskRewardThreshold) reward += options.riskRewardBonus;
  if (outcome.maxAdverseExcursion !== undefined && action.multiplier * outcome.maxAdverseExcursion < -options.drawdownLimit) {
    reward -= options.drawdownPenalty;
  }
  return reward;
}
