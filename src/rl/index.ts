// The Q-learning sizing agent and what feeds it. The twins (qUpdateTwin), the synthetic
// test environment, the random batch generator and the walk-forward study on the
// reference strategy (tradeSamples, extendedTrainingSamples, exitGridOutcome,
// qLearningWalkForward) are not part of the API: tests and the CLI import their files.
export {
  QLearningSizer,
  TRAIN_DEFAULTS,
  MAX_EPOCHS,
  type Decision,
  type PolicyRow,
  type QLearningMetrics,
} from './QLearningSizer.js';
export { Q_LEARNING_DEFAULTS, MAX_TABLE_BYTES, MAX_REPLAY, type QLearningSpec, type EpsilonSchedule } from './qLearningSpec.js';
export { REWARD_WINDOW } from './RewardWindow.js';
export { SAVE_VERSION, type SavedQLearningSizer } from './savedQLearningSizer.js';
export type { Transition } from './checkTransition.js';
export type { CounterfactualSample } from './counterfactualBatch.js';
export {
  allocateTransitions,
  allocateTransitionsSync,
  MAX_REWARD,
  type TransitionBatch,
  type WasmTransitionColumns,
} from './qUpdate.js';
// The agent's `actions` and `states`: their types, not their constructors (the agent builds them).
export { DEFAULT_ACTIONS, DEFAULT_EXIT_GRID, MAX_ACTIONS, type ActionSpace, type ActionInfo, type ExitGrid } from './ActionSpace.js';
export { MAX_STATES, type StateEncoder, type StateInput } from './StateEncoder.js';
export {
  DEFAULT_STATE_SPEC,
  COMPACT_STATE_SPEC,
  REGIMES,
  type Regime,
  type StateSpec,
  type StateFeature,
  type BinnedFeature,
  type CategoricalFeature,
  type StateOf,
  type MarketState,
  type CompactMarketState,
} from './stateSpec.js';
export { seedReward, SEED_REWARD_DEFAULTS, type SeedRewardOptions, type RewardFunction, type TradeOutcome, type TradeOutcomeDetails, type OutputTradeOutcome } from './seedReward.js';
export { logGrowthReward } from './logGrowthReward.js';
export { rlMultiplier } from './rlMultiplier.js';
export { marketFeatures, MARKET_FEATURE_DEFAULTS, type MarketFeatureColumns, type MarketFeatureOptions } from './marketFeatures.js';
export { regimeLabel, REGIME_DEFAULTS, type RegimeThresholds } from './regimeLabel.js';
export { sizingPerformance, type SizingPerformance } from './sizingPerformance.js';
