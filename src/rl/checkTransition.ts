import { SizewiseError, describeValue } from '../errors.js';
import { finite, inRange, knownKeys } from '../validate.js';
import type { ActionSpace } from './ActionSpace.js';
import { checkTradeOutcome } from './checkTradeOutcome.js';
import { MAX_REWARD } from './qUpdate.js';
import type { RewardFunction, TradeOutcome } from './seedReward.js';
import type { StateEncoder, StateInput } from './StateEncoder.js';

/** One experience: the state, the action taken, what came of it, and where it led. S is the agent's state type (StateOf). */
export interface Transition<S extends StateInput = StateInput> {
  state: S;
  action: number;
  /** The reward; give either this or `outcome` (then the reward function computes it). */
  reward?: number;
  outcome?: TradeOutcome;
  /** The next state, needed when `done` is false. */
  nextState?: S;
  /** Whether the episode ends here; default true (one trade, one episode). */
  done?: boolean;
}

/** A transition as the table takes it: indices and a checked reward. */
export interface TransitionRow {
  state: number;
  action: number;
  reward: number;
  nextState: number;
  done: boolean;
}

/** What checking a transition needs from its agent. */
export interface TransitionContext {
  readonly states: StateEncoder;
  readonly actions: ActionSpace;
  readonly reward: RewardFunction;
}

/**
 * Checks a Transition object (errors name `${field}.state` …), encodes its states and
 * computes its reward from the outcome when no reward is given.
 */
export function checkTransition(t: unknown, field: string, agent: TransitionContext): TransitionRow {
  if (t === null || typeof t !== 'object') throw new SizewiseError('INVALID_TYPE', field, `${field} must be a transition object, received ${describeValue(t)}`, t);
  knownKeys(t, field, ['state', 'action', 'reward', 'outcome', 'nextState', 'done']);
  const tr = t as Transition;
  const state = agent.states.encode(tr.state, `${field}.state`);
  const action = agent.actions.check(tr.action, `${field}.action`);
  const done = tr.done ?? true;
  if (typeof done !== 'boolean') throw new SizewiseError('INVALID_TYPE', `${field}.done`, `${field}.done must be a boolean, received ${describeValue(done)}`, done);
  let nextState = state;
  if (tr.nextState !== undefined) nextState = agent.states.encode(tr.nextState, `${field}.nextState`);
  else if (!done) throw new SizewiseError('INVALID_TYPE', `${field}.nextState`, `${field}.nextState is required when done is false`);
  let reward: number;
  if (tr.reward !== undefined) {
    if (tr.outcome !== undefined) throw new SizewiseError('INVALID_TYPE', `${field}.outcome`, `${field}: give reward or outcome, not both`);
    reward = checkReward(tr.reward, `${field}.reward`);
  } else {
    if (tr.outcome === undefined) throw new SizewiseError('INVALID_TYPE', `${field}.reward`, `${field} needs a reward or an outcome`);
    const outcome = checkTradeOutcome(tr.outcome, `${field}.outcome`);
    reward = checkReward(agent.reward(outcome, agent.actions.decode(action)), `${field}.reward`);
  }
  return { state, action, reward, nextState, done };
}

/** A reward given or computed: finite and within ±MAX_REWARD. */
export function checkReward(reward: unknown, field: string): number {
  return inRange(finite(reward, field), field, { min: -MAX_REWARD, max: MAX_REWARD });
}
