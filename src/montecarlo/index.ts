export type { TradeModel, SimulateOptions, ExposureOutcome, SimulationResult, DrawdownKey, DefaultDrawdownLevels } from './types.js';
export { simulate, closePool } from './simulate.js';
export { SIMULATE_DEFAULTS, MONTECARLO_LIMITS } from './simulationJob.js';
export { exactBinary, EXACT_BINARY_DEFAULTS, EXACT_BINARY_LIMITS, type ExactBinaryOptions, type ExactBinaryOutcome } from './exactBinary.js';
export { recommendExposure, type RecommendExposureOptions, type ExposureRecommendation, type DrawdownLevel } from './recommendExposure.js';
export { medianGrowth } from './medianGrowth.js';
