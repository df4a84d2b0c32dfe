export type { Calibrator, CalibratorJSON } from './Calibrator.js';
export { plattCalibration, PlattCalibrator, PLATT_DEFAULTS, type PlattOptions } from './plattCalibration.js';
export { isotonicCalibration, IsotonicCalibrator } from './isotonicCalibration.js';
export { calibratorFromJSON } from './calibratorFromJSON.js';
export {
  calibrationReport,
  CALIBRATION_REPORT_DEFAULTS,
  LOG_LOSS_EPSILON,
  type CalibrationReport,
  type CalibrationReportOptions,
  type ReliabilityBin,
} from './calibrationReport.js';
export { modelWeights, MODEL_WEIGHTS_DEFAULTS, type ForecastRecord, type ModelWeightsOptions } from './modelWeights.js';
export { ensembleProbability, type EnsembleProbability } from './ensembleProbability.js';
export { WinRatePosterior, UNIFORM_PRIOR, MAX_BETA_PARAMETER, type BetaBelief, type BetaBeliefJSON } from './WinRatePosterior.js';
export {
  probabilityKelly,
  PROBABILITY_KELLY_DEFAULTS,
  type ProbabilityKellyInput,
  type ProbabilityKellyOptions,
  type ProbabilityKellyResult,
} from './probabilityKelly.js';
export { LogisticRegression, LOGISTIC_REGRESSION_DEFAULTS, type LogisticRegressionOptions } from './LogisticRegression.js';
export { compareBrier, type BrierComparison } from './compareBrier.js';
export { MARKET_FEATURE_SOURCE, type FeatureSource } from './FeatureSource.js';
export { REGIME_FEATURE_SOURCE } from './regimeFeatureSource.js';
export {
  probabilityWalkForward,
  PROBABILITY_WALK_FORWARD_DEFAULTS,
  type ProbabilityWalkForwardOptions,
  type ProbabilityWalkForwardResult,
  type HeldOutTrade,
  type SizingRow,
} from './probabilityWalkForward.js';
