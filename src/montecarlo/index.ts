export type { TradeModel, SimulateOptions, ExposureOutcome, SimulationResult } from './types.js';
export { simulate, closePool, INLINE_MAX_STEPS, COLD_POOL_MIN_STEPS } from './simulate.js';
export { SIMULATE_DEFAULTS, MONTECARLO_LIMITS } from './simulationJob.js';
export { exactBinary, EXACT_BINARY_DEFAULTS, EXACT_BINARY_LIMITS, type ExactBinaryOptions } from './exactBinary.js';
export { recommendExposure, type RecommendExposureOptions, type ExposureRecommendation } from './recommendExposure.js';
