// The regime classifier and scaling templates: features at entry, templates, the
// position manager, hindsight labels, the decision tree, purged cross-validation and the
// walk-forward test. (ScalingRegime says how to scale; it is not a market regime.)
export { adx } from './adx.js';
export { rsi } from './rsi.js';
export {
  regimeFeatures,
  REGIME_FEATURE_DEFAULTS,
  MARKET_FEATURE_NAMES,
  type RegimeFeatureColumns,
  type RegimeFeatureOptions,
} from './regimeFeatures.js';
export {
  strategyFeatures,
  STRATEGY_FEATURE_DEFAULTS,
  STRATEGY_FEATURE_NAMES,
  type StrategyFeatureColumns,
  type StrategyFeatureOptions,
  type StrategyTradeOutcome,
} from './strategyFeatures.js';
export {
  SCALING_REGIMES,
  EXIT_BIASES,
  EXIT_BIAS_FRACTIONS,
  SCALING_REGIME_TEMPLATES,
  type ScalingRegime,
  type ExitBias,
} from './scalingRegime.js';
export {
  SCALING_TEMPLATES,
  FULL_POSITION_TEMPLATE,
  SIZE_TOLERANCE,
  resolveScalingTemplate,
  type ScalingTemplate,
  type ScalingTemplateName,
} from './scalingTemplates.js';
export type { PricePath, TradeSide } from './pricePath.js';
export { managePosition, MANAGE_POSITION_DEFAULTS, type ManagedTrade, type ManagePositionOptions, type PositionFill } from './managePosition.js';
export { labelTrade, LABEL_DEFAULTS, type LabelOptions, type TradeLabel } from './labelTrade.js';
export { tradePath, type RegimeTrade } from './tradePath.js';
export { regimeSamples, REGIME_FEATURE_NAMES, type RegimeSample, type RegimeSampleOptions, type RegimeFeatureName } from './regimeSamples.js';
export { DecisionTree, DECISION_TREE_DEFAULTS, type DecisionTreeOptions, type DecisionTreeNode, type SavedDecisionTree } from './DecisionTree.js';
export { purgedKFold, PURGED_K_FOLD_DEFAULTS, type LabelSpan, type PurgedFold, type PurgedKFoldOptions } from './purgedKFold.js';
export { crossValidateTreeDepth, TREE_DEPTH_DEFAULTS, type DepthScore, type DepthSelection, type TreeDepthOptions } from './crossValidateTreeDepth.js';
export { scalingDecision, type ScalingDecision, type RegimeTemplates } from './scalingDecision.js';
export { scalingFactor, SCALING_FACTOR_DEFAULTS, type ScalingFactor, type ScalingFactorOptions } from './scalingFactor.js';
export type { RegimeRow } from './regimeRow.js';
export {
  regimeWalkForward,
  REGIME_WALK_FORWARD_DEFAULTS,
  type RegimeWalkForwardOptions,
  type RegimeWalkForwardResult,
  type RegimeChecks,
  type RegimeSymbolResult,
  type RegimeDecisionRow,
} from './regimeWalkForward.js';
