import { SizewiseError, describeValue } from '../errors.js';
import { QLearningSizer } from './QLearningSizer.js';
import type { StateInput } from './StateEncoder.js';

/**
 * The RL sizing layer's input: the agent's greedy multiplier for the current state
 * (no exploration unless `explore` is set), clamped to `range` (default: the agent's
 * configured range). Feed the result to a sizing request as `rlMultiplier`.
 *
 * @example rlMultiplier(agent, { regime: 'HIGH_VOL', volatility: 1.4 }, { range: [0.5, 1.5] }) // e.g. 0.5
 */
export function rlMultiplier<S extends StateInput>(agent: QLearningSizer<S>, state: NoInfer<S>, opts: { explore?: boolean; range?: readonly [number, number] } = {}): number {
  if (!(agent instanceof QLearningSizer)) {
    throw new SizewiseError('INVALID_TYPE', 'agent', `agent must be a QLearningSizer, received ${describeValue(agent)}`, agent);
  }
  return agent.multiplier(state, opts);
}
