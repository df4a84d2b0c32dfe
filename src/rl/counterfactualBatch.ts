import { SizewiseError, describeValue } from '../errors.js';
import type { ActionInfo } from './ActionSpace.js';
import { checkReward, type TransitionContext } from './checkTransition.js';
import { checkTradeOutcome } from './checkTradeOutcome.js';
import type { TransitionBatch } from './qUpdate.js';
import type { TradeOutcome } from './seedReward.js';
import type { StateInput } from './StateEncoder.js';

/** A closed trade as counterfactual training data: its state, and its outcome (or the outcome per action). */
export interface CounterfactualSample<S extends StateInput = StateInput> {
  state: S;
  outcome?: TradeOutcome;
  /** The outcome under each action, when the action changes it (an exit grid's stops and targets). */
  outcomeFor?: (action: ActionInfo) => TradeOutcome;
}

/**
 * Counterfactual transitions: a size multiplier does not change a trade's path, so one
 * outcome gives the reward of every multiplier. One row per (sample, action),
 * sample-major, each a finished episode (next state = state, done = 1). With an exit
 * grid, stops and targets do change the outcome: each sample then gives `outcomeFor`.
 */
export function counterfactualBatch(samples: readonly CounterfactualSample[], agent: TransitionContext, field = 'samples'): TransitionBatch {
  if (!Array.isArray(samples)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array, received ${describeValue(samples)}`, samples);
  const nA = agent.actions.size;
  const n = samples.length * nA;
  const batch: TransitionBatch = { state: new Int32Array(n), action: new Int32Array(n), reward: new Float64Array(n), nextState: new Int32Array(n), done: new Uint8Array(n).fill(1) };
  const infos = Array.from({ length: nA }, (_, a) => agent.actions.decode(a));
  // By index, not forEach: a hole in the array is a missing sample, not one to skip.
  for (let i = 0; i < samples.length; i++) {
    const at = `${field}[${i}]`;
    const sample: unknown = samples[i];
    if (sample === null || typeof sample !== 'object') throw new SizewiseError('INVALID_TYPE', at, `${at} must be { state, outcome }, received ${describeValue(sample)}`, sample);
    const { state, outcome, outcomeFor } = sample as CounterfactualSample;
    for (const key of Object.keys(sample)) {
      if (key !== 'state' && key !== 'outcome' && key !== 'outcomeFor') {
        throw new SizewiseError('UNKNOWN_KEY', `${at}.${key}`, `${at}.${key} is not a sample field (known: state, outcome, outcomeFor)`);
      }
    }
    const s = agent.states.encode(state, `${at}.state`);
    if (outcomeFor !== undefined && typeof outcomeFor !== 'function') {
      throw new SizewiseError('INVALID_TYPE', `${at}.outcomeFor`, `${at}.outcomeFor must be a function of the action, received ${describeValue(outcomeFor)}`, outcomeFor);
    }
    if (outcomeFor === undefined && agent.actions.grid !== null) {
      throw new SizewiseError('INVALID_TYPE', `${at}.outcomeFor`, `${at}.outcomeFor is required with an exit grid: stops and take-profits change the outcome`);
    }
    if (outcomeFor !== undefined && outcome !== undefined) {
      throw new SizewiseError('INVALID_TYPE', `${at}.outcome`, `${at}: give outcome or outcomeFor, not both`);
    }
    const shared = outcomeFor === undefined ? checkTradeOutcome(outcome, `${at}.outcome`) : undefined;
    for (let a = 0; a < nA; a++) {
      const k = i * nA + a;
      const o = shared ?? checkTradeOutcome((outcomeFor as (action: ActionInfo) => TradeOutcome)(infos[a]), `${at}.outcomeFor(${a})`);
      batch.state[k] = s;
      batch.nextState[k] = s;
      batch.action[k] = a;
      batch.reward[k] = checkReward(agent.reward(o, infos[a]), `${at}.reward`);
    }
  }
  return batch;
}
