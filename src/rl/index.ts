// The Q-learning sizing agent and what feeds it.
export {
  QLearningSizer,
  Q_LEARNING_DEFAULTS,
  TRAIN_DEFAULTS,
  REWARD_WINDOW,
  MAX_TABLE_BYTES,
  type QLearningSpec,
  type EpsilonSchedule,
  type Transition,
  type Decision,
  type PolicyRow,
  type QLearningMetrics,
  type SavedQLearningSizer,
} from './QLearningSizer.js';
export { ActionSpace, DEFAULT_ACTIONS, DEFAULT_EXIT_GRID, MAX_ACTIONS, type ActionInfo, type ExitGrid } from './ActionSpace.js';
export { StateEncoder, MAX_STATES, type StateInput } from './StateEncoder.js';
export {
  DEFAULT_STATE_SPEC,
  COMPACT_STATE_SPEC,
  REGIMES,
  type Regime,
  type StateSpec,
  type StateFeature,
  type BinnedFeature,
  type CategoricalFeature,
} from './stateSpec.js';
export { seedReward, SEED_REWARD_DEFAULTS, type SeedRewardOptions, type RewardFunction, type TradeOutcome } from './seedReward.js';
export { qUpdateTwin, qReplayTwin } from './qUpdateTwin.js';
export type { TransitionBatch } from './transitionBatch.js';
export { rlMultiplier } from './rlMultiplier.js';
export { marketFeatures, MARKET_FEATURE_DEFAULTS, type MarketFeatureColumns, type MarketFeatureOptions } from './marketFeatures.js';
export { regimeLabel, REGIME_DEFAULTS, type RegimeThresholds } from './regimeLabel.js';
export { tradeSamples, type TradeSample, type MarketState } from './tradeSamples.js';
export { extendedTrainingSamples } from './extendedTrainingSamples.js';
export { exitGridOutcome } from './exitGridOutcome.js';
export { sizingPerformance, type SizingPerformance } from './sizingPerformance.js';
export { qLearningWalkForward, pickState, WALK_FORWARD_DEFAULTS, type WalkForwardOptions, type WalkForwardResult } from './qLearningWalkForward.js';
export { SyntheticSizingEnv, SYNTHETIC_STATES, logGrowthReward } from './SyntheticSizingEnv.js';
