// Evaluation: what sizing rules are compared by.
export { evaluateSizing, EVALUATE_SIZING_DEFAULTS, type EvaluateSizingOptions, type SizingEvaluation, type SizeBucket } from './evaluateSizing.js';
export { compareSizing } from './compareSizing.js';
export {
  compareOutcomes,
  COMPARE_SIZING_DEFAULTS,
  SIZING_METRICS,
  MAX_RESAMPLES,
  type CompareSizingOptions,
  type SizingComparison,
  type SizingMetric,
} from './compareOutcomes.js';
export { sharpeStandardError } from './sharpeStandardError.js';
export { equityCurveStats, EQUITY_CURVE_DEFAULTS, type EquityCurveOptions, type EquityCurveStats } from './equityCurveStats.js';
export type { AccountStats } from './accountStats.js';
export type { AnnualisationOptions } from './annualisation.js';
export {
  predictedVsRealised,
  PREDICTED_VS_REALISED_DEFAULTS,
  type PredictedEdge,
  type PredictedVsRealised,
  type PredictedVsRealisedOptions,
  type ProbabilityAccuracy,
  type ProbabilityBin,
  type ExpectancyAccuracy,
} from './predictedVsRealised.js';
export { MAX_SIZE_BUCKETS, type SizeBucketSpec } from './sizeBuckets.js';
export { MAX_SIZE, MAX_PERIOD_RETURN } from './limits.js';
export {
  backtestSizing,
  BACKTEST_SIZING_DEFAULTS,
  type BacktestSizingOptions,
  type BacktestTrade,
  type SizedTrade,
  type SizeTrade,
  type SizingBacktest,
} from './backtestSizing.js';
export { flatRisk, FLAT_RISK_DEFAULTS, type FlatRiskOptions, type StopTrade } from './flatRisk.js';
export { sizingPerformance, type SizingPerformance } from './sizingPerformance.js';
