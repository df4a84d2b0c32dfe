import { binaryGrowth } from '../kelly/growthRate.js';
import type { BinaryEdge } from '../kelly/types.js';
import { Xoshiro128 } from '../random/xoshiro128.js';
import { seed as checkSeed } from '../validate.js';
import { returnFields } from '../edge/tradeReturn.js';
import type { OutputTradeOutcome } from './seedReward.js';

/**
 * Four market states whose growth-optimal multiplier (over the default actions
 * 0.5 … 2.0, exposure = multiplier) is 0.5, 1.0, 1.5 and 2.0 respectively. Payoffs are
 * large on purpose: the log-growth curve must be curved enough that neighbouring
 * multipliers differ by more than a few standard errors of the learner.
 */
export const SYNTHETIC_STATES: readonly Readonly<BinaryEdge>[] = Object.freeze([
  Object.freeze({ winProbability: 0.35, winReturn: 2.34, lossReturn: 0.45 }),
  Object.freeze({ winProbability: 0.6, winReturn: 1.2, lossReturn: 0.45 }),
  Object.freeze({ winProbability: 0.8, winReturn: 0.72, lossReturn: 0.45 }),
  Object.freeze({ winProbability: 0.8, winReturn: 0.7, lossReturn: 0.35 }),
]);

/**
 * A test environment, not part of the package API: a synthetic trading environment where the best multiplier per state is known: each
 * state is a binary bet (win `winReturn` with probability p, else lose `lossReturn`);
 * the state of each trade is drawn uniformly; everything is seeded. The optimum under
 * `logGrowthReward` is the action maximising g(m) = p·ln(1 + m·w) + q·ln(1 − m·l)
 * (Kelly 1956), computed in closed form by `optimalAction`.
 */
export class SyntheticSizingEnv {
  readonly states: readonly Readonly<BinaryEdge>[];
  private readonly rng: Xoshiro128;

  constructor(states: readonly Readonly<BinaryEdge>[] = SYNTHETIC_STATES, seed = 0) {
    this.states = states;
    this.rng = new Xoshiro128(checkSeed(seed), 0);
  }

  /** The next trade: its state index and its outcome (return of a 1.0× position). */
  next(): { state: number; outcome: OutputTradeOutcome } {
    const state = this.rng.nextIndex(this.states.length);
    const e = this.states[state];
    const win = this.rng.nextFloat() < e.winProbability;
    return { state, outcome: returnFields(win ? e.winReturn : -e.lossReturn) };
  }

  /** Expected log growth of each multiplier in a state (closed form). */
  expectedReward(state: number, multipliers: readonly number[]): number[] {
    return multipliers.map((m) => binaryGrowth(this.states[state], m));
  }

  /** Index of the growth-optimal multiplier in a state. */
  optimalAction(state: number, multipliers: readonly number[]): number {
    const g = this.expectedReward(state, multipliers);
    return g.indexOf(Math.max(...g));
  }
}
