export { StrategyTracker, STRATEGY_TRACKER_DEFAULTS, type StrategyTrackerOptions, type KellyState, type EdgeEventDetail } from './StrategyTracker.js';
export {
  adjustKellyForPerformance,
  PERFORMANCE_ADJUSTMENT_DEFAULTS,
  type PerformanceAdjustmentOptions,
  type KellyAdjustment,
} from './adjustKellyForPerformance.js';
export { replayIntoTracker, type ReplayOptions, type ReplayStep } from './replayIntoTracker.js';
