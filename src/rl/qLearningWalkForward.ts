import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { SizewiseError } from '../errors.js';
import { inRange, integer, knownKeys } from '../validate.js';
import { ActionSpace, DEFAULT_ACTIONS } from './ActionSpace.js';
import { QLearningSizer, type PolicyRow } from './QLearningSizer.js';
import { MAX_REPLAY, type QLearningSpec } from './qLearningSpec.js';
import { sizingPerformance, type SizingPerformance } from './sizingPerformance.js';
import { COMPACT_STATE_SPEC, type StateSpec } from './stateSpec.js';
import type { MarketState, TradeSample } from './tradeSamples.js';

export interface WalkForwardOptions {
  /** Share of the bars (by time) used for training. */
  trainFraction: number;
  /**
   * Agent spec; states default to the compact regime × volatility spec, `replay` to one
   * slot per training transition (trades × actions, at most MAX_REPLAY).
   */
  agent: Omit<QLearningSpec, 'states'> & { states?: StateSpec };
  /** Replay epochs over the training transitions. */
  epochs: number;
  batchSize: number;
  /** Trading days per year, to annualise the Sharpe ratio. */
  daysPerYear: number;
}

/** Reports of training progress per walk-forward: epochs are trained in this many slices at most. */
export const WALK_FORWARD_PROGRESS_STEPS = 50;

export const WALK_FORWARD_DEFAULTS = Object.freeze({
  trainFraction: 0.7,
  agent: Object.freeze({ alpha: 0.05, seed: 1 }),
  epochs: 100,
  batchSize: 32,
  daysPerYear: 252,
});

export interface WalkForwardResult {
  /** First bar of the held-out period. */
  splitDate: string;
  /** Trades closed before the split (from the evaluated series), used for training. */
  trainTrades: number;
  /** Trades from other sources closed before the split date, also used for training. */
  extraTrainTrades: number;
  /** Trades open across the split: in neither set. */
  straddling: number;
  heldOutTrades: number;
  /** Length of the held-out period in years (bars ÷ daysPerYear). */
  heldOutYears: number;
  /** The frozen agent (dispose it when done). */
  agent: QLearningSizer;
  policy: PolicyRow[];
  /** Multiplier the frozen agent gave each held-out trade. */
  multipliers: number[];
  learned: SizingPerformance;
  /** Constant 1.0× on the same trades. */
  constant: SizingPerformance;
  /** Constant at the learned average multiplier: separates "sized better" from "sized bigger". */
  constantAtAverage: SizingPerformance;
}

/**
 * Honest walk-forward evaluation of the Q-learning sizer: train on trades that closed
 * within the first `trainFraction` of the period (plus optional extra samples closed
 * before the split date), freeze the agent, then size each held-out trade (signal on
 * or after the split) with its greedy multiplier and compare with a constant 1.0× on
 * the same trades. Training uses counterfactual transitions (every multiplier's
 * reward from each trade) replayed for `epochs`; nothing is tuned on the held-out part.
 * Rejects (field `options.trainFraction`) when no trade is signalled after the split.
 */
export async function qLearningWalkForward(
  bars: OhlcvColumns,
  samples: readonly TradeSample[],
  options: Partial<WalkForwardOptions> & { extra?: readonly TradeSample[]; onProgress?: (epochsDone: number, epochs: number) => void } = {},
): Promise<WalkForwardResult> {
  knownKeys(options, 'options', ['trainFraction', 'agent', 'epochs', 'batchSize', 'daysPerYear', 'extra', 'onProgress']);
  const o: WalkForwardOptions = { ...WALK_FORWARD_DEFAULTS, ...options };
  inRange(o.trainFraction, 'options.trainFraction', { min: 0, max: 1, minOpen: true, maxOpen: true });
  integer(o.epochs, 'options.epochs', 1);
  const n = bars.close.length;
  const splitIndex = Math.floor(n * o.trainFraction);
  const splitDate = bars.date[splitIndex];
  const train = samples.filter((s) => s.trade.exitIndex < splitIndex);
  const heldOut = samples.filter((s) => s.signalIndex >= splitIndex);
  if (heldOut.length === 0) {
    throw new SizewiseError(
      'EMPTY_INPUT',
      'options.trainFraction',
      `options.trainFraction ${o.trainFraction} leaves no trade signalled on or after the split (${splitDate}) to evaluate; use a smaller fraction`,
      o.trainFraction,
    );
  }
  const extra = (options.extra ?? []).filter((s) => s.trade.closedAt < splitDate);
  const states = o.agent.states ?? COMPACT_STATE_SPEC;
  const learning = [...train, ...extra].sort((a, b) => String(a.trade.closedAt).localeCompare(String(b.trade.closedAt)));
  // Room for every counterfactual transition (one per trade and action) unless the caller
  // chose a size; above MAX_REPLAY the ring buffer keeps the most recent trades.
  const actions = new ActionSpace(o.agent.actions ?? DEFAULT_ACTIONS, o.agent.grid, 'options.agent.actions', 'options.agent.grid').size;
  const replay = o.agent.replay ?? Math.min(MAX_REPLAY, Math.max(1, learning.length * actions));
  const agent = await QLearningSizer.create({ ...WALK_FORWARD_DEFAULTS.agent, ...o.agent, states, replay });
  const batch = agent.counterfactualBatch(learning.map((s) => ({ state: pickState(states, s.state), outcome: s.outcome })));
  if (batch.state.length > 0) {
    // In slices of epochs, to report progress: the replay stream runs on from slice to
    // slice, so the table is the one a single train() call of every epoch gives.
    const slice = options.onProgress === undefined ? o.epochs : Math.ceil(o.epochs / WALK_FORWARD_PROGRESS_STEPS);
    for (let done = 0; done < o.epochs; done += slice) {
      const epochs = Math.min(slice, o.epochs - done);
      agent.train(done === 0 ? batch : [], { epochs, batchSize: o.batchSize });
      options.onProgress?.(done + epochs, o.epochs);
    }
  }
  const multipliers = heldOut.map((s) => agent.multiplier(pickState(states, s.state)));
  const returns = heldOut.map((s) => s.outcome.returnFraction);
  const tradesPerYear = heldOut.length / ((n - splitIndex) / o.daysPerYear);
  const learned = sizingPerformance(returns, multipliers, tradesPerYear);
  return {
    splitDate,
    trainTrades: train.length,
    extraTrainTrades: extra.length,
    straddling: samples.length - train.length - heldOut.length,
    heldOutTrades: heldOut.length,
    heldOutYears: (n - splitIndex) / o.daysPerYear,
    agent,
    policy: agent.policy(),
    multipliers,
    learned,
    constant: sizingPerformance(returns, new Array<number>(returns.length).fill(1), tradesPerYear),
    constantAtAverage: sizingPerformance(returns, new Array<number>(returns.length).fill(learned.averageMultiplier), tradesPerYear),
  };
}

/** The features a spec declares, taken from a market state. */
export function pickState(spec: StateSpec, state: MarketState): Record<string, number | string> {
  const all = state as unknown as Record<string, number | string>;
  return Object.fromEntries(spec.features.map((f) => [f.name, all[f.name]]));
}
